import type { DataSource } from 'typeorm';
import type { Clock } from '../../platform/clock';
import { MSK_OFFSET_MS } from '../../platform/moscow';
import type { BonusService } from '../bonus';

/** Ledger kinds that are charges for the line's services (not refunds, not promised-payment moves). */
const PAID_KINDS = ['monthly_fee', 'option_fee', 'tariff_change_fee', 'usage', 'block_fee', 'service_fee'];

/** `2026-11` → the Moscow month as UTC instants [start, end). */
export function moscowMonth(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { start: new Date(Date.UTC(y, m - 1, 1) - MSK_OFFSET_MS), end: new Date(Date.UTC(y, m, 1) - MSK_OFFSET_MS) };
}

/** The Moscow month before the one `now` is in. */
export function previousMoscowMonth(now: Date): string {
  const msk = new Date(now.getTime() + MSK_OFFSET_MS);
  const d = new Date(Date.UTC(msk.getUTCFullYear(), msk.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Operator points (issue 10): once a month, every mobile line earns bonus points on what it paid the
 * month before — its tariff's rate (basis points) of the charges posted for that line — into the bonus
 * engine (the same points, catalog and transfers as the fuel cards). The bonus ref names the line and the
 * month, so a second run of the job, or a run on another node, accrues nothing more. Customers who are not
 * members of the bonus program are skipped. The rate is the line's tariff at the time of the run.
 */
export class OperatorPointsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { bonus: BonusService },
  ) {}

  async accrueMonth(month = previousMoscowMonth(this.clock.now())): Promise<{ month: string; lines: number; accrued: number; points: number }> {
    const { start, end } = moscowMonth(month);
    // Cross-customer batch work. A charge belongs to a line when its ref names the line (monthly:, option:,
    // usage:, blacklist:) or one of the line's content services (content:).
    const rows: { line_id: string; customer_id: string; msisdn: string; rate: number; paid: string }[] = await this.ds.query(
      `SELECT l.id AS line_id, a.customer_id, l.msisdn, t.points_rate_bp AS rate, (-sum(e.amount))::text AS paid
         FROM mobile_lines l
         JOIN accounts a ON a.id = l.account_id
         JOIN tariffs t ON t.id = l.tariff_id
         JOIN ledger_entries e ON e.account_id = l.account_id AND e.amount < 0 AND e.kind = ANY($3::text[])
                              AND e.created_at >= $1 AND e.created_at < $2
                              AND (position(l.id::text in e.ref) > 0
                                   OR EXISTS (SELECT 1 FROM line_content_services s WHERE s.line_id = l.id AND e.ref LIKE 'content:' || s.id::text || ':%'))
        WHERE t.points_rate_bp > 0
        GROUP BY l.id, a.customer_id, l.msisdn, t.points_rate_bp`,
      [start, end, PAID_KINDS],
    );
    let accrued = 0;
    let points = 0;
    for (const r of rows) {
      // Kopecks × basis points → whole points (1 point = 1 rouble), rounded down.
      const earned = Number((BigInt(r.paid) * BigInt(r.rate)) / 1_000_000n);
      if (earned <= 0) continue;
      const out = await this.ds.transaction((em) =>
        this.deps.bonus.accrue(em, { customerId: r.customer_id, points: earned, ref: `operator-points:${r.line_id}:${month}`, description: `Бонусы за оплату связи ${r.msisdn}, ${month}` }),
      );
      if (out?.accrued) {
        accrued++;
        points += earned;
      }
    }
    return { month, lines: rows.length, accrued, points };
  }
}
