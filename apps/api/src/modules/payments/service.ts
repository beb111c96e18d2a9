import type { DataSource, EntityManager } from 'typeorm';
import { pageLimit, prepared } from '../../db/prepared';
import {
  PaymentLimits,
  type CancellationReason,
  type CardBrand,
  type CreatePaymentRequest,
  type Page,
  type PaymentConfirmation,
  type PaymentMethod,
  type PaymentPurpose,
  type PaymentView,
  type ReceiptView,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { formatRub, rub } from '../../platform/money';
import { decodeCursor, toPage } from '../../platform/pagination';
import type { AccountsService, PeriodsService } from '../accounts';
import type { EventPublisher } from '../integrations';
import type { LedgerService } from '../ledger';
import type { NotificationsService } from '../notifications';
import type { PayoutsService } from './payouts';
import type { PaymentProvider, ProviderPayment } from './provider';

export interface PaymentRow {
  id: string;
  number: string;
  customer_id: string | null;
  /** Null for a loan's payment, and for a card binding of a customer with no account. */
  account_id: string | null;
  account_number: string | null;
  loan_id: string | null;
  amount: string;
  method: PaymentMethod;
  purpose: PaymentPurpose;
  source: 'customer' | 'autopay' | 'third_party';
  status: 'pending' | 'succeeded' | 'canceled';
  cancellation_reason: CancellationReason | null;
  card_id: string | null;
  save_card: boolean;
  autopay_rule_id: string | null;
  provider: string;
  provider_payment_id: string | null;
  confirmation: PaymentConfirmation | null;
  card_last4: string | null;
  card_brand: CardBrand | null;
  return_url: string | null;
  refunded: string;
  created_at: Date;
  settled_at: Date | null;
}

export interface Seller {
  name: string;
  inn: string;
  taxSystem: string;
  address: string;
}

/** What happens around a settlement, supplied by the other payment services (promised payments, cards, autopay). */
export interface SettlementHooks {
  /** After a top-up is credited: repay what is owed; returns true while a debt stays open. */
  afterCredit(em: EntityManager, p: PaymentRow): Promise<{ debtOpen: boolean }>;
  /** The acquirer gave a card token: keep the card. */
  saveCard(em: EntityManager, p: PaymentRow, card: NonNullable<ProviderPayment['card']>): Promise<void>;
  /** An autopay payment ended. */
  autopayOutcome(em: EntityManager, p: PaymentRow, succeeded: boolean): Promise<string[]>;
  /**
   * A loan's repayment, extension or optional service payment ended: the loans module applies it. Returns
   * the messages to deliver and what to give back (a payment the loan no longer needed in full).
   */
  loanPayment?(em: EntityManager, p: PaymentRow, succeeded: boolean): Promise<{ messages: string[]; refund: bigint }>;
}

/** A payment the loans module asks for; the loan's owner and amount were checked by it. */
export interface LoanPaymentInput {
  loanId: string;
  purpose: Extract<PaymentPurpose, 'loan_repayment' | 'loan_extension' | 'loan_service'>;
  amount: bigint;
  method: 'saved_card' | 'bank_card';
  cardId?: string;
  returnUrl: string;
  description: string;
  /** Runs in the transaction that writes the payment, before the acquirer is asked (e.g. to note an extension). */
  prepare?: (em: EntityManager, paymentId: string) => Promise<void>;
}

const SELECT = `SELECT p.*, a.number AS account_number FROM payments p LEFT JOIN accounts a ON a.id = p.account_id`;

export function toPaymentView(p: PaymentRow): PaymentView {
  return {
    id: p.id,
    accountId: p.account_id,
    accountNumber: p.account_number,
    loanId: p.loan_id,
    amount: rub(p.amount),
    method: p.method,
    purpose: p.purpose,
    status: p.status,
    confirmation: p.status === 'pending' ? p.confirmation : null,
    cancellationReason: p.cancellation_reason,
    card: p.card_last4 && p.card_brand ? { last4: p.card_last4, brand: p.card_brand } : null,
    source: p.source,
    createdAt: p.created_at.toISOString(),
    settledAt: p.settled_at?.toISOString() ?? null,
  };
}

/**
 * Payments: created `pending` at the acquirer, confirmed by the payer on the acquirer's pages, settled
 * by whichever comes first — the acquirer's signed callback, the status poll of GET /payments/:id, or the
 * reconcile job. Settling locks the payment row and moves it out of `pending` once; only `succeeded`
 * top-ups credit the ledger, under ref `payment:<id>`, so even a second settlement could not credit twice.
 */
export class PaymentsService {
  hooks: SettlementHooks | null = null;
  /** Callbacks that name a payout, not a payment, go here. */
  payouts: PayoutsService | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: {
      accounts: AccountsService;
      periods: PeriodsService;
      ledger: LedgerService;
      notifications: NotificationsService;
      provider: PaymentProvider;
      seller: Seller;
      /** Webhooks to partners: `payment.succeeded` / `payment.canceled` of top-ups. */
      events?: EventPublisher;
    },
  ) {}

  get provider(): PaymentProvider {
    return this.deps.provider;
  }

  async create(
    customerId: string,
    input: CreatePaymentRequest,
    opts: { source?: PaymentRow['source']; purpose?: PaymentRow['purpose']; autopayRuleId?: string } = {},
  ): Promise<PaymentView> {
    const purpose = opts.purpose ?? 'top_up';
    const amount = BigInt(input.amount.amount);
    if (purpose === 'top_up' && (amount < BigInt(PaymentLimits.minAmount) || amount > BigInt(PaymentLimits.maxAmount))) {
      throw AppError.validation([{ field: 'amount.amount', code: 'range', message: `amount must be from ${formatRub(PaymentLimits.minAmount)} to ${formatRub(PaymentLimits.maxAmount)}` }]);
    }
    if (input.method === 'saved_card' && !input.cardId) throw AppError.validation([{ field: 'cardId', code: 'isDefined', message: 'cardId is required for saved_card' }]);
    if (input.method !== 'saved_card' && input.cardId) throw AppError.validation([{ field: 'cardId', code: 'whitelist', message: 'cardId goes with method saved_card only' }]);
    if (input.saveCard && input.method !== 'bank_card') throw AppError.validation([{ field: 'saveCard', code: 'whitelist', message: 'saveCard goes with method bank_card only' }]);

    return this.start(customerId, {
      accountId: input.accountId,
      loanId: null,
      amount,
      method: input.method,
      cardId: input.cardId,
      saveCard: !!input.saveCard,
      purpose,
      source: opts.source ?? 'customer',
      autopayRuleId: opts.autopayRuleId ?? null,
      returnUrl: input.returnUrl ?? (purpose === 'card_binding' ? '/cards?bound={id}' : '/payments/{id}'),
      description: (account) => (purpose === 'card_binding' ? 'Привязка карты (1 ₽ вернётся)' : `Пополнение счёта ${account?.number ?? ''}`),
      checkAccess: async (em) => {
        if (!input.accountId) return null;
        const access = await this.deps.accounts.access(em, customerId, input.accountId);
        if (access.account.status === 'closed') throw new AppError('account_not_active', 409, 'The account is closed.');
        return access.account;
      },
    });
  }

  /**
   * The 1 ₽ authorisation that binds a card, for a customer without an open account (a borrower):
   * nothing is credited anywhere, the rouble is refunded once the card is saved.
   */
  async createBinding(customerId: string, returnUrl: string | undefined): Promise<PaymentView> {
    return this.start(customerId, {
      accountId: null,
      loanId: null,
      amount: BigInt(PaymentLimits.bindAmount),
      method: 'bank_card',
      saveCard: true,
      purpose: 'card_binding',
      source: 'customer',
      autopayRuleId: null,
      returnUrl: returnUrl ?? '/cards?bound={id}',
      description: () => 'Привязка карты (1 ₽ вернётся)',
      checkAccess: async () => null,
    });
  }

  /**
   * A top-up of somebody else's account (issue 10): by a visitor who did not sign in (`payerId` null), or by a
   * signed-in customer topping up another number. The caller found the account by its number and showed the
   * payer only a masked name; the payment is `third_party`, so its owner sees it as such in the history.
   */
  async createThirdParty(
    payerId: string | null,
    input: { accountId: string; amount: bigint; method: PaymentMethod; cardId?: string; returnUrl: string },
  ): Promise<PaymentView> {
    const { amount } = input;
    if (amount < BigInt(PaymentLimits.minAmount) || amount > BigInt(PaymentLimits.maxAmount)) {
      throw AppError.validation([{ field: 'amount.amount', code: 'range', message: `amount must be from ${formatRub(PaymentLimits.minAmount)} to ${formatRub(PaymentLimits.maxAmount)}` }]);
    }
    if (input.method === 'saved_card' && (!input.cardId || !payerId)) throw AppError.validation([{ field: 'cardId', code: 'isDefined', message: 'cardId is required for saved_card' }]);
    if (input.method !== 'saved_card' && input.cardId) throw AppError.validation([{ field: 'cardId', code: 'whitelist', message: 'cardId goes with method saved_card only' }]);
    return this.start(payerId, {
      accountId: input.accountId,
      loanId: null,
      amount,
      method: input.method,
      cardId: input.cardId,
      saveCard: false,
      purpose: 'top_up',
      source: 'third_party',
      autopayRuleId: null,
      returnUrl: input.returnUrl,
      description: (account) => `Пополнение счёта ${account?.number ?? ''}`,
      checkAccess: async (em) => {
        // Cross-customer by design: the payer is not the owner; only an open account takes money.
        const [account] = await em.query("SELECT number FROM accounts WHERE id = $1 AND status <> 'closed'", [input.accountId]);
        if (!account) throw AppError.notFound('The recipient');
        return account as { number: string };
      },
    });
  }

  /** A payment row as it is (for modules that show a payment to someone the customer rules do not cover, e.g. a payer without sign-in). */
  async rowOf(id: string, opts: { settle?: boolean } = {}): Promise<PaymentRow> {
    const p = await this.row(id);
    return opts.settle && p.status === 'pending' ? this.settle(id) : p;
  }

  /** A loan's repayment or paid extension (the loans module checked the loan, its owner and the amount). */
  async createForLoan(customerId: string, input: LoanPaymentInput): Promise<PaymentView> {
    if (input.method === 'saved_card' && !input.cardId) throw AppError.validation([{ field: 'cardId', code: 'isDefined', message: 'cardId is required for saved_card' }]);
    if (input.method !== 'saved_card' && input.cardId) throw AppError.validation([{ field: 'cardId', code: 'whitelist', message: 'cardId goes with method saved_card only' }]);
    return this.start(customerId, {
      accountId: null,
      loanId: input.loanId,
      amount: input.amount,
      method: input.method,
      cardId: input.cardId,
      saveCard: false,
      purpose: input.purpose,
      source: 'customer',
      autopayRuleId: null,
      returnUrl: input.returnUrl,
      description: () => input.description,
      checkAccess: async () => null,
      prepare: input.prepare,
    });
  }

  private async start(
    customerId: string | null,
    input: {
      accountId: string | null;
      loanId: string | null;
      amount: bigint;
      method: PaymentMethod;
      cardId?: string;
      saveCard: boolean;
      purpose: PaymentPurpose;
      source: PaymentRow['source'];
      autopayRuleId: string | null;
      returnUrl: string;
      description: (account: { number: string } | null) => string;
      checkAccess: (em: EntityManager) => Promise<{ number: string } | null>;
      prepare?: (em: EntityManager, paymentId: string) => Promise<void>;
    },
  ): Promise<PaymentView> {
    const { amount, purpose } = input;
    const { payment, account, token } = await this.ds.transaction(async (em) => {
      const account = await input.checkAccess(em);
      let cardToken: string | null = null;
      if (input.cardId) {
        const [card] = await em.query('SELECT token, exp_month, exp_year FROM saved_cards WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL', [input.cardId, customerId]);
        if (!card) throw new AppError('card_not_found', 404, 'No such saved card.');
        const now = this.clock.now();
        if (new Date(Date.UTC(card.exp_year, card.exp_month, 1)) <= now) throw new AppError('card_expired', 409, 'The card has expired; add a new one.');
        cardToken = card.token;
      }
      const [row]: { id: string }[] = await em.query(
        `INSERT INTO payments (customer_id, account_id, loan_id, amount, method, purpose, source, status, card_id, save_card, autopay_rule_id, provider, return_url, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $11, $12, $13) RETURNING id`,
        [customerId, input.accountId, input.loanId, amount.toString(), input.method, purpose, input.source, input.cardId ?? null, purpose === 'card_binding' || input.saveCard, input.autopayRuleId, this.deps.provider.name, input.returnUrl, this.clock.now()],
      );
      if (input.prepare) await input.prepare(em, row.id);
      return { payment: row, account, token: cardToken };
    });

    const returnUrl = input.returnUrl.replaceAll('{id}', payment.id);
    let state: ProviderPayment;
    try {
      state = await this.deps.provider.create({
        amount,
        description: input.description(account),
        method: input.method,
        cardToken: token ?? undefined,
        saveMethod: purpose === 'card_binding' || input.saveCard,
        returnUrl,
        metadata: { paymentId: payment.id },
      });
    } catch (err) {
      await this.apply(payment.id, { id: '', status: 'canceled', amount, cancellationReason: 'general_decline', confirmation: null, card: null });
      throw new AppError('service_unavailable', 503, `The acquirer did not take the payment: ${(err as Error).message}`);
    }
    await this.ds.query('UPDATE payments SET provider_payment_id = $2, confirmation = $3, return_url = $4 WHERE id = $1', [payment.id, state.id, state.confirmation, returnUrl]);
    if (state.status !== 'pending') await this.apply(payment.id, state);
    return toPaymentView(await this.row(payment.id));
  }

  /** A payment the caller made or whose account the caller can see; polls the acquirer while pending. */
  async get(customerId: string, id: string): Promise<PaymentView> {
    let p = await this.visible(customerId, id);
    if (p.status === 'pending') p = await this.settle(p.id);
    return toPaymentView(p);
  }

  async list(customerId: string, q: { accountId?: string; limit: number; cursor?: string }): Promise<Page<PaymentView>> {
    if (q.accountId) await this.ds.transaction((em) => this.deps.accounts.access(em, customerId, q.accountId as string));
    const after = decodeCursor(q.cursor);
    const params: unknown[] = after ? [q.accountId ?? customerId, after.at, after.id] : [q.accountId ?? customerId];
    const limit = pageLimit(q.limit + 1, (v) => params.push(v));
    const sql = `${SELECT} WHERE ${q.accountId ? "p.account_id = $1 AND p.purpose = 'top_up'" : 'p.customer_id = $1'}
         ${after ? 'AND (p.created_at, p.id) < ($2::timestamptz, $3::uuid)' : ''}
       ORDER BY p.created_at DESC, p.id DESC ${limit.sql}`;
    const rows: PaymentRow[] = await this.ds.query(prepared(`payments.list${q.accountId ? '.account' : ''}${after ? '.after' : ''}${limit.tag}`, sql), params);
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), toPaymentView);
  }

  async receipt(customerId: string, id: string): Promise<ReceiptView> {
    const p = await this.visible(customerId, id);
    if (p.purpose !== 'top_up') throw AppError.notFound('The receipt');
    if (p.status !== 'succeeded') throw new AppError('payment_not_pending', 409, p.status === 'pending' ? 'The payment is not finished yet; the receipt comes when it succeeds.' : 'A canceled payment has no receipt.');
    const [owner] = await this.ds.query('SELECT c.phone, c.email FROM customers c JOIN accounts a ON a.customer_id = c.id WHERE a.id = $1', [p.account_id]);
    const amount = rub(p.amount);
    return {
      paymentId: p.id,
      number: `R-${String(p.number).padStart(8, '0')}`,
      seller: this.deps.seller,
      customerContact: owner?.email ?? owner?.phone ?? '',
      items: [{ description: `Оплата услуг связи, лицевой счёт ${p.account_number}`, quantity: 1, price: amount, amount, vat: 'none', paymentSubject: 'service', paymentMode: 'full_prepayment' }],
      total: amount,
      method: p.method,
      card: p.card_last4 && p.card_brand ? { last4: p.card_last4, brand: p.card_brand } : null,
      paidAt: (p.settled_at as Date).toISOString(),
      fiscal: { fn: null, fd: null, fpd: null },
    };
  }

  /** A callback from the acquirer: the signature must be right; then the acquirer is asked for the state and it is applied. */
  async callback(provider: string, headers: Record<string, string | undefined>, rawBody: Buffer | undefined): Promise<void> {
    if (provider !== this.deps.provider.name) throw AppError.notFound('The payment provider');
    const providerId = rawBody ? this.deps.provider.verifyCallback(headers, rawBody) : null;
    if (!providerId) throw new AppError('invalid_signature', 401, 'The callback signature is missing, wrong or too old.');
    const [row] = await this.ds.query('SELECT id FROM payments WHERE provider = $1 AND provider_payment_id = $2', [provider, providerId]);
    if (!row) {
      if (this.payouts && (await this.payouts.settleByProviderId(provider, providerId))) return;
      throw AppError.notFound('The payment');
    }
    await this.settle(row.id);
  }

  /** Asks the acquirer and applies what it says. Safe to call any number of times, from any node. */
  async settle(id: string): Promise<PaymentRow> {
    const p = await this.row(id);
    if (p.status !== 'pending' || !p.provider_payment_id) return p;
    const state = await this.deps.provider.get(p.provider_payment_id);
    if (state.status === 'pending') return p;
    await this.apply(id, state);
    return this.row(id);
  }

  /**
   * Settles pending payments nobody asked about (lost callbacks, timeouts). A job. Also the ones whose answer from
   * the acquirer's `create` was lost (the process killed, the database cut between the charge and saving its id):
   * the acquirer is asked by the payment id, and what it charged is linked and credited (once: the ledger ref);
   * one the acquirer never received is canceled after `lostAfterMs`.
   */
  async reconcile(olderThanMs = 60_000, lostAfterMs = 15 * 60_000): Promise<number> {
    const now = this.clock.now().getTime();
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM payments WHERE status = 'pending' AND provider_payment_id IS NOT NULL AND created_at <= $1 ORDER BY created_at LIMIT 200`,
      [new Date(now - olderThanMs)],
    );
    let settled = 0;
    for (const r of rows) if ((await this.settle(r.id)).status !== 'pending') settled++;
    const lost: { id: string; amount: string; created_at: Date }[] = await this.ds.query(
      `SELECT id, amount, created_at FROM payments WHERE status = 'pending' AND provider_payment_id IS NULL AND provider = $2 AND created_at <= $1 ORDER BY created_at LIMIT 200`,
      [new Date(now - olderThanMs), this.deps.provider.name],
    );
    for (const p of lost) {
      const state = await this.deps.provider.findByPaymentId(p.id);
      if (state) {
        await this.ds.query('UPDATE payments SET provider_payment_id = $2, confirmation = $3 WHERE id = $1 AND provider_payment_id IS NULL', [p.id, state.id, state.confirmation]);
        if (state.status !== 'pending') {
          await this.apply(p.id, state);
          settled++;
        }
      } else if (p.created_at.getTime() <= now - lostAfterMs) {
        await this.apply(p.id, { id: '', status: 'canceled', amount: BigInt(p.amount), cancellationReason: 'general_decline', confirmation: null, card: null });
        settled++;
      }
    }
    return settled;
  }

  /**
   * Gives money back to the payer (staff, or a binding's 1 ₽). The ledger takes it off the account
   * first — refused if the balance no longer holds it — then the acquirer returns it.
   */
  async refund(id: string, amount: bigint, reason = 'Возврат платежа', opts: { inTx?: (em: EntityManager, p: PaymentRow) => Promise<void> } = {}): Promise<{ balanceAfter: bigint | null }> {
    const out = await this.ds.transaction(async (em) => {
      const [p]: PaymentRow[] = await em.query('SELECT * FROM payments WHERE id = $1 FOR UPDATE', [id]);
      if (!p) throw AppError.notFound('The payment');
      // What the refund is for, checked and written under the payment's lock (it may refuse: nothing changes).
      if (opts.inTx) await opts.inTx(em, p);
      if (p.status !== 'succeeded') throw new AppError('payment_not_pending', 409, 'Only a succeeded payment can be refunded.');
      const refunded = BigInt(p.refunded) + amount;
      if (amount <= 0n || refunded > BigInt(p.amount)) throw AppError.validation([{ field: 'amount', code: 'range', message: 'amount must be positive and not above what is left to refund' }]);
      let balanceAfter: bigint | null = null;
      if (p.purpose === 'top_up' && p.account_id) {
        const posted = await this.deps.ledger.post(em, { accountId: p.account_id, amount: -amount, kind: 'refund', ref: `refund:${p.id}:${refunded}`, description: reason });
        if (posted.posted) balanceAfter = posted.balanceAfter;
      }
      await em.query('UPDATE payments SET refunded = $2 WHERE id = $1', [id, refunded.toString()]);
      return { balanceAfter, providerId: p.provider_payment_id as string };
    });
    await this.deps.provider.refund(out.providerId, amount);
    return { balanceAfter: out.balanceAfter };
  }

  // --- inside ------------------------------------------------------------------------------------------

  private async apply(id: string, state: ProviderPayment): Promise<void> {
    const messages: string[] = [];
    let refundBinding = false;
    let refundLoan = 0n;
    await this.ds.transaction(async (em) => {
      const [p]: PaymentRow[] = await em.query(`${SELECT} WHERE p.id = $1 FOR UPDATE OF p`, [id]);
      if (!p || p.status !== 'pending' || state.status === 'pending') return;
      const now = this.clock.now();
      await em.query(
        'UPDATE payments SET status = $2, cancellation_reason = $3, settled_at = $4, card_last4 = coalesce($5, card_last4), card_brand = coalesce($6, card_brand) WHERE id = $1',
        [id, state.status, state.status === 'canceled' ? (state.cancellationReason ?? 'general_decline') : null, now, state.card?.last4 ?? null, state.card?.brand ?? null],
      );
      if (p.purpose === 'top_up') {
        await this.deps.events?.publish(em, state.status === 'succeeded' ? 'payment.succeeded' : 'payment.canceled', {
          paymentId: p.id,
          accountId: p.account_id,
          accountNumber: p.account_number,
          amount: rub(p.amount),
          method: p.method,
          source: p.source,
          status: state.status,
          cancellationReason: state.status === 'canceled' ? (state.cancellationReason ?? 'general_decline') : null,
          settledAt: now.toISOString(),
        });
      }
      // A top-up tells the account's owner; anything else, the payer.
      const [owner] = p.account_id
        ? await em.query('SELECT c.id, c.phone FROM customers c JOIN accounts a ON a.customer_id = c.id WHERE a.id = $1', [p.account_id])
        : await em.query('SELECT id, phone FROM customers WHERE id = $1', [p.customer_id]);
      const sms = async (body: string) =>
        messages.push(...(await this.deps.notifications.notify(em, { event: 'payment.succeeded', customerId: owner.id, title: 'Платёж', body, link: `/payments/${p.id}`, sms: owner.phone })));
      if (p.purpose === 'loan_repayment' || p.purpose === 'loan_extension' || p.purpose === 'loan_service') {
        if (state.status === 'succeeded' && state.card?.token && p.save_card && this.hooks) await this.hooks.saveCard(em, p, state.card);
        const out = this.hooks?.loanPayment ? await this.hooks.loanPayment(em, p, state.status === 'succeeded') : { messages: [], refund: 0n };
        messages.push(...out.messages);
        refundLoan = out.refund;
        return;
      }
      if (state.status === 'succeeded') {
        if (state.card?.token && p.save_card && this.hooks) await this.hooks.saveCard(em, p, state.card);
        if (p.purpose === 'top_up' && p.account_id) {
          const posted = await this.deps.ledger.post(em, { accountId: p.account_id, amount: BigInt(p.amount), kind: 'payment', ref: `payment:${p.id}`, description: paymentDescription(p, state) });
          const { debtOpen } = this.hooks ? await this.hooks.afterCredit(em, p) : { debtOpen: false };
          const balance = (await this.deps.periods.resumeAfterCredit(em, p.account_id, { debtOpen })) ?? 0n;
          if (posted.posted) {
            // On the owner's channels for payments (SMS, the notification centre, and browsers that allow push).
            const body = `Платёж ${formatRub(BigInt(p.amount))} зачислен на счёт ${p.account_number}. Баланс: ${formatRub(balance)}.`;
            messages.push(...(await this.deps.notifications.notify(em, { event: 'payment.succeeded', customerId: owner.id, title: 'Платёж зачислен', body, link: `/payments/${p.id}`, sms: owner.phone })));
          }
        } else {
          refundBinding = true;
        }
      }
      if (p.autopay_rule_id && this.hooks) {
        for (const body of await this.hooks.autopayOutcome(em, p, state.status === 'succeeded')) await sms(body);
      }
    });
    if (messages.length) await this.deps.notifications.deliver(messages);
    if (refundBinding) await this.refund(id, BigInt(state.amount), 'Возврат 1 ₽ за привязку карты').catch(() => undefined);
    if (refundLoan > 0n) await this.refund(id, refundLoan, 'Возврат суммы сверх долга по займу').catch(() => undefined);
  }

  private async row(id: string): Promise<PaymentRow> {
    const [p] = await this.ds.query(`${SELECT} WHERE p.id = $1`, [id]);
    if (!p) throw AppError.notFound('The payment');
    return p;
  }

  private async visible(customerId: string, id: string): Promise<PaymentRow> {
    const [p]: PaymentRow[] = await this.ds.query(`${SELECT} WHERE p.id = $1`, [id]);
    if (!p) throw AppError.notFound('The payment');
    if (p.customer_id !== customerId) {
      // Someone else's payment into an account the caller can see (a grantee, or a payer without sign-in).
      const accountId = p.account_id;
      if (!accountId) throw AppError.notFound('The payment');
      await this.ds.transaction((em) => this.deps.accounts.access(em, customerId, accountId)).catch(() => {
        throw AppError.notFound('The payment');
      });
    }
    return p;
  }
}

function paymentDescription(p: PaymentRow, state: ProviderPayment): string {
  const how: Record<PaymentMethod, string> = { bank_card: 'картой', saved_card: 'сохранённой картой', sbp: 'через СБП', wallet: 'из кошелька' };
  const card = state.card ? ` •••• ${state.card.last4}` : '';
  const who = p.source === 'autopay' ? 'Автоплатёж' : p.source === 'third_party' ? (p.customer_id ? 'Пополнение от другого абонента' : 'Оплата без входа') : 'Пополнение';
  return `${who} ${how[p.method]}${card}`;
}
