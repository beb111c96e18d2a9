import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import type { DataSource } from 'typeorm';
import type { LedgerKind, MonthlySummaryView, Page, TransactionSort, TransactionView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { rub } from '../../platform/money';
import { pageLimit, prepared } from '../../db/prepared';
import { monthBounds, moscowMonth, previousMonth } from '../../platform/moscow';
import { visibleAccountSql, type AccountsService } from '../accounts';

export interface HistoryFilter {
  sort?: TransactionSort;
  kind?: LedgerKind[];
  direction?: 'debit' | 'credit';
  /** Inclusive, `YYYY-MM-DD` (Moscow) or an ISO time. */
  from?: string;
  /** Inclusive day, `YYYY-MM-DD` (Moscow) or an ISO time (exclusive). */
  to?: string;
  minAmount?: number;
  maxAmount?: number;
}

interface Row {
  id: string;
  amount: string;
  kind: LedgerKind;
  description: string;
  balance_after: string;
  created_at: Date;
}

/** One line of the exported history, as the CSV (and the PDF detail report) shows it. */
export interface ExportRow {
  /** The cells under `EXPORT_COLUMNS`. */
  cells: string[];
  /** Kopecks, for totals. */
  amount: bigint;
}

/** Column headers of the exported history (CSV, PDF). */
export const EXPORT_COLUMNS = ['Дата и время (МСК)', 'Операция', 'Сумма, ₽', 'Описание', 'Остаток, ₽'];

const SORTS: Record<TransactionSort, { col: 'created_at' | 'amount'; dir: 'ASC' | 'DESC' }> = {
  '-createdAt': { col: 'created_at', dir: 'DESC' },
  createdAt: { col: 'created_at', dir: 'ASC' },
  '-amount': { col: 'amount', dir: 'DESC' },
  amount: { col: 'amount', dir: 'ASC' },
};

/** A date alone means that day in Moscow; `to` then includes the whole day. */
function bound(v: string | undefined, end: boolean): Date | null {
  if (!v) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(`${v}T00:00:00+03:00`);
    return end ? new Date(d.getTime() + 24 * 3600_000) : d;
  }
  return new Date(v);
}

function encode(sort: TransactionSort, value: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}

function decode(sort: TransactionSort, cursor: string | undefined): { value: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [s, value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (s !== sort || typeof value !== 'string' || typeof id !== 'string') throw new Error();
    return { value, id };
  } catch {
    throw AppError.validation([{ field: 'cursor', code: 'invalid_cursor', message: 'cursor must be a nextCursor of the same sort' }]);
  }
}

const toView = (r: Row): TransactionView => ({
  id: r.id,
  amount: rub(r.amount),
  kind: r.kind,
  description: r.description,
  balanceAfter: rub(r.balance_after),
  createdAt: r.created_at.toISOString(),
});

/** Kopecks as roubles with a comma, as Excel in Russian reads them: `-1234,50`. */
export const roubles = (k: string | bigint) => {
  const v = BigInt(k);
  const abs = v < 0n ? -v : v;
  return `${v < 0n ? '-' : ''}${abs / 100n},${String(abs % 100n).padStart(2, '0')}`;
};

const KIND_RU: Record<LedgerKind, string> = {
  payment: 'Пополнение',
  refund: 'Возврат',
  monthly_fee: 'Абонентская плата',
  option_fee: 'Опция',
  tariff_change_fee: 'Смена тарифа',
  usage: 'Сверх пакета',
  block_fee: 'Добровольная блокировка',
  promised_payment: 'Обещанный платёж',
  promised_repayment: 'Погашение обещанного платежа',
  promised_fee: 'Комиссия за обещанный платёж',
  adjustment: 'Корректировка',
  number_purchase: 'Покупка номера',
};

/**
 * An account's history: keyset pages on (account, sort key, id), so a deep page costs what the first
 * does; the same selection as CSV; a monthly summary for the chart. Whoever may see the account may
 * read it (viewers too); anyone else gets 404.
 */
export class HistoryService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { accounts: AccountsService },
  ) {}

  /** A page of entries; with `visibleTo`, only if that customer may see the account (else none). */
  private async rows(accountId: string, f: HistoryFilter, limit: number, cursor?: string, visibleTo?: string): Promise<Row[]> {
    const sort = f.sort ?? '-createdAt';
    const { col, dir } = SORTS[sort];
    const after = decode(sort, cursor);
    const { where, params } = this.where(accountId, f);
    const unfiltered = where.length === 1; // only `account_id = $1`
    if (visibleTo !== undefined) {
      params.push(visibleTo);
      where.push(visibleAccountSql(1, params.length));
    }
    if (after) {
      params.push(col === 'amount' ? after.value : new Date(after.value), after.id);
      where.push(`(${col}, id) ${dir === 'DESC' ? '<' : '>'} ($${params.length - 1}, $${params.length}::uuid)`);
    }
    // The page a visit reads (no filter, each sort, first or later) runs prepared, its usual sizes with a literal
    // LIMIT (see pageLimit); a filtered one, rarer and of many shapes, as it comes.
    const plain = visibleTo !== undefined && unfiltered;
    const lim = plain ? pageLimit(limit, (v) => params.push(v)) : { sql: `LIMIT $${params.push(limit)}`, tag: '' };
    const sql = `SELECT id, amount, kind, description, balance_after, created_at FROM ledger_entries
        WHERE ${where.join(' AND ')} ORDER BY ${col} ${dir}, id ${dir} ${lim.sql}`;
    return this.ds.query(plain ? prepared(`history.page.${sort}${after ? '.after' : ''}${lim.tag}`, sql) : sql, params);
  }

  /** The WHERE of a filter (validated: a bad one is a 400). */
  private where(accountId: string, f: HistoryFilter): { where: string[]; params: unknown[] } {
    const from = bound(f.from, false);
    const to = bound(f.to, true);
    if (from && to && from >= to) throw AppError.validation([{ field: 'to', code: 'afterFrom', message: 'to must not be before from' }]);
    if (f.minAmount !== undefined && f.maxAmount !== undefined && f.minAmount > f.maxAmount) {
      throw AppError.validation([{ field: 'maxAmount', code: 'atLeastMin', message: 'maxAmount must not be below minAmount' }]);
    }
    const params: unknown[] = [accountId];
    const where = ['account_id = $1'];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.kind?.length) add('kind = ANY(?::text[])', f.kind);
    if (f.direction === 'debit') where.push('amount < 0');
    if (f.direction === 'credit') where.push('amount > 0');
    if (from) add('created_at >= ?', from);
    if (to) add('created_at < ?', to);
    if (f.minAmount !== undefined) add('abs(amount) >= ?', f.minAmount);
    if (f.maxAmount !== undefined) add('abs(amount) <= ?', f.maxAmount);
    return { where, params };
  }

  /** How many entries a selection holds (validates the filter). */
  async count(accountId: string, f: HistoryFilter): Promise<number> {
    const { where, params } = this.where(accountId, f);
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE ${where.join(' AND ')}`, params);
    return n;
  }

  async list(customerId: string, accountId: string, f: HistoryFilter & { limit: number; cursor?: string }): Promise<Page<TransactionView>> {
    // The access check rides in the page's query; only an empty page asks whether it is empty or not theirs (404).
    const rows = await this.rows(accountId, f, f.limit + 1, f.cursor, customerId);
    if (!rows.length) await this.deps.accounts.access(this.ds.manager, customerId, accountId);
    const more = rows.length > f.limit;
    const page = more ? rows.slice(0, f.limit) : rows;
    const sort = f.sort ?? '-createdAt';
    const last = page[page.length - 1];
    return {
      items: page.map(toView),
      nextCursor: more ? encode(sort, SORTS[sort].col === 'amount' ? last.amount : last.created_at.toISOString(), last.id) : null,
    };
  }

  /** Streams the whole selection as CSV (UTF-8 with BOM, `;`, roubles with a comma) for Excel in Russian. */
  async csv(customerId: string, accountId: string, f: HistoryFilter, res: Response): Promise<void> {
    const access = await this.deps.accounts.access(this.ds.manager, customerId, accountId);
    this.where(accountId, f); // validates the filter before anything is sent
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="transactions-${access.account.number}.csv"`);
    res.write('\uFEFF');
    await pipeline(this.csvStream(accountId, f), res);
  }

  /** The same CSV as one file, for the detail report by e-mail. Checks the caller's access again. */
  async csvFile(customerId: string, accountId: string, f: HistoryFilter): Promise<Buffer> {
    await this.deps.accounts.access(this.ds.manager, customerId, accountId);
    const chunks: Buffer[] = [Buffer.from('\uFEFF')];
    for await (const chunk of this.csvStream(accountId, f)) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }

  /**
   * The selection as export lines (date, operation, amount, description, balance — the CSV's cells),
   * read 1,000 entries a query in keyset order. Checks the caller's access and the filter first.
   */
  async *exportRows(customerId: string, accountId: string, f: HistoryFilter): AsyncGenerator<ExportRow> {
    await this.deps.accounts.access(this.ds.manager, customerId, accountId);
    yield* this.lines(accountId, f);
  }

  /** The account's number, for file names and titles; 404 unless the caller may see the account. */
  async accountNumber(customerId: string, accountId: string): Promise<string> {
    return (await this.deps.accounts.access(this.ds.manager, customerId, accountId)).account.number;
  }

  private async *lines(accountId: string, f: HistoryFilter): AsyncGenerator<ExportRow> {
    const when = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'short' });
    let cursor: string | undefined;
    const sort = f.sort ?? '-createdAt';
    do {
      const rows = await this.rows(accountId, f, 1000, cursor);
      for (const r of rows) {
        yield { cells: [when.format(r.created_at), KIND_RU[r.kind] ?? r.kind, roubles(r.amount), r.description, roubles(r.balance_after)], amount: BigInt(r.amount) };
      }
      const last = rows[rows.length - 1];
      cursor = rows.length === 1000 ? encode(sort, SORTS[sort].col === 'amount' ? last.amount : last.created_at.toISOString(), last.id) : undefined;
    } while (cursor);
  }

  /** CSV text (no BOM) of the selection; honours back-pressure, so a large export is never all in memory. */
  private csvStream(accountId: string, f: HistoryFilter): Readable {
    const out = stringify({ delimiter: ';', header: true, columns: EXPORT_COLUMNS });
    void (async () => {
      for await (const line of this.lines(accountId, f)) {
        if (!out.write(line.cells)) await once(out, 'drain');
      }
      out.end();
    })().catch((err: Error) => out.destroy(err));
    return out;
  }

  async summary(customerId: string, accountId: string, months: number): Promise<MonthlySummaryView> {
    // The last `months` Moscow months, oldest first, and the instant each starts.
    const keys = [moscowMonth(this.clock.now())];
    while (keys.length < months) keys.unshift(previousMonth(keys[0]));
    const out: MonthlySummaryView['months'] = keys.map((month) => ({ month, spent: rub(0), received: rub(0), byKind: {} }));
    const starts = keys.map((month) => monthBounds(month).start);
    const rows: { bucket: number; kind: LedgerKind; spent: string; received: string }[] = await this.ds.query(SUMMARY, [accountId, starts, starts[0], customerId]);
    if (!rows.length) await this.deps.accounts.access(this.ds.manager, customerId, accountId); // none, or not theirs
    for (const r of rows) {
      const m = out[r.bucket - 1];
      if (!m) continue;
      m.spent = rub(BigInt(m.spent.amount) + BigInt(r.spent));
      m.received = rub(BigInt(m.received.amount) + BigInt(r.received));
      if (BigInt(r.spent) > 0n) m.byKind[r.kind] = rub(r.spent);
    }
    return { months: out };
  }
}

// Each entry falls into its month by a binary search over the months' starts (width_bucket), computed once per
// request: converting every entry's time to Moscow's to truncate it was most of the read (0.48 → 0.31 ms a call).
const SUMMARY = prepared(
  'history.summary',
  `SELECT width_bucket(created_at, $2::timestamptz[]) AS bucket, kind,
          coalesce(sum(-amount) FILTER (WHERE amount < 0), 0) AS spent, coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS received
     FROM ledger_entries
    WHERE account_id = $1 AND created_at >= $3 AND ${visibleAccountSql(1, 4)}
    GROUP BY 1, 2`,
);
