import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import type { DataSource } from 'typeorm';
import type { BonusOperationKind, BonusOperationSort, BonusOperationView, BonusStatementView, Page } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { moscowDay } from '../../platform/moscow';

export interface OperationFilter {
  kind?: BonusOperationKind[];
  direction?: 'in' | 'out';
  /** Inclusive Moscow day `YYYY-MM-DD`. */
  from?: string;
  /** Inclusive Moscow day `YYYY-MM-DD`. */
  to?: string;
  sort?: BonusOperationSort;
}

interface Row {
  id: string;
  seq: string;
  kind: BonusOperationKind;
  points: string;
  balance_after: string;
  description: string;
  card_number: string | null;
  station: string | null;
  receipt_id: string | null;
  created_at: Date;
}

const toView = (r: Row): BonusOperationView => ({
  id: r.id,
  kind: r.kind,
  points: Number(r.points),
  balanceAfter: Number(r.balance_after),
  description: r.description,
  cardNumber: r.card_number,
  station: r.station,
  receiptId: r.receipt_id,
  createdAt: r.created_at.toISOString(),
});

const KIND_RU: Record<BonusOperationKind, string> = {
  accrual: 'Начисление',
  spend: 'Оплата баллами',
  reversal: 'Отмена начисления',
  return: 'Возврат баллов',
  expiry: 'Сгорание',
  transfer_out: 'Перевод участнику',
  transfer_in: 'Перевод от участника',
  reward: 'Обмен на награду',
  adjustment: 'Корректировка',
};

export const BONUS_EXPORT_COLUMNS = ['Дата и время (МСК)', 'Операция', 'Баллы', 'Остаток', 'Описание', 'Карта', 'АЗС', 'Чек'];

const dayStart = (d: string) => new Date(`${d}T00:00:00+03:00`);

/** A position in the history: the sort, the last row's time and its sequence number (the order within a transaction). */
function encode(sort: BonusOperationSort, at: string, seq: string): string {
  return Buffer.from(JSON.stringify([sort, at, seq])).toString('base64url');
}

function decode(sort: BonusOperationSort, cursor: string | undefined): { at: string; seq: string } | null {
  if (!cursor) return null;
  try {
    const [s, at, seq] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (s !== sort || typeof at !== 'string' || typeof seq !== 'string' || !/^\d{1,19}$/.test(seq) || Number.isNaN(Date.parse(at))) throw new Error();
    return { at, seq };
  } catch {
    throw AppError.validation([{ field: 'cursor', code: 'invalid_cursor', message: 'cursor must be a nextCursor of the same sort' }]);
  }
}

/**
 * A member's points history: keyset pages on (customer, created_at, id) — a deep page costs what the
 * first does — the same selection as CSV, and the monthly statement. Only the member's own rows, ever.
 */
export class BonusHistoryService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  private where(customerId: string, f: OperationFilter): { where: string[]; params: unknown[] } {
    if (f.from && f.to && f.to < f.from) throw AppError.validation([{ field: 'to', code: 'afterFrom', message: 'to must not be before from' }]);
    const params: unknown[] = [customerId];
    const where = ['o.customer_id = $1'];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.kind?.length) add('o.kind = ANY(?::text[])', f.kind);
    if (f.direction === 'in') where.push('o.points > 0');
    if (f.direction === 'out') where.push('o.points < 0');
    if (f.from) add('o.created_at >= ?', dayStart(f.from));
    if (f.to) add('o.created_at < ?', new Date(dayStart(f.to).getTime() + 24 * 3600_000));
    return { where, params };
  }

  private async rows(customerId: string, f: OperationFilter, limit: number, cursor?: string): Promise<Row[]> {
    const sort = f.sort ?? '-createdAt';
    const dir = sort === '-createdAt' ? 'DESC' : 'ASC';
    const { where, params } = this.where(customerId, f);
    const after = decode(sort, cursor);
    if (after) {
      params.push(new Date(after.at), after.seq);
      where.push(`(o.created_at, o.seq) ${dir === 'DESC' ? '<' : '>'} ($${params.length - 1}, $${params.length}::bigint)`);
    }
    params.push(limit);
    return this.ds.query(
      `SELECT o.id, o.seq, o.kind, o.points, o.balance_after, o.description, c.number AS card_number, p.station, p.receipt_id, o.created_at
         FROM bonus_operations o
         LEFT JOIN bonus_cards c ON c.id = o.card_id
         LEFT JOIN bonus_purchases p ON p.id = o.purchase_id
        WHERE ${where.join(' AND ')}
        ORDER BY o.created_at ${dir}, o.seq ${dir} LIMIT $${params.length}`,
      params,
    );
  }

  async list(customerId: string, f: OperationFilter & { limit: number; cursor?: string }): Promise<Page<BonusOperationView>> {
    const rows = await this.rows(customerId, f, f.limit + 1, f.cursor);
    const more = rows.length > f.limit;
    const page = more ? rows.slice(0, f.limit) : rows;
    const last = page[page.length - 1];
    return { items: page.map(toView), nextCursor: more ? encode(f.sort ?? '-createdAt', last.created_at.toISOString(), last.seq) : null };
  }

  /** The whole selection as CSV (UTF-8 with BOM, `;`), read 1,000 rows a query. */
  async csv(customerId: string, f: OperationFilter, res: Response): Promise<void> {
    this.where(customerId, f); // a bad filter is a 400 before anything is sent
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="bonus-history-${moscowDay(this.clock.now())}.csv"`);
    res.write('\uFEFF');
    const out = stringify({ delimiter: ';', header: true, columns: BONUS_EXPORT_COLUMNS });
    const when = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'short' });
    void (async () => {
      let cursor: string | undefined;
      const sort = f.sort ?? '-createdAt';
      do {
        const rows = await this.rows(customerId, f, 1000, cursor);
        for (const r of rows) {
          const line = [when.format(r.created_at), KIND_RU[r.kind], String(r.points), String(r.balance_after), r.description, r.card_number ?? '', r.station ?? '', r.receipt_id ?? ''];
          if (!out.write(line)) await once(out, 'drain');
        }
        const last = rows[rows.length - 1];
        cursor = rows.length === 1000 ? encode(sort, last.created_at.toISOString(), last.seq) : undefined;
      } while (cursor);
      out.end();
    })().catch((err: Error) => out.destroy(err));
    await pipeline(out, res);
  }

  /** One Moscow month: opening and closing balance and what moved, by kind. */
  async statement(customerId: string, month: string): Promise<BonusStatementView> {
    const start = new Date(`${month}-01T00:00:00+03:00`);
    const [y, m] = month.split('-').map(Number);
    const end = new Date(`${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01T00:00:00+03:00`);
    if (start > this.clock.now()) throw AppError.validation([{ field: 'month', code: 'notInFuture', message: 'month must not be in the future' }]);
    const [opening] = await this.ds.query(
      'SELECT balance_after FROM bonus_operations WHERE customer_id = $1 AND created_at < $2 ORDER BY created_at DESC, seq DESC LIMIT 1',
      [customerId, start],
    );
    const [closing] = await this.ds.query(
      'SELECT balance_after FROM bonus_operations WHERE customer_id = $1 AND created_at < $2 ORDER BY created_at DESC, seq DESC LIMIT 1',
      [customerId, end],
    );
    const sums: { kind: BonusOperationKind; points: string; n: number }[] = await this.ds.query(
      'SELECT kind, sum(points) AS points, count(*)::int AS n FROM bonus_operations WHERE customer_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY kind',
      [customerId, start, end],
    );
    const by = (k: BonusOperationKind) => Math.abs(Number(sums.find((s) => s.kind === k)?.points ?? 0));
    return {
      month,
      opening: Number(opening?.balance_after ?? 0),
      closing: Number(closing?.balance_after ?? 0),
      accrued: by('accrual'),
      spent: by('spend'),
      expired: by('expiry'),
      reversed: by('reversal'),
      returned: by('return'),
      transferredIn: by('transfer_in'),
      transferredOut: by('transfer_out'),
      rewards: by('reward'),
      adjustments: Number(sums.find((s) => s.kind === 'adjustment')?.points ?? 0),
      operations: sums.reduce((s, r) => s + r.n, 0),
    };
  }
}
