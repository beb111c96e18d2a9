import type { DataSource } from 'typeorm';
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

interface LineState {
  id: string;
  customer_id: string;
  account_id: string;
  msisdn: string;
  status: string;
  left: Record<UsageKind, number>;
  price: Record<UsageKind, bigint>;
  used: Record<UsageKind, number>;
  cost: bigint;
  firstRecord: string;
}


/**
 * Usage records from the network (CDR): each decrements the line's package for the period; what goes
 * past the package is charged per unit by the tariff, through the ledger. A record id counts once per
 * key, so a replayed batch changes nothing. Set-based: a fixed number of statements per batch.
 */
export class UsageService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
  ) {}

  async ingest(integrator: IntegratorContext, records: UsageRecordInput[]): Promise<UsageResult> {
    const rejected: UsageResult['rejected'] = [];
    const msisdns = records.map((r) => normalizePhone(r.msisdn));
    return this.ds.transaction(async (em) => {
      const lineRows: Record<string, string>[] = await em.query(
        `SELECT l.id, l.customer_id, l.account_id, l.msisdn, l.status, l.minutes_left, l.sms_left, l.mb_left,
                t.minute_price, t.sms_price, t.mb_price
           FROM mobile_lines l JOIN tariffs t ON t.id = l.tariff_id
          WHERE l.msisdn = ANY($1::text[]) ORDER BY l.id FOR UPDATE OF l`,
        [[...new Set(msisdns.filter(Boolean))]],
      );
      const lines = new Map<string, LineState>(
        lineRows.map((r) => [
          r.msisdn,
          {
            id: r.id,
            customer_id: r.customer_id,
            account_id: r.account_id,
            msisdn: r.msisdn,
            status: r.status,
            left: { minutes: Number(r.minutes_left), sms: Number(r.sms_left), mb: Number(r.mb_left) },
            price: { minutes: BigInt(r.minute_price), sms: BigInt(r.sms_price), mb: BigInt(r.mb_price) },
            used: { minutes: 0, sms: 0, mb: 0 },
            cost: 0n,
            firstRecord: '',
          },
        ]),
      );
      const seen = new Set<string>(
        (await em.query('SELECT record_id FROM usage_records WHERE api_key_id = $1 AND record_id = ANY($2::text[])', [integrator.apiKeyId, records.map((r) => r.id)])).map(
          (r: { record_id: string }) => r.record_id,
        ),
      );
      const rows: unknown[][] = [];
      let duplicates = 0;
      const now = this.clock.now();
      records.forEach((r, index) => {
        if (seen.has(r.id)) return void duplicates++;
        const line = msisdns[index] ? lines.get(msisdns[index]!) : undefined;
        if (!line) return void rejected.push({ index, id: r.id, code: 'unknown_line', message: `No line ${r.msisdn}.` });
        seen.add(r.id);
        const fromPackage = Math.min(line.left[r.type], r.quantity);
        const overage = r.quantity - fromPackage;
        line.left[r.type] -= fromPackage;
        line.used[r.type] += fromPackage;
        const cost = BigInt(overage) * line.price[r.type];
        if (cost > 0n) {
          line.cost += cost;
          line.firstRecord ||= r.id;
        }
        rows.push([integrator.apiKeyId, r.id, line.customer_id, line.id, r.type, r.quantity, fromPackage, overage, cost.toString(), r.occurredAt, now]);
      });
      if (rows.length) {
        const col = (k: number) => rows.map((x) => x[k]);
        await em.query(
          `INSERT INTO usage_records (api_key_id, record_id, customer_id, line_id, kind, quantity, from_package, overage, charged, occurred_at, received_at)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::int[], $8::int[], $9::bigint[], $10::timestamptz[], $11::timestamptz[])`,
          [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7), col(8), col(9), col(10)],
        );
        const touched = [...lines.values()].filter((l) => l.used.minutes || l.used.sms || l.used.mb);
        if (touched.length) {
          await em.query(
            `UPDATE mobile_lines m SET minutes_left = v.minutes, sms_left = v.sms, mb_left = v.mb
               FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) AS v(id, minutes, sms, mb) WHERE m.id = v.id`,
            [touched.map((l) => l.id), touched.map((l) => l.left.minutes), touched.map((l) => l.left.sms), touched.map((l) => l.left.mb)],
          );
        }
      }
      const charged = [...lines.values()].filter((l) => l.cost > 0n);
      const posted = await this.ledger.postMany(
        em,
        charged.map((l) => ({ accountId: l.account_id, amount: -l.cost, kind: 'usage' as const, ref: `usage:${integrator.apiKeyId}:${l.firstRecord}:${l.id}`, description: 'Сверх пакета' })),
      );
      // What the balance could not cover is a debt: the line is blocked until the account is topped up.
      const shortOf = charged.filter((_, i) => posted[i].posted !== posted[i].requested).map((l) => l.id);
      if (shortOf.length) {
        await em.query(`UPDATE mobile_lines SET status = 'blocked', block_reason = 'debt', blocked_at = $2 WHERE id = ANY($1::uuid[]) AND status = 'active'`, [shortOf, now]);
      }
      const total = posted.reduce((s, p) => s - p.posted, 0n);
      return { accepted: rows.length, duplicates, rejected, charged: rub(total) };
    });
  }
}
