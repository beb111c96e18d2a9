import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock';
import { rub } from '../../platform/money';
import { normalizePhone } from '../../platform/phone';
import type { IntegratorContext } from '../../platform/routes';
import type { LedgerService } from '../ledger';

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

/**
 * Usage records from the network (CDR). Each decrements the line's package for the period; units past
 * the package are charged per unit by the tariff, through the ledger. A record id counts once per key,
 * so a replayed batch changes nothing.
 *
 * Two statements per batch, whatever its size: an INSERT that resolves the lines and drops records seen
 * before, then one relative UPDATE per line (its row lock is the only lock) whose RETURNING tells how
 * much of the usage went past the package: counters may go below zero, `old = new + used`.
 */
export class UsageService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
  ) {}

  async ingest(integrator: IntegratorContext, records: UsageRecordInput[]): Promise<UsageResult> {
    // Lines are locked in id order, so batches do not deadlock; should the database still pick this
    // transaction as a deadlock victim, it rolled back whole and is run again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ingestOnce(integrator, records);
      } catch (err) {
        const code = (err as { driverError?: { code?: string } }).driverError?.code;
        if (code !== '40P01' || attempt >= 3) throw err;
      }
    }
  }

  private async ingestOnce(integrator: IntegratorContext, records: UsageRecordInput[]): Promise<UsageResult> {
    const msisdns = records.map((r) => normalizePhone(r.msisdn) ?? r.msisdn);
    const batch = JSON.stringify(records.map((r, i) => ({ i, id: r.id, msisdn: msisdns[i], kind: r.type, quantity: r.quantity, at: r.occurredAt })));
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      // One statement: insert what is new (a replayed record id conflicts and is skipped), add it up per
      // line, take it off the counters in line-id order (the lock order), and hand back only the
      // accepted count and the lines whose usage went past their packages, with the cost.
      const [{ accepted, charges }]: { accepted: number; charges: { line_id: string; account_id: string; cost: string }[] | null }[] = await em.query(
        `WITH v AS (
           SELECT * FROM json_to_recordset($2::json) AS v(i int, id text, msisdn text, kind text, quantity int, at timestamptz)
         ), ins AS (
           INSERT INTO usage_records (api_key_id, record_id, customer_id, line_id, kind, quantity, occurred_at, received_at)
           SELECT $1, v.id, l.customer_id, l.id, v.kind, v.quantity, v.at, $3
             FROM v JOIN mobile_lines l ON l.msisdn = v.msisdn ORDER BY v.i
           ON CONFLICT (api_key_id, record_id) DO NOTHING
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
           FROM cost`,
        [integrator.apiKeyId, batch, now],
      );
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
          charges.map((c) => ({ accountId: c.account_id, amount: -BigInt(c.cost), kind: 'usage' as const, ref: `usage:${integrator.apiKeyId}:${c.line_id}:${now.toISOString()}:${records[0].id}`, description: 'Сверх пакета' })),
        );
        total = posted.reduce((s, p) => s - p.posted, 0n);
        // What the balance could not cover is a debt: the line is blocked until the account is topped up.
        const short = charges.filter((_, i) => posted[i].posted !== posted[i].requested).map((c) => c.line_id);
        if (short.length) {
          await em.query(`UPDATE mobile_lines SET status = 'blocked', block_reason = 'debt', blocked_at = $2 WHERE id = ANY($1::uuid[]) AND status = 'active'`, [short, now]);
        }
      }
      return { accepted, duplicates, rejected, charged: rub(total) };
    });
  }

  /** Which of these numbers are lines — asked only when some records were not inserted. */
  private async knownLines(em: EntityManager, msisdns: string[]): Promise<{ msisdn: string }[]> {
    return em.query('SELECT msisdn FROM mobile_lines WHERE msisdn = ANY($1::text[])', [msisdns]);
  }
}
