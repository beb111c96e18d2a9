import type { DataSource } from 'typeorm';
import { PaymentLimits, type AccountNotificationSettings, type Money } from '@cabinet/shared-types';
import { AppError } from '../../platform/errors';
import { formatRub, rub } from '../../platform/money';
import type { AccountsService } from '../accounts';
import type { NotificationsService } from '../notifications';

/**
 * The low-balance alert: the subscriber sets a threshold per account; a job sends one SMS when the
 * balance falls below it and re-arms once the balance is back above it. A job (not a ledger hook) so
 * the ledger stays the plain writer of balances it is, and a burst of charges sends one message.
 */
export class BalanceAlertsService {
  constructor(
    private readonly ds: DataSource,
    private readonly deps: { accounts: AccountsService; notifications: NotificationsService },
  ) {}

  async get(customerId: string, accountId: string): Promise<AccountNotificationSettings> {
    return this.ds.transaction(async (em) => {
      await this.deps.accounts.access(em, customerId, accountId);
      const [a] = await em.query('SELECT low_balance_threshold FROM accounts WHERE id = $1', [accountId]);
      return { lowBalanceThreshold: a.low_balance_threshold === null ? null : rub(a.low_balance_threshold) };
    });
  }

  async set(customerId: string, accountId: string, threshold: Money | null): Promise<AccountNotificationSettings> {
    if (threshold && (threshold.amount < 0 || threshold.amount > PaymentLimits.maxAmount)) {
      throw AppError.validation([{ field: 'lowBalanceThreshold.amount', code: 'range', message: `lowBalanceThreshold must be from 0 to ${formatRub(PaymentLimits.maxAmount)}` }]);
    }
    return this.ds.transaction(async (em) => {
      await this.deps.accounts.actor(em, customerId, accountId);
      await em.query('UPDATE accounts SET low_balance_threshold = $2, low_balance_notified = false WHERE id = $1', [accountId, threshold?.amount ?? null]);
      return { lowBalanceThreshold: threshold ? rub(threshold.amount) : null };
    });
  }

  /** The job: one notice per fall below the threshold (SMS, e-mail, the centre: as the customer's preferences say). */
  async run(): Promise<number> {
    const ids = await this.ds.transaction(async (em) => {
      await em.query('UPDATE accounts SET low_balance_notified = false WHERE low_balance_notified AND (low_balance_threshold IS NULL OR balance >= low_balance_threshold)');
      const [low]: [{ id: string; number: string; balance: string; customer_id: string }[], number] = await em.query(
        `UPDATE accounts SET low_balance_notified = true WHERE low_balance_threshold IS NOT NULL AND balance < low_balance_threshold AND NOT low_balance_notified AND status <> 'closed'
         RETURNING id, number, balance, customer_id`,
      );
      const out: string[] = [];
      for (const a of low) {
        const [c] = await em.query('SELECT phone, email FROM customers WHERE id = $1', [a.customer_id]);
        // The customer's preferences decide the channels (a muted SMS writes no outbox row).
        out.push(
          ...(await this.deps.notifications.notify(em, {
            event: 'balance.low',
            customerId: a.customer_id,
            title: `Низкий баланс на счёте ${a.number}`,
            body: `На счёте ${a.number} осталось ${formatRub(BigInt(a.balance))}. Пополните, чтобы услуги не остановились.`,
            link: `/accounts/${a.id}`,
            sms: c.phone,
            email: c.email,
          })),
        );
      }
      return out;
    });
    if (ids.length) await this.deps.notifications.deliver(ids);
    return ids.length;
  }
}
