import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BonusLimits,
  type BonusCardBalanceView,
  type BonusPurchaseRequest,
  type BonusPurchaseView,
  type BonusQuoteRequest,
  type BonusQuoteView,
  type BonusReceiptItem,
} from '@cabinet/shared-types';
import type { BonusConfig } from '../../config';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { requestHash } from '../../platform/idempotency';
import { rub } from '../../platform/money';
import type { AuthContext, IntegratorContext } from '../../platform/routes';
import type { AuditService } from '../audit';
import type { RequestMeta } from '../customers';
import { requireCardNumber } from './card-number';
import type { LotSlice, PointsBook } from './points';
import { activeCard, availableBalance, campaignsAt } from './repository';
import { POINT_KOPECKS, priceReceipt } from './rules';

/** Who posts receipts: an API key with `bonus:purchases`, or the till simulator (its own key id). */
export type Till = Pick<IntegratorContext, 'apiKeyId' | 'name'>;

/** The till simulator's identity: its receipts are kept apart from every real till's. */
export const TILL_SIMULATOR: Till = { apiKeyId: '00000000-0000-4000-8000-00000000b0b0', name: 'Симулятор кассы' };

/** Lets a caller write in the purchase's transaction (the simulator's audit entry). */
export type AfterApplied = (em: EntityManager, view: BonusPurchaseView) => Promise<void>;

interface PurchaseRow {
  id: string;
  customer_id: string;
  receipt_id: string;
  request_hash: string;
  card_id: string;
  card_number: string;
  station: string;
  occurred_at: Date;
  total: string;
  points_spent: string;
  points_accrued: string;
  campaigns: string[];
  accrual_lot_id: string | null;
  spent_from: LotSlice[];
  balance_after: string;
  status: 'completed' | 'refunded';
  refunded_at: Date | null;
  points_reversed: string | null;
  points_returned: string | null;
  points_unrecovered: string | null;
  balance_after_refund: string | null;
}

const PURCHASE_COLUMNS = `p.id, p.customer_id, p.receipt_id, p.request_hash, p.card_id, c.number AS card_number, p.station, p.occurred_at, p.total,
  p.points_spent, p.points_accrued, p.campaigns, p.accrual_lot_id, p.spent_from, p.balance_after, p.status, p.refunded_at,
  p.points_reversed, p.points_returned, p.points_unrecovered, p.balance_after_refund`;

function toPurchaseView(r: PurchaseRow): BonusPurchaseView {
  const spent = Number(r.points_spent);
  const total = Number(r.total);
  return {
    receiptId: r.receipt_id,
    status: r.status,
    cardNumber: r.card_number,
    station: r.station,
    occurredAt: r.occurred_at.toISOString(),
    total: rub(total),
    discount: rub(spent * POINT_KOPECKS),
    toPay: rub(total - spent * POINT_KOPECKS),
    pointsSpent: spent,
    pointsAccrued: Number(r.points_accrued),
    balance: Number(r.status === 'refunded' ? r.balance_after_refund : r.balance_after),
    campaigns: r.campaigns,
    refund: r.refunded_at
      ? {
          refundedAt: r.refunded_at.toISOString(),
          pointsReversed: Number(r.points_reversed),
          pointsReturned: Number(r.points_returned),
          pointsUnrecovered: Number(r.points_unrecovered),
        }
      : null,
  };
}

const isUniqueViolation = (err: unknown, constraint: string) => {
  const e = (err as { driverError?: { code?: string; constraint?: string } }).driverError;
  return e?.code === '23505' && e.constraint === constraint;
};

interface NormalizedPurchase {
  receiptId: string;
  cardNumber: string;
  station: string;
  occurredAt: string;
  items: BonusReceiptItem[];
  spendPoints: number;
}

/**
 * The tills' side of the program, for integrators (`bonus:purchases`) and the till simulator alike:
 * quote → purchase (points paid and earned, once per receipt id) → refund.
 */
export class TillService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: BonusConfig,
    private readonly deps: { book: PointsBook; audit: AuditService },
  ) {}

  private get book(): PointsBook {
    return this.deps.book;
  }

  /** The till simulator (staff, dev): the same purchase as a till's, under the simulator's key, audited. */
  simulatePurchase(auth: AuthContext, input: BonusPurchaseRequest, meta: RequestMeta): Promise<BonusPurchaseView> {
    return this.purchase(TILL_SIMULATOR, input, (em, view) =>
      this.deps.audit.record(em, { action: 'bonus_till_purchase', actorId: auth.customerId, customerId: null, ip: meta.ip, details: { receiptId: view.receiptId, card: view.cardNumber, spent: view.pointsSpent, accrued: view.pointsAccrued } }),
    );
  }

  simulateRefund(auth: AuthContext, receiptId: string, meta: RequestMeta): Promise<BonusPurchaseView> {
    return this.refund(TILL_SIMULATOR, receiptId, (em, view) =>
      this.deps.audit.record(em, { action: 'bonus_till_refund', actorId: auth.customerId, customerId: null, ip: meta.ip, details: { receiptId: view.receiptId, card: view.cardNumber } }),
    );
  }

  /** Before payment: the balance, how many points this receipt may be paid with, what it would earn. */
  async quote(input: BonusQuoteRequest): Promise<BonusQuoteView> {
    const number = requireCardNumber(input.cardNumber);
    const at = input.occurredAt ? this.checkTime(input.occurredAt) : this.clock.now();
    const em = this.ds.manager;
    const card = await activeCard(em, number);
    const balance = (await availableBalance(em, card.customerId, this.clock.now())) ?? 0;
    const campaigns = await campaignsAt(em, at);
    const priced = priceReceipt(input.items, { spendPoints: 0, config: this.config, campaigns, at });
    return { cardNumber: number, balance, maxSpend: Math.min(balance, priced.spendCap), spendableAmount: rub(priced.spendable), accrualPreview: priced.accrual };
  }

  /**
   * The paid receipt. Points (if asked) pay for the eligible lines, oldest lots first; the rest earns
   * points as a new lot, earned at `occurredAt`. Once per receipt id and key: a replay answers the first
   * result; the same receipt id with other contents is a 409.
   */
  async purchase(till: Till, input: BonusPurchaseRequest, after?: AfterApplied): Promise<BonusPurchaseView> {
    const at = this.checkTime(input.occurredAt);
    const p: NormalizedPurchase = {
      receiptId: input.receiptId,
      cardNumber: requireCardNumber(input.cardNumber),
      station: input.station.trim(),
      occurredAt: at.toISOString(),
      items: input.items.map((i) => ({ name: i.name, category: i.category, amount: { amount: i.amount.amount, currency: 'RUB' as const }, ...(i.quantity !== undefined ? { quantity: i.quantity } : {}), ...(i.sku !== undefined ? { sku: i.sku } : {}) })),
      spendPoints: input.spendPoints ?? 0,
    };
    const hash = requestHash('POST', 'bonus-purchase', p);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction((em) => this.apply(em, till, p, hash, at, after));
      } catch (err) {
        // The same receipt id posted at the same moment for another card: the first one won; answer as a replay would.
        if (attempt === 1 && isUniqueViolation(err, 'bonus_purchases_api_key_id_receipt_id_key')) continue;
        throw err;
      }
    }
  }

  private async apply(em: EntityManager, till: Till, p: NormalizedPurchase, hash: string, at: Date, after?: AfterApplied): Promise<BonusPurchaseView> {
    const replay = async () => {
      const existing = await this.findPurchase(em, till, p.receiptId);
      if (existing && existing.request_hash !== hash) {
        throw new AppError('bonus_receipt_conflict', 409, `Receipt ${p.receiptId} was posted before with other contents; a receipt id counts once.`);
      }
      return existing ? toPurchaseView(existing) : null;
    };
    // A replay is answered before anything else is checked: what counted once is never refused later.
    const first = await replay();
    if (first) return first;
    const card = await activeCard(em, p.cardNumber);
    const member = await this.book.lock(em, card.customerId);
    if (!member) throw new Error(`bonus: active card ${card.id} without a member`);
    // A twin of this request may have committed while we waited for the member's lock.
    const twin = await replay();
    if (twin) return twin;
    const campaigns = await campaignsAt(em, at);
    const priced = priceReceipt(p.items, { spendPoints: p.spendPoints, config: this.config, campaigns, at });
    const allowed = Math.min(member.balance, priced.spendCap);
    if (p.spendPoints > priced.spendCap) {
      throw new AppError(
        'bonus_spend_above_eligible',
        409,
        priced.spendCap === 0
          ? 'Nothing on this receipt may be paid with points (excluded goods only).'
          : `Points may pay for at most ${priced.spendCap} ₽ of this receipt (excluded goods left out).`,
        { allowedPoints: allowed },
      );
    }
    if (p.spendPoints > member.balance) {
      throw new AppError('bonus_insufficient_points', 409, `Not enough points: ${p.spendPoints} asked, ${member.balance} on the card.`, { allowedPoints: allowed });
    }

    const purchaseId = randomUUID();
    const op = { customerId: card.customerId, cardId: card.id, purchaseId };
    let balance = member.balance;
    let slices: LotSlice[] = [];
    if (p.spendPoints > 0) {
      const d = await this.book.debit(em, { ...op, kind: 'spend', description: `Оплата баллами: ${p.station}` }, p.spendPoints);
      [balance, slices] = [d.balanceAfter, d.slices];
    }
    let lotId: string | null = null;
    if (priced.accrual > 0) {
      const label = priced.campaigns.length ? ` (${priced.campaigns.join(', ')})` : '';
      const c = await this.book.credit(em, { ...op, kind: 'accrual', description: `Покупка: ${p.station}${label}` }, priced.accrual, { earnedAt: at, source: 'accrual' });
      [balance, lotId] = [c.balanceAfter, c.lotIds[0]];
    }
    await em.query(
      `INSERT INTO bonus_purchases (id, customer_id, api_key_id, receipt_id, request_hash, card_id, station, occurred_at, items, total,
                                    points_spent, points_accrued, campaigns, accrual_lot_id, spent_from, balance_after, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'completed', $17)`,
      [purchaseId, card.customerId, till.apiKeyId, p.receiptId, hash, card.id, p.station, at, JSON.stringify(p.items), priced.total, p.spendPoints, priced.accrual, priced.campaigns, lotId, JSON.stringify(slices), balance, this.clock.now()],
    );
    const view: BonusPurchaseView = {
      receiptId: p.receiptId,
      status: 'completed',
      cardNumber: p.cardNumber,
      station: p.station,
      occurredAt: p.occurredAt,
      total: rub(priced.total),
      discount: rub(p.spendPoints * POINT_KOPECKS),
      toPay: rub(priced.total - p.spendPoints * POINT_KOPECKS),
      pointsSpent: p.spendPoints,
      pointsAccrued: priced.accrual,
      balance,
      campaigns: priced.campaigns,
      refund: null,
    };
    if (after) await after(em, view);
    return view;
  }

  /**
   * A refund of the whole receipt: the points paid with it come back as lots with their original expiry,
   * and its accrual is taken back (from its own lot first, then the oldest). What the balance cannot cover
   * — points already spent — is written off (`pointsUnrecovered`): a balance never goes below zero.
   * A second refund answers the first.
   */
  async refund(till: Till, receiptId: string, after?: AfterApplied): Promise<BonusPurchaseView> {
    return this.ds.transaction(async (em) => {
      const found = await this.findPurchase(em, till, receiptId);
      if (!found) throw AppError.notFound(`Receipt ${receiptId}`);
      await this.book.lock(em, found.customer_id);
      const p = (await this.findPurchase(em, till, receiptId, true))!;
      if (p.status === 'refunded') return toPurchaseView(p);
      const op = { customerId: p.customer_id, cardId: p.card_id, purchaseId: p.id };
      const spent = Number(p.points_spent);
      if (spent > 0) {
        await this.book.credit(em, { ...op, kind: 'return', description: `Возврат покупки ${p.receipt_id}: баллы, которыми платили` }, spent, { slices: p.spent_from, source: 'return' });
      }
      // Returned lots whose expiry has passed meanwhile expire now.
      let balance = (await this.book.lock(em, p.customer_id))!.balance;
      const accrued = Number(p.points_accrued);
      const reversed = Math.min(accrued, balance);
      if (reversed > 0) {
        const d = await this.book.debit(em, { ...op, kind: 'reversal', description: `Возврат покупки ${p.receipt_id}: отмена начисления` }, reversed, { firstLot: p.accrual_lot_id });
        balance = d.balanceAfter;
      }
      const now = this.clock.now();
      await em.query(
        `UPDATE bonus_purchases SET status = 'refunded', refunded_at = $2, points_reversed = $3, points_returned = $4, points_unrecovered = $5, balance_after_refund = $6 WHERE id = $1`,
        [p.id, now, reversed, spent, accrued - reversed, balance],
      );
      const view = toPurchaseView({ ...p, status: 'refunded', refunded_at: now, points_reversed: String(reversed), points_returned: String(spent), points_unrecovered: String(accrued - reversed), balance_after_refund: String(balance) });
      if (after) await after(em, view);
      return view;
    });
  }

  async getPurchase(till: Till, receiptId: string): Promise<BonusPurchaseView> {
    const p = await this.findPurchase(this.ds.manager, till, receiptId);
    if (!p) throw AppError.notFound(`Receipt ${receiptId}`);
    return toPurchaseView(p);
  }

  async cardBalance(cardNumber: string): Promise<BonusCardBalanceView> {
    const number = requireCardNumber(cardNumber);
    const em = this.ds.manager;
    const [card] = await em.query('SELECT customer_id, status FROM bonus_cards WHERE number = $1', [number]);
    if (!card) throw new AppError('bonus_card_not_found', 404, `No card ${number}.`);
    const balance = card.customer_id ? ((await availableBalance(em, card.customer_id, this.clock.now())) ?? 0) : 0;
    return { cardNumber: number, status: card.status, balance };
  }

  private async findPurchase(em: EntityManager, till: Till, receiptId: string, lock = false): Promise<PurchaseRow | null> {
    const [row] = await em.query(
      `SELECT ${PURCHASE_COLUMNS} FROM bonus_purchases p JOIN bonus_cards c ON c.id = p.card_id WHERE p.api_key_id = $1 AND p.receipt_id = $2${lock ? ' FOR UPDATE OF p' : ''}`,
      [till.apiKeyId, receiptId],
    );
    return row ?? null;
  }

  /** A till's time: not ahead of ours by more than 5 minutes, and at most 30 days old (offline tills catch up). */
  private checkTime(iso: string): Date {
    const at = new Date(iso);
    const now = this.clock.now().getTime();
    if (at.getTime() > now + 5 * 60_000) {
      throw AppError.validation([{ field: 'occurredAt', code: 'notInFuture', message: 'occurredAt is in the future; check the till’s clock' }]);
    }
    if (at.getTime() < now - BonusLimits.purchaseMaxAgeDays * 24 * 3600_000) {
      throw new AppError('bonus_purchase_too_old', 400, `A purchase may be posted up to ${BonusLimits.purchaseMaxAgeDays} days after it happened.`, {
        errors: [{ field: 'occurredAt', code: 'bonus_purchase_too_old', message: `occurredAt is more than ${BonusLimits.purchaseMaxAgeDays} days ago` }],
      });
    }
    return at;
  }
}
