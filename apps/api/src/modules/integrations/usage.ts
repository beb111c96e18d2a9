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

const KINDS: UsageKind[] = ['minutes', 'sms', 'mb'];

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
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const inserted: { record_id: string; line_id: string; kind: UsageKind; quantity: number }[] = await em.query(
        `INSERT INTO usage_records (api_key_id, record_id, customer_id, line_id, kind, quantity, occurred_at, received_at)
         SELECT $1, v.record_id, l.customer_id, l.id, v.kind, v.quantity, v.occurred_at, $7
           FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[]) WITH ORDINALITY AS v(record_id, msisdn, kind, quantity, occurred_at, ord)
           JOIN mobile_lines l ON l.msisdn = v.msisdn
          ORDER BY v.ord
         ON CONFLICT (api_key_id, record_id) DO NOTHING
         RETURNING record_id, line_id, kind, quantity`,
        [integrator.apiKeyId, records.map((r) => r.id), msisdns, records.map((r) => r.type), records.map((r) => r.quantity), records.map((r) => r.occurredAt), now],
      );
      const accepted = new Set(inserted.map((r) => r.record_id));
      const known = new Set(
        (await this.knownLines(em, [...new Set(msisdns)], records.length - inserted.length)).map((r) => r.msisdn),
      );
      const rejected: UsageResult['rejected'] = [];
      let duplicates = 0;
      records.forEach((r, index) => {
        if (accepted.delete(r.id)) return;
        if (!known.has(msisdns[index])) rejected.push({ index, id: r.id, code: 'unknown_line', message: `No line ${r.msisdn}.` });
        else duplicates++;
      });

      const perLine = new Map<string, { used: Record<UsageKind, number> }>();
      for (const r of inserted) {
        const l = perLine.get(r.line_id) ?? { used: { minutes: 0, sms: 0, mb: 0 } };
        l.used[r.kind] += r.quantity;
        perLine.set(r.line_id, l);
      }
      let total = 0n;
      if (perLine.size) {
        const ids = [...perLine.keys()].sort(); // the lock order
        const after: Record<string, string>[] = await em.query(
          `UPDATE mobile_lines m SET minutes_left = m.minutes_left - v.minutes, sms_left = m.sms_left - v.sms, mb_left = m.mb_left - v.mb
             FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS v(id, minutes, sms, mb), tariffs t
            WHERE m.id = v.id AND t.id = m.tariff_id
           RETURNING m.id, m.account_id, m.minutes_left, m.sms_left, m.mb_left, t.minute_price, t.sms_price, t.mb_price`,
          [ids, ids.map((id) => perLine.get(id)!.used.minutes), ids.map((id) => perLine.get(id)!.used.sms), ids.map((id) => perLine.get(id)!.used.mb)],
        ).then((r: [Record<string, string>[], number]) => r[0]);
        const price = { minutes: 'minute_price', sms: 'sms_price', mb: 'mb_price' } as const;
        const charges = after
          .map((row) => {
            const l = perLine.get(row.id)!;
            let cost = 0n;
            for (const k of KINDS) {
              const left = Number(row[`${k}_left`]);
              const old = left + l.used[k];
              const past = l.used[k] - Math.min(l.used[k], Math.max(old, 0));
              cost += BigInt(past) * BigInt(row[price[k]]);
            }
            return { lineId: row.id, accountId: row.account_id, cost };
          })
          .filter((c) => c.cost > 0n);
        const posted = await this.ledger.postMany(
          em,
          charges.map((c) => ({ accountId: c.accountId, amount: -c.cost, kind: 'usage' as const, ref: `usage:${integrator.apiKeyId}:${c.lineId}:${now.toISOString()}:${inserted[0].record_id}`, description: 'Сверх пакета' })),
        );
        total = posted.reduce((s, p) => s - p.posted, 0n);
        // What the balance could not cover is a debt: the line is blocked until the account is topped up.
        const short = charges.filter((_, i) => posted[i].posted !== posted[i].requested).map((c) => c.lineId);
        if (short.length) {
          await em.query(`UPDATE mobile_lines SET status = 'blocked', block_reason = 'debt', blocked_at = $2 WHERE id = ANY($1::uuid[]) AND status = 'active'`, [short, now]);
        }
      }
      return { accepted: inserted.length, duplicates, rejected, charged: rub(total) };
    });
  }

  /** Which of these numbers are lines — asked only when some records were not inserted. */
  private async knownLines(em: EntityManager, msisdns: string[], notInserted: number): Promise<{ msisdn: string }[]> {
    if (notInserted === 0) return [];
    return em.query('SELECT msisdn FROM mobile_lines WHERE msisdn = ANY($1::text[])', [msisdns]);
  }
}
