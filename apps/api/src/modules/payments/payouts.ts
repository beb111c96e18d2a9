import type { DataSource, EntityManager } from 'typeorm';
import type { CardBrand, PayoutFailureReason } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { NotificationsService } from '../notifications';
import type { PaymentProvider, ProviderPayout } from './provider';

export interface PayoutRow {
  id: string;
  number: string;
  customer_id: string;
  card_id: string;
  amount: string;
  purpose: 'loan_disbursement';
  ref: string;
  status: 'pending' | 'succeeded' | 'failed';
  failure_reason: PayoutFailureReason | null;
  provider: string;
  provider_payout_id: string | null;
  card_last4: string;
  card_brand: CardBrand;
  created_at: Date;
  settled_at: Date | null;
}

/** What happens when a payout ends; supplied by the module that asked for it (loans). Returns SMS/e-mail ids to deliver. */
export type PayoutSettledHook = (em: EntityManager, payout: PayoutRow) => Promise<string[]>;

/**
 * Payouts: money sent to a customer's saved card through the acquirer (a loan's disbursement). The row
 * is written `pending` in the caller's transaction, then the acquirer is asked (`send`, after commit);
 * the end — succeeded or failed — is applied once, under a row lock, whichever comes first: the status
 * poll right after sending, the acquirer's signed callback, or the reconcile job. The purpose's hook
 * runs in that same transaction.
 */
export class PayoutsService {
  hooks: Partial<Record<PayoutRow['purpose'], PayoutSettledHook>> = {};

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { provider: PaymentProvider; notifications: NotificationsService },
  ) {}

  /**
   * A pending payout to one of the customer's saved cards, in the caller's transaction. The card must be
   * the customer's, live and not expired. Call `send` after the transaction commits.
   */
  async create(em: EntityManager, input: { customerId: string; cardId: string; amount: bigint; purpose: PayoutRow['purpose']; ref: string }): Promise<PayoutRow> {
    const [card] = await em.query('SELECT id, last4, brand, exp_month, exp_year FROM saved_cards WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL', [input.cardId, input.customerId]);
    if (!card) throw new AppError('card_not_found', 404, 'No such saved card.');
    if (new Date(Date.UTC(card.exp_year, card.exp_month, 1)) <= this.clock.now()) throw new AppError('card_expired', 409, 'The card has expired; add a new one.');
    try {
      const [row]: PayoutRow[] = await em.query(
        `INSERT INTO payouts (customer_id, card_id, amount, purpose, ref, status, provider, card_last4, card_brand, created_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9) RETURNING *`,
        [input.customerId, input.cardId, input.amount.toString(), input.purpose, input.ref, this.deps.provider.name, card.last4, card.brand, this.clock.now()],
      );
      return row;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new AppError('conflict', 409, 'A payout for this is already under way.');
      throw err;
    }
  }

  /** Hands a pending payout to the acquirer, then asks for its state once (the sandbox settles at once). */
  async send(id: string, description: string): Promise<PayoutRow> {
    const p = await this.row(id);
    if (p.status !== 'pending' || p.provider_payout_id) return p;
    const [card] = await this.ds.query('SELECT token FROM saved_cards WHERE id = $1', [p.card_id]);
    let state: ProviderPayout;
    try {
      state = await this.deps.provider.createPayout({ amount: BigInt(p.amount), cardToken: card.token, description, metadata: { payoutId: p.id } });
    } catch {
      // The acquirer did not take it: nothing was sent, the payout fails and its purpose hears so.
      await this.apply(id, { id: '', status: 'failed', amount: BigInt(p.amount), failureReason: 'general_decline' });
      return this.row(id);
    }
    await this.ds.query('UPDATE payouts SET provider_payout_id = $2 WHERE id = $1', [id, state.id]);
    if (state.status !== 'pending') await this.apply(id, state);
    return this.settle(id);
  }

  /** Asks the acquirer and applies what it says. Safe to call any number of times, from any node. */
  async settle(id: string): Promise<PayoutRow> {
    const p = await this.row(id);
    if (p.status !== 'pending' || !p.provider_payout_id) return p;
    const state = await this.deps.provider.getPayout(p.provider_payout_id);
    if (state.status !== 'pending') await this.apply(id, state);
    return this.row(id);
  }

  /** A verified callback named this acquirer id: true when it is one of ours (then it is settled). */
  async settleByProviderId(provider: string, providerId: string): Promise<boolean> {
    const [row] = await this.ds.query('SELECT id FROM payouts WHERE provider = $1 AND provider_payout_id = $2', [provider, providerId]);
    if (!row) return false;
    await this.settle(row.id);
    return true;
  }

  /** Settles pending payouts nobody asked about (lost callbacks). A job. */
  async reconcile(olderThanMs = 60_000): Promise<number> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM payouts WHERE status = 'pending' AND provider_payout_id IS NOT NULL AND created_at <= $1 ORDER BY created_at LIMIT 200`,
      [new Date(this.clock.now().getTime() - olderThanMs)],
    );
    let settled = 0;
    for (const r of rows) if ((await this.settle(r.id)).status !== 'pending') settled++;
    return settled;
  }

  async get(id: string): Promise<PayoutRow> {
    return this.row(id);
  }

  private async apply(id: string, state: ProviderPayout): Promise<void> {
    const messages = await this.ds.transaction(async (em) => {
      const [p]: PayoutRow[] = await em.query('SELECT * FROM payouts WHERE id = $1 FOR UPDATE', [id]);
      if (!p || p.status !== 'pending' || state.status === 'pending') return [];
      // An UPDATE answers [rows, count].
      const [[settled]]: [PayoutRow[], number] = await em.query(
        'UPDATE payouts SET status = $2, failure_reason = $3, settled_at = $4 WHERE id = $1 RETURNING *',
        [id, state.status, state.status === 'failed' ? (state.failureReason ?? 'general_decline') : null, this.clock.now()],
      );
      const hook = this.hooks[p.purpose];
      return hook ? hook(em, settled) : [];
    });
    if (messages.length) await this.deps.notifications.deliver(messages);
  }

  private async row(id: string): Promise<PayoutRow> {
    const [p] = await this.ds.query('SELECT * FROM payouts WHERE id = $1', [id]);
    if (!p) throw AppError.notFound('The payout');
    return p;
  }
}
