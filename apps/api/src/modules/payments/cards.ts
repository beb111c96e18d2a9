import type { DataSource, EntityManager } from 'typeorm';
import { PaymentLimits, type BindCardResponse, type CardBrand, type SavedCardView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { AuditService } from '../audit';
import type { ProviderCard } from './provider';
import type { PaymentRow, PaymentsService } from './service';

export interface CardRow {
  id: string;
  last4: string;
  brand: CardBrand;
  exp_month: number;
  exp_year: number;
  holder: string;
  is_default: boolean;
  created_at: Date;
}

export const toCardView = (c: CardRow): SavedCardView => ({
  id: c.id,
  last4: c.last4,
  brand: c.brand,
  expMonth: c.exp_month,
  expYear: c.exp_year,
  holder: c.holder,
  isDefault: c.is_default,
  createdAt: c.created_at.toISOString(),
});

/**
 * Saved cards ("Подключить карту"). Binding is a 1 ₽ payment on the acquirer's page with "save the
 * card" asked; when it succeeds the card is kept (token, last 4, brand, expiry, holder — never the
 * number) and the rouble is refunded. A top-up by card with `saveCard` keeps the card the same way.
 */
export class CardsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { payments: PaymentsService; audit: AuditService },
  ) {}

  async list(customerId: string): Promise<{ items: SavedCardView[] }> {
    const rows: CardRow[] = await this.ds.query('SELECT * FROM saved_cards WHERE customer_id = $1 AND deleted_at IS NULL ORDER BY is_default DESC, created_at DESC', [customerId]);
    return { items: rows.map(toCardView) };
  }

  /**
   * Starts a binding; the payer confirms it on the acquirer's page. The binding payment is made on the
   * customer's first account, or on none (a borrower has no account: the card is theirs, for payouts
   * and repayments).
   */
  async bind(customerId: string, returnUrl?: string): Promise<BindCardResponse> {
    const [account] = await this.ds.query(`SELECT id FROM accounts WHERE customer_id = $1 AND status <> 'closed' ORDER BY created_at LIMIT 1`, [customerId]);
    const p = account
      ? await this.deps.payments.create(
          customerId,
          { accountId: account.id, amount: { amount: PaymentLimits.bindAmount, currency: 'RUB' }, method: 'bank_card', returnUrl },
          { purpose: 'card_binding' },
        )
      : await this.deps.payments.createBinding(customerId, returnUrl);
    if (!p.confirmation) throw new AppError('service_unavailable', 503, 'The acquirer gave no page to confirm the card on.');
    return { paymentId: p.id, confirmation: p.confirmation };
  }

  async remove(customerId: string, cardId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const [rows] = await em.query('UPDATE saved_cards SET deleted_at = $3, is_default = false WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL RETURNING id', [cardId, customerId, this.clock.now()]);
      if (!rows.length) throw new AppError('card_not_found', 404, 'No such saved card.');
      // Autopay from a removed card cannot run: its rules stop, and say why.
      await em.query(`UPDATE autopay_rules SET status = 'stopped', next_run_at = NULL WHERE card_id = $1 AND deleted_at IS NULL`, [cardId]);
      await this.deps.audit.record(em, { action: 'card_deleted', customerId, details: { cardId } });
    });
  }

  async makeDefault(customerId: string, cardId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const [card] = await em.query('SELECT id FROM saved_cards WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL FOR UPDATE', [cardId, customerId]);
      if (!card) throw new AppError('card_not_found', 404, 'No such saved card.');
      await em.query('UPDATE saved_cards SET is_default = false WHERE customer_id = $1 AND is_default AND id <> $2', [customerId, cardId]);
      await em.query('UPDATE saved_cards SET is_default = true WHERE id = $1', [cardId]);
    });
  }

  /** Called when a payment that asked to save its card succeeded. The first card becomes the default. */
  async save(em: EntityManager, p: PaymentRow, card: ProviderCard): Promise<void> {
    if (!p.customer_id || !card.token) return;
    const [{ n }] = await em.query('SELECT count(*)::int AS n FROM saved_cards WHERE customer_id = $1 AND deleted_at IS NULL', [p.customer_id]);
    const inserted = await em.query(
      `INSERT INTO saved_cards (customer_id, provider, token, last4, brand, exp_month, exp_year, holder, is_default, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id`,
      [p.customer_id, p.provider, card.token, card.last4, card.brand, card.expMonth, card.expYear, card.holder, n === 0, this.clock.now()],
    );
    if (inserted.length) {
      await em.query('UPDATE payments SET card_id = $2 WHERE id = $1', [p.id, inserted[0].id]);
      await this.deps.audit.record(em, { action: 'card_saved', customerId: p.customer_id, details: { cardId: inserted[0].id, last4: card.last4 } });
    }
  }
}
