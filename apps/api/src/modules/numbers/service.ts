import { parse } from 'csv-parse/sync';
import type { DataSource, EntityManager } from 'typeorm';
import {
  NumberCategories,
  NumberLimits,
  Operators,
  type NumberCategory,
  type NumberCategoryView,
  type NumberImportResult,
  type NumberPattern,
  type NumberStatus,
  type NumberView,
  type Operator,
  type Page,
  type StockNumberView,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { rub } from '../../platform/money';
import { normalizePhone } from '../../platform/phone';
import type { AuthContext } from '../../platform/routes';
import { assertAdmin } from '../../platform/staff';
import type { AuditService } from '../audit';
import { discounted, patternsOf } from './patterns';

interface NumberRow {
  id: string;
  msisdn: string;
  operator: Operator;
  category: NumberCategory;
  patterns: NumberPattern[];
  status: NumberStatus;
  held_by: string | null;
  created_at: Date;
  operator_price: string;
}

/** A number taken for a line: what the line gets. */
export interface TakenNumber {
  id: string;
  msisdn: string;
  operator: Operator;
  category: NumberCategory;
  price: bigint;
}

const SELECT = `SELECT n.*, c.operator_price FROM phone_numbers n JOIN number_categories c ON c.operator = n.operator AND c.category = n.category`;

/** The catalog's keyset: (price, msisdn), opaque to callers. */
function encode(price: string, msisdn: string): string {
  return Buffer.from(JSON.stringify([price, msisdn])).toString('base64url');
}
function decode(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && /^\d{1,15}$/.test(String(v[0])) && typeof v[1] === 'string' && v[1].length <= 16) return [String(v[0]), v[1]];
  } catch {
    // fall through
  }
  throw AppError.validation([{ field: 'cursor', code: 'invalid_cursor', message: 'cursor must be a value from nextCursor' }]);
}

const HEADER_MISSING = 'header: msisdn;operator;category';

const unavailable = () => new AppError('number_unavailable', 409, 'This number has just been reserved or sold; choose another one.');

/**
 * The number stock: the public beautiful-number catalog with category prices (a customer pays 50 % of
 * the operator's price), the free stock numbers are issued from, and the holds that make a number
 * impossible to sell twice: every change of a number's state is one conditional UPDATE, so of two
 * concurrent buyers exactly one wins.
 */
export class NumbersService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { audit: AuditService },
  ) {}

  private view(r: NumberRow): NumberView {
    const op = BigInt(r.operator_price);
    return {
      id: r.id,
      msisdn: r.msisdn,
      operator: r.operator,
      category: r.category,
      patterns: r.patterns,
      operatorPrice: rub(op),
      price: rub(discounted(op, NumberLimits.discountPercent)),
    };
  }

  private stockView(r: NumberRow): StockNumberView {
    return { ...this.view(r), status: r.status, heldBy: r.held_by, createdAt: r.created_at.toISOString() };
  }

  /** The public catalog: available beautiful numbers, cheapest first. */
  async catalog(q: { operator?: string; category?: string; pattern?: string; digits?: string; limit: number; cursor?: string }): Promise<Page<NumberView>> {
    const rows = await this.query(this.ds.manager, { ...q, status: 'available', beautifulOnly: true });
    return this.page(rows, q.limit, (r) => this.view(r));
  }

  /** Staff: the whole stock, any status. */
  async stock(q: { operator?: string; category?: string; pattern?: string; digits?: string; status?: string; limit: number; cursor?: string }): Promise<Page<StockNumberView>> {
    const rows = await this.query(this.ds.manager, { ...q, beautifulOnly: false });
    return this.page(rows, q.limit, (r) => this.stockView(r));
  }

  private page<T>(rows: NumberRow[], limit: number, map: (r: NumberRow) => T): Page<T> {
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    const last = items[items.length - 1];
    return { items: items.map(map), nextCursor: more && last ? encode(last.operator_price, last.msisdn) : null };
  }

  private query(
    em: EntityManager,
    q: { operator?: string; category?: string; pattern?: string; digits?: string; status?: string; beautifulOnly: boolean; limit: number; cursor?: string },
  ): Promise<NumberRow[]> {
    const after = decode(q.cursor);
    return em.query(
      `${SELECT}
        WHERE ($1::text IS NULL OR n.operator = $1) AND ($2::text IS NULL OR n.category = $2) AND ($3::text IS NULL OR $3 = ANY(n.patterns))
          AND ($4::text IS NULL OR substr(n.msisdn, 3) LIKE '%' || $4 || '%') AND ($5::text IS NULL OR n.status = $5)
          AND (NOT $6 OR n.category <> 'regular')
          AND ($7::bigint IS NULL OR (c.operator_price, n.msisdn) > ($7, $8::text))
        ORDER BY c.operator_price, n.msisdn LIMIT $9`,
      [q.operator ?? null, q.category ?? null, q.pattern ?? null, q.digits ?? null, q.status ?? null, q.beautifulOnly, after?.[0] ?? null, after?.[1] ?? null, q.limit + 1],
    );
  }

  async categories(): Promise<NumberCategoryView[]> {
    const rows: { operator: Operator; category: NumberCategory; name: string; operator_price: string }[] = await this.ds.query(
      `SELECT * FROM number_categories ORDER BY operator, array_position($1::text[], category::text)`,
      [NumberCategories],
    );
    return rows.map(toCategoryView);
  }

  /** One number for a page of the catalog (any state: the page tells if it is gone). */
  async get(id: string): Promise<NumberView & { available: boolean }> {
    const [row]: NumberRow[] = await this.ds.query(`${SELECT} WHERE n.id = $1 AND n.category <> 'regular'`, [id]);
    if (!row) throw AppError.notFound('The number');
    return { ...this.view(row), available: row.status === 'available' };
  }

  // ---- holds (used by applications and orders, in their transactions) ----

  /**
   * Reserves an available catalog number for `holder` (e.g. `order:O-100001`). The loser of a race,
   * or anyone after the winner, gets 409 `number_unavailable`.
   */
  async reserve(em: EntityManager, numberId: string, holder: string, operator?: string): Promise<TakenNumber> {
    const [existing]: NumberRow[] = await em.query(`${SELECT} WHERE n.id = $1 AND n.category <> 'regular'`, [numberId]);
    if (!existing) throw AppError.notFound('The number');
    if (operator && existing.operator !== operator) {
      throw new AppError('number_operator_mismatch', 409, `This number is ${existing.operator}'s; choose a ${operator} number or another tariff.`);
    }
    const [rows] = await em.query(
      `UPDATE phone_numbers SET status = 'reserved', held_by = $2, held_at = $3 WHERE id = $1 AND status = 'available' RETURNING id`,
      [numberId, holder, this.clock.now()],
    );
    if (!rows.length) throw unavailable();
    return toTaken(existing);
  }

  /** Gives a reserved number back to the catalog (the order or application ended without it). */
  async release(em: EntityManager, numberId: string, holder: string): Promise<void> {
    await em.query(`UPDATE phone_numbers SET status = 'available', held_by = NULL, held_at = NULL WHERE id = $1 AND held_by = $2 AND status = 'reserved'`, [numberId, holder]);
  }

  /** The reserved number goes to a line: sold, for good. */
  async sell(em: EntityManager, numberId: string, holder: string, lineId: string): Promise<void> {
    const [, n] = await em.query(`UPDATE phone_numbers SET status = 'sold', held_by = $3, held_at = $4 WHERE id = $1 AND held_by = $2 AND status = 'reserved'`, [
      numberId,
      holder,
      `line:${lineId}`,
      this.clock.now(),
    ]);
    if (!n) throw unavailable();
  }

  /**
   * A free (regular) number of the operator for a new line: the given one, or the first available.
   * Taken at once (status `reserved` for `holder`); `sell` finishes it once the line exists.
   */
  async takeFree(em: EntityManager, operator: string, holder: string, numberId?: string): Promise<TakenNumber> {
    const [row]: NumberRow[] = numberId
      ? await em.query(`${SELECT} WHERE n.id = $1 FOR UPDATE OF n`, [numberId])
      : await em.query(`${SELECT} WHERE n.operator = $1 AND n.category = 'regular' AND n.status = 'available' ORDER BY n.msisdn LIMIT 1 FOR UPDATE OF n SKIP LOCKED`, [operator]);
    if (!row) {
      if (numberId) throw AppError.validation([{ field: 'numberId', code: 'notFound', message: 'No such number in stock.' }]);
      throw new AppError('no_free_numbers', 409, `There are no free ${operator} numbers in stock; upload more (CSV) or choose one.`);
    }
    if (row.category !== 'regular') throw AppError.validation([{ field: 'numberId', code: 'notRegular', message: 'A beautiful number is sold through the catalog, not issued from free stock.' }]);
    if (row.operator !== operator) throw new AppError('number_operator_mismatch', 409, `This number is ${row.operator}'s; the tariff is ${operator}'s.`);
    if (row.status !== 'available') throw unavailable();
    await em.query(`UPDATE phone_numbers SET status = 'reserved', held_by = $2, held_at = $3 WHERE id = $1`, [row.id, holder, this.clock.now()]);
    return toTaken(row);
  }

  /** A number by id with its price, as a hold sees it (for views). */
  async briefs(em: EntityManager, ids: string[]): Promise<Map<string, TakenNumber>> {
    if (!ids.length) return new Map();
    const rows: NumberRow[] = await em.query(`${SELECT} WHERE n.id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, toTaken(r)]));
  }

  async counts(): Promise<{ available: number }> {
    const [row] = await this.ds.query(`SELECT count(*)::int AS n FROM phone_numbers WHERE status = 'available' AND category <> 'regular'`);
    return { available: row.n };
  }

  // ---- admin ----

  /**
   * Numbers from a CSV (a header line with `msisdn`, `operator`, `category`; `;` or `,`). Numbers
   * already in stock or on a line are counted as duplicates; bad lines come back with the reason.
   */
  async import(auth: AuthContext, csv: string, ip: string | null): Promise<NumberImportResult> {
    assertAdmin(auth);
    let records: Record<string, string>[];
    try {
      records = parse(csv, {
        columns: (header: string[]) => {
          const names = header.map((h) => h.trim().toLowerCase());
          if (!['msisdn', 'operator', 'category'].every((c) => names.includes(c))) throw new Error(HEADER_MISSING);
          return names;
        },
        delimiter: [';', ',', '\t'],
        bom: true,
        trim: true,
        skip_empty_lines: true,
        relax_column_count: true,
      });
    } catch (err) {
      if ((err as Error).message === HEADER_MISSING) throw new AppError('csv_invalid', 400, 'The first line must name the columns: msisdn;operator;category');
      throw new AppError('csv_invalid', 400, `The file is not a readable CSV: ${(err as Error).message}`);
    }
    if (records.length > NumberLimits.importMaxRows) {
      throw new AppError('csv_invalid', 400, `At most ${NumberLimits.importMaxRows} numbers per file; this one has ${records.length}.`);
    }
    const rejected: NumberImportResult['rejected'] = [];
    const good = new Map<string, { msisdn: string; operator: string; category: string; patterns: string[] }>();
    let duplicates = 0;
    records.forEach((r, i) => {
      const line = i + 2;
      const msisdn = normalizePhone(r.msisdn ?? '');
      const operator = (r.operator ?? '').toLowerCase();
      const category = (r.category ?? '').toLowerCase();
      if (!msisdn) return rejected.push({ line, value: r.msisdn ?? '', reason: 'not a Russian mobile number' });
      if (!(Operators as readonly string[]).includes(operator)) return rejected.push({ line, value: r.operator ?? '', reason: `operator must be one of ${Operators.join(', ')}` });
      if (!(NumberCategories as readonly string[]).includes(category)) return rejected.push({ line, value: r.category ?? '', reason: `category must be one of ${NumberCategories.join(', ')}` });
      if (good.has(msisdn)) duplicates += 1;
      else good.set(msisdn, { msisdn, operator, category, patterns: patternsOf(msisdn) });
    });
    const list = [...good.values()];
    return this.ds.transaction(async (em) => {
      let added = 0;
      if (list.length) {
        const inserted: unknown[] = await em.query(
          `INSERT INTO phone_numbers (msisdn, operator, category, patterns, created_at)
           SELECT v.msisdn, v.operator, v.category, string_to_array(v.patterns, ','), $5
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(msisdn, operator, category, patterns)
            WHERE NOT EXISTS (SELECT 1 FROM mobile_lines l WHERE l.msisdn = v.msisdn)
           ON CONFLICT (msisdn) DO NOTHING RETURNING id`,
          [list.map((x) => x.msisdn), list.map((x) => x.operator), list.map((x) => x.category), list.map((x) => x.patterns.join(',')), this.clock.now()],
        );
        added = inserted.length;
      }
      const result = { added, duplicates: duplicates + list.length - added, rejected };
      await this.deps.audit.record(em, { action: 'numbers_imported', actorId: auth.customerId, customerId: null, ip, details: { added, duplicates: result.duplicates, rejected: rejected.length } });
      return result;
    });
  }

  /** Takes an available number out of the catalog (never deleted: its history stays). */
  async archive(auth: AuthContext, id: string, ip: string | null): Promise<StockNumberView> {
    assertAdmin(auth);
    return this.ds.transaction(async (em) => {
      const [row]: NumberRow[] = await em.query(`${SELECT} WHERE n.id = $1 FOR UPDATE OF n`, [id]);
      if (!row) throw AppError.notFound('The number');
      if (row.status !== 'available') throw new AppError('number_unavailable', 409, `The number is ${row.status}; only an available number is archived.`);
      await em.query(`UPDATE phone_numbers SET status = 'archived' WHERE id = $1`, [id]);
      await this.deps.audit.record(em, { action: 'number_archived', actorId: auth.customerId, customerId: null, ip, details: { numberId: id, msisdn: row.msisdn, before: { status: row.status }, after: { status: 'archived' } } });
      return this.stockView({ ...row, status: 'archived' });
    });
  }

  async setCategoryPrice(auth: AuthContext, operator: string, category: string, input: { name?: string; operatorPrice: bigint }, ip: string | null): Promise<NumberCategoryView> {
    assertAdmin(auth);
    if (input.operatorPrice < 0n || input.operatorPrice > 100_000_000_00n) {
      throw AppError.validation([{ field: 'operatorPrice.amount', code: 'range', message: 'operatorPrice must be from 0 to 100,000,000 ₽ in kopecks' }]);
    }
    return this.ds.transaction(async (em) => {
      const [row] = await em.query(`SELECT * FROM number_categories WHERE operator = $1 AND category = $2 FOR UPDATE`, [operator, category]);
      if (!row) throw AppError.notFound('The category');
      const [[after]] = await em.query(
        `UPDATE number_categories SET operator_price = $3, name = coalesce($4, name) WHERE operator = $1 AND category = $2 RETURNING *`,
        [operator, category, input.operatorPrice.toString(), input.name ?? null],
      );
      await this.deps.audit.record(em, {
        action: 'number_category_updated',
        actorId: auth.customerId,
        customerId: null,
        ip,
        details: { operator, category, before: { name: row.name, operatorPrice: Number(row.operator_price) }, after: { name: after.name, operatorPrice: Number(after.operator_price) } },
      });
      return toCategoryView(after);
    });
  }
}

function toTaken(r: NumberRow): TakenNumber {
  return { id: r.id, msisdn: r.msisdn, operator: r.operator, category: r.category, price: discounted(BigInt(r.operator_price), NumberLimits.discountPercent) };
}

function toCategoryView(r: { operator: Operator; category: NumberCategory; name: string; operator_price: string }): NumberCategoryView {
  const op = BigInt(r.operator_price);
  return { operator: r.operator, category: r.category, name: r.name, operatorPrice: rub(op), price: rub(discounted(op, NumberLimits.discountPercent)) };
}
