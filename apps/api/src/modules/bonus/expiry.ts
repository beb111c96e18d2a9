import type { DataSource } from 'typeorm';
import type { BonusConfig } from '../../config';
import type { Clock } from '../../platform/clock';
import type { CustomersService } from '../customers';
import type { NotificationsService } from '../notifications';
import { EXPIRY_TEXT } from './points';

export interface ExpiryRun {
  members: number;
  lots: number;
  points: number;
  batches: number;
}

/**
 * The expiry job: lots whose time has come are zeroed, oldest first, one `expiry` operation per member
 * and run. A batch takes the members owning the next `batchLots` due lots (by expiry), locks them in
 * customer_id order with SKIP LOCKED — a member busy at a till is left for the next batch, and a second
 * node running the job at the same time takes other members — then, in a second statement (a fresh
 * snapshot, after the locks), expires every due lot of theirs and writes their balances and history.
 * Running it twice expires nothing twice.
 */
export class BonusExpiryService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: BonusConfig,
    private readonly deps: { customers: CustomersService; notifications: NotificationsService },
  ) {}

  async runDue(opts: { batchLots?: number; maxMs?: number } = {}): Promise<ExpiryRun> {
    const batchLots = opts.batchLots ?? 5000;
    const deadline = performance.now() + (opts.maxMs ?? 50_000); // a time budget of this run, not the product's time
    const total: ExpiryRun = { members: 0, lots: 0, points: 0, batches: 0 };
    for (;;) {
      const r = await this.ds.transaction(async (em) => {
        const now = this.clock.now();
        const locked: { customer_id: string }[] = await em.query(
          `SELECT m.customer_id FROM bonus_members m
            WHERE m.customer_id IN (SELECT customer_id FROM (SELECT customer_id FROM bonus_lots WHERE remaining > 0 AND expires_at <= $1 ORDER BY expires_at LIMIT $2) due)
            ORDER BY m.customer_id FOR UPDATE OF m SKIP LOCKED`,
          [now, batchLots],
        );
        if (!locked.length) return null;
        const [res] = await em.query(
          `WITH d AS (
             SELECT id, customer_id, remaining FROM bonus_lots WHERE customer_id = ANY($2::uuid[]) AND remaining > 0 AND expires_at <= $1
           ), u AS (
             UPDATE bonus_lots b SET remaining = 0 FROM d WHERE b.id = d.id RETURNING d.customer_id, d.remaining
           ), s AS (
             SELECT customer_id, sum(remaining) AS points, count(*) AS n FROM u GROUP BY customer_id
           ), m AS (
             UPDATE bonus_members mm SET balance = mm.balance - s.points FROM s WHERE mm.customer_id = s.customer_id
             RETURNING mm.customer_id, mm.balance, s.points, s.n
           ), o AS (
             INSERT INTO bonus_operations (id, customer_id, kind, points, balance_after, description, created_at)
             SELECT gen_random_uuid(), customer_id, 'expiry', -points, balance, $3, $1 FROM m
           )
           SELECT count(*)::int AS members, coalesce(sum(n), 0)::int AS lots, coalesce(sum(points), 0)::bigint AS points FROM m`,
          [now, locked.map((l) => l.customer_id), EXPIRY_TEXT],
        );
        return { members: res.members as number, lots: res.lots as number, points: Number(res.points) };
      });
      if (!r) break;
      total.batches += 1;
      total.members += r.members;
      total.lots += r.lots;
      total.points += r.points;
      if (performance.now() > deadline) break; // the rest waits for the next run
    }
    return total;
  }

  /**
   * "N points expire on DATE", by SMS, `expiryNoticeDays` ahead: once per member and expiry day (the
   * notice row is claimed first, so two nodes never both send it).
   */
  async sendNotices(limit = 500): Promise<number> {
    const days = this.config.expiryNoticeDays;
    if (days <= 0) return 0;
    const now = this.clock.now();
    const due: { customer_id: string; day: string; points: string }[] = await this.ds.query(
      `SELECT l.customer_id, to_char(l.expires_at AT TIME ZONE 'Europe/Moscow', 'YYYY-MM-DD') AS day, sum(l.remaining) AS points
         FROM bonus_lots l
        WHERE l.remaining > 0 AND l.expires_at > $1 AND l.expires_at <= $2
          AND NOT EXISTS (SELECT 1 FROM bonus_expiry_notices n WHERE n.customer_id = l.customer_id AND n.expires_on = (l.expires_at AT TIME ZONE 'Europe/Moscow')::date)
        GROUP BY 1, 2 ORDER BY 2, 1 LIMIT $3`,
      [now, new Date(now.getTime() + days * 24 * 3600_000), limit],
    );
    let sent = 0;
    for (const n of due) {
      const customer = await this.deps.customers.getView(n.customer_id);
      const ids: string[] = [];
      let told = false;
      await this.ds.transaction(async (em) => {
        const claimed = await em.query(
          'INSERT INTO bonus_expiry_notices (customer_id, expires_on, points, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1',
          [n.customer_id, n.day, n.points, now],
        );
        if (!claimed.length) return;
        told = true;
        const date = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${n.day}T00:00:00Z`));
        ids.push(
          ...(await this.deps.notifications.notify(em, {
            event: 'bonus.expiry',
            customerId: n.customer_id,
            title: 'Бонусные баллы сгорают',
            body: `${n.points} бонусных баллов сгорят ${date}. Потратьте их на АЗС или обменяйте на награду в личном кабинете.`,
            link: '/bonus',
            sms: customer.phone,
          })),
        );
      });
      await this.deps.notifications.deliver(ids);
      if (told) sent += 1; // one notice per member and expiry day, on whichever channels they keep
    }
    return sent;
  }
}
