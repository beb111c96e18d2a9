import type { DataSource, EntityManager } from 'typeorm';
import { prepared } from '../../db/prepared';
import type { Clock } from '../../platform/clock';
import { rub } from '../../platform/money';
import { normalizePhone } from '../../platform/phone';
import type { IntegratorContext } from '../../platform/routes';
import type { LedgerService } from '../ledger';
import type { WebhooksService } from './webhooks/service';

export type UsageKind = 'minutes' | 'sms' | 'mb';

export interface UsageRecordInput {
  id: string;
  msisdn: string;
  type: UsageKind;
  quantity: number;
  occurredAt: string;
}

export interface UsageResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id: string; code: string; message: string }[];
  charged: ReturnType<typeof rub>;
}

/** The batch as the statements take it: one PostgreSQL array literal per column. */
interface Columns {
  ids: string;
  msisdns: string;
  kinds: string;
  quantities: string;
  occurredAt: string;
}

type Charge = { line_id: string; account_id: string; cost: string };

const E164 = /^\+7[3-9]\d{9}$/;
const NEEDS_ESCAPE = /["\\]/;

/** A `text[]` literal: every element double-quoted, `"` and `\` escaped. */
function textArray(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += `${i ? ',' : ''}"${NEEDS_ESCAPE.test(v) ? v.replace(/["\\]/g, '\\$&') : v}"`;
  }
  return `${out}}`;
}

/**
 * One statement per batch, in two steps. First the records go in (known lines only, in id order), which
 * locks no line; then their sums come off the counters with one relative UPDATE per line, in line-id
 * order, and its RETURNING tells how much went past the package. A line is locked from its UPDATE to the
 * commit, so concurrent batches that share lines wait only for each other's counter step, not for their
 * inserts (updating the counters first, found by number, saves an index probe a record but holds the
 * locks through the insert: measured slower with four batches in flight). The batch comes as one array per
 * column (`unnest`), cheaper to parse than a JSON document.
 *
 * New records (the usual case) go in with a plain INSERT: a record id this key posted before breaks the
 * unique key (23505), the transaction rolls back whole, and the batch is run again with `careful`:
 * ON CONFLICT DO NOTHING skips what is there (or waits for a concurrent insert of the id, then skips it),
 * and the first of an id repeated within the batch is the one kept.
 */
function ingestStatement(careful: boolean): string {
  return `
    WITH v AS (
      ${careful ? 'SELECT DISTINCT ON (id) *' : 'SELECT *'}
        FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[]) ${careful ? 'WITH ORDINALITY AS v(id, msisdn, kind, quantity, at, i) ORDER BY id, i' : 'AS v(id, msisdn, kind, quantity, at)'}
    ), ins AS (
      INSERT INTO usage_records (api_key_id, record_id, customer_id, line_id, kind, quantity, occurred_at, received_at)
      SELECT $1, v.id, l.customer_id, l.id, v.kind, v.quantity, v.at, $7 FROM v JOIN mobile_lines l ON l.msisdn = v.msisdn ORDER BY v.id
      ${careful ? 'ON CONFLICT (api_key_id, record_id) DO NOTHING' : ''}
      RETURNING line_id, kind, quantity
    ), agg AS (
      SELECT line_id,
             coalesce(sum(quantity) FILTER (WHERE kind = 'minutes'), 0)::int AS minutes,
             coalesce(sum(quantity) FILTER (WHERE kind = 'sms'), 0)::int AS sms,
             coalesce(sum(quantity) FILTER (WHERE kind = 'mb'), 0)::int AS mb,
             count(*)::int AS n
        FROM ins GROUP BY line_id ORDER BY line_id
    ), upd AS (
      UPDATE mobile_lines m SET minutes_left = m.minutes_left - a.minutes, sms_left = m.sms_left - a.sms, mb_left = m.mb_left - a.mb
        FROM agg a WHERE m.id = a.line_id
      RETURNING m.id, m.account_id, m.tariff_id, m.minutes_left, m.sms_left, m.mb_left, a.minutes, a.sms, a.mb, a.n
    ), cost AS (
      -- Counters may go below zero: old = left + used; past the package = used - min(used, max(old, 0)).
      SELECT u.id, u.account_id, u.n,
             (u.minutes - least(u.minutes, greatest(u.minutes_left + u.minutes, 0))) * t.minute_price
           + (u.sms - least(u.sms, greatest(u.sms_left + u.sms, 0))) * t.sms_price
           + (u.mb - least(u.mb, greatest(u.mb_left + u.mb, 0))) * t.mb_price AS cost
        FROM upd u JOIN tariffs t ON t.id = u.tariff_id
    )
    SELECT coalesce(sum(n), 0)::int AS accepted,
           json_agg(json_build_object('line_id', id, 'account_id', account_id, 'cost', cost::text) ORDER BY id) FILTER (WHERE cost > 0) AS charges
      FROM cost`;
}
// Prepared (db/prepared.ts): planning alone took ≈ 1 ms of a batch's ≈ 15. A prepared statement outlives a
// rolled-back transaction, so the retry with `careful` finds its own ready on the next connection that runs it.
const FAST = prepared('usage.ingest', ingestStatement(false));
const CAREFUL = prepared('usage.ingestCareful', ingestStatement(true));

/**
 * Usage records from the network (CDR). Each decrements the line's package for the period; units past
 * the package are charged per unit by the tariff, through the ledger. A record id counts once per key,
 * so a replayed batch changes nothing.
 *
 * One statement per batch, whatever its size (see `ingestStatement`; measured with bench/usage-ingest.ts).
 * Every batch inserts its records in id order and locks its lines in id order, so concurrent batches wait
 * for each other instead of deadlocking.
 */
export class UsageService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly events?: Pick<WebhooksService, 'publish'>,
  ) {}

  async ingest(integrator: IntegratorContext, records: UsageRecordInput[]): Promise<UsageResult> {
    const msisdns = records.map((r) => (E164.test(r.msisdn) ? r.msisdn : (normalizePhone(r.msisdn) ?? r.msisdn)));
    const ids = records.map((r) => r.id);
    const columns: Columns = {
      ids: textArray(ids),
      msisdns: textArray(msisdns),
      kinds: textArray(records.map((r) => r.type)),
      quantities: `{${records.map((r) => r.quantity).join(',')}}`,
      occurredAt: textArray(records.map((r) => r.occurredAt)),
    };
    // An id twice in one batch: only the careful way keeps the first and skips the rest.
    let careful = new Set(ids).size < ids.length;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction((em) => this.apply(em, integrator, records, msisdns, columns, careful));
      } catch (err) {
        const e = (err as { driverError?: { code?: string; constraint?: string } }).driverError;
        if (!careful && e?.code === '23505' && e.constraint === 'usage_records_pkey') {
          careful = true; // this key posted some of these records before: count only the new ones
        } else if (e?.code !== '40P01' || attempt >= 3) {
          // Lock order makes deadlocks unexpected; should the database still pick this batch as a victim,
          // it rolled back whole and is run again.
          throw err;
        }
      }
    }
  }

  private async apply(
    em: EntityManager,
    integrator: IntegratorContext,
    records: UsageRecordInput[],
    msisdns: string[],
    c: Columns,
    careful: boolean,
  ): Promise<UsageResult> {
    const now = this.clock.now();
    const [{ accepted, charges }]: { accepted: number; charges: Charge[] | null }[] = await em.query(careful ? CAREFUL : FAST, [
      integrator.apiKeyId,
      c.ids,
      c.msisdns,
      c.kinds,
      c.quantities,
      c.occurredAt,
      now,
    ]);
    const rejected: UsageResult['rejected'] = [];
    let duplicates = 0;
    if (accepted < records.length) {
      // Some were not taken: unknown lines, or ids seen before (or twice in this batch).
      const known = new Set((await this.knownLines(em, [...new Set(msisdns)])).map((r) => r.msisdn));
      const firstIndex = new Map<string, number>();
      records.forEach((r, index) => {
        if (!known.has(msisdns[index])) rejected.push({ index, id: r.id, code: 'unknown_line', message: `No line ${r.msisdn}.` });
        else if (firstIndex.has(r.id)) duplicates++;
        else firstIndex.set(r.id, index);
      });
      duplicates += firstIndex.size - accepted;
    }
    let total = 0n;
    if (charges?.length) {
      const posted = await this.ledger.postMany(
        em,
        charges.map((ch) => ({ accountId: ch.account_id, amount: -BigInt(ch.cost), kind: 'usage' as const, ref: `usage:${integrator.apiKeyId}:${ch.line_id}:${now.toISOString()}:${records[0].id}`, description: 'Сверх пакета' })),
      );
      total = posted.reduce((s, p) => s - p.posted, 0n);
      // What the balance could not cover is a debt: the line is blocked until the account is topped up.
      const short = charges.filter((_, i) => posted[i].posted !== posted[i].requested).map((ch) => ch.line_id);
      if (short.length) {
        const [blocked]: [{ id: string; account_id: string; msisdn: string; number: string }[], number] = await em.query(
          `UPDATE mobile_lines l SET status = 'blocked', block_reason = 'debt', blocked_at = $2 FROM accounts a
            WHERE l.id = ANY($1::uuid[]) AND l.status = 'active' AND a.id = l.account_id RETURNING l.id, l.account_id, l.msisdn, a.number`,
          [short, now],
        );
        for (const b of blocked) {
          await this.events?.publish(em, 'account.blocked', { accountId: b.account_id, accountNumber: b.number, lineId: b.id, msisdn: b.msisdn, reason: 'debt', blockedAt: now.toISOString() });
        }
      }
    }
    return { accepted, duplicates, rejected, charged: rub(total) };
  }

  /** Which of these numbers are lines — asked only when some records were not inserted. */
  private async knownLines(em: EntityManager, msisdns: string[]): Promise<{ msisdn: string }[]> {
    return em.query('SELECT msisdn FROM mobile_lines WHERE msisdn = ANY($1::text[])', [msisdns]);
  }
}
