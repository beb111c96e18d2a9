import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CancellationReason, CardBrand, PayoutFailureReason } from '@cabinet/shared-types';
import type { Clock } from '../../../platform/clock';
import type { CreateProviderPayment, CreateProviderPayout, PaymentProvider, ProviderCard, ProviderPayment, ProviderPayout } from '../provider';

/** How a test card behaves. `payout_decline`: pays like `success`, but a payout to it is declined. */
export type CardBehaviour = 'success' | 'three_ds' | 'decline' | 'timeout' | 'payout_decline';

/**
 * Test cards of the sandbox acquirer (shown on its card page and in README). Any other number that passes
 * the Luhn check is declined with `general_decline`.
 */
export const SANDBOX_TEST_CARDS: { number: string; brand: CardBrand; behaviour: CardBehaviour; note: string }[] = [
  { number: '4111111111111111', brand: 'visa', behaviour: 'success', note: 'succeeds without 3-D Secure' },
  { number: '2200000000000004', brand: 'mir', behaviour: 'success', note: 'succeeds without 3-D Secure' },
  { number: '5555555555554444', brand: 'mastercard', behaviour: 'three_ds', note: 'asks for 3-D Secure: code 123456 succeeds, any other fails' },
  { number: '2200700000000009', brand: 'mir', behaviour: 'three_ds', note: 'asks for 3-D Secure: code 123456 succeeds, any other fails' },
  { number: '4000000000000002', brand: 'visa', behaviour: 'decline', note: 'declined: insufficient funds' },
  { number: '4000000000000119', brand: 'visa', behaviour: 'timeout', note: 'the bank never answers: canceled as expired after 15 minutes' },
  { number: '4000000000000077', brand: 'visa', behaviour: 'payout_decline', note: 'pays and binds like a good card, but a payout to it (a loan) is declined: general_decline' },
];
/** The most one payout may carry (a real acquirer's one-time limit to a card): above it, `one_time_limit_exceeded`. */
export const SANDBOX_PAYOUT_LIMIT = 600_000_00;
export const SANDBOX_3DS_CODE = '123456';
/** A payment nobody confirmed is canceled (`expired_on_confirmation`) after this long. */
export const SANDBOX_CONFIRMATION_TTL_MS = 15 * 60_000;
const SIGNATURE_TOLERANCE_S = 300;

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function brandOf(digits: string): CardBrand {
  if (digits.startsWith('4')) return 'visa';
  if (/^220[0-4]/.test(digits)) return 'mir';
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return 'mastercard';
  return 'unknown';
}

interface Row {
  id: string;
  amount: string;
  description: string;
  method: string;
  status: 'pending' | 'succeeded' | 'canceled';
  cancellation_reason: CancellationReason | null;
  three_ds_required: boolean;
  save_method: boolean;
  card_token: string | null;
  return_url: string | null;
  metadata: { paymentId: string };
  refunded: string;
  created_at: Date;
  expires_at: Date;
}

interface PayoutRow {
  id: string;
  amount: string;
  card_token: string;
  status: 'pending' | 'succeeded' | 'failed';
  failure_reason: PayoutFailureReason | null;
  settles_at: Date;
}

interface CardRow {
  token: string;
  last4: string;
  brand: CardBrand;
  exp_month: number;
  exp_year: number;
  holder: string;
  behaviour: CardBehaviour;
}

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  holder: string;
}

/** Where the payer's browser goes next. */
export type NextStep = { kind: 'redirect'; url: string } | { kind: 'error'; message: string };

/** How long a claimed callback is left to its sender before another may send it. */
const CALLBACK_LEASE_MS = 60_000;

/** Sends one callback; resolves true when the receiver answered 2xx. */
export type CallbackSender = (body: string, headers: Record<string, string>) => Promise<boolean>;

/**
 * An acquirer that runs here, for development, demos and tests: its own card page and 3-D Secure page,
 * an SBP "bank app" and a wallet page, signed callbacks (HMAC-SHA256 over `timestamp.body`, header
 * `X-Sandbox-Signature: t=<unix>,v1=<hex>`) delivered with retries and backoff, and status polling.
 * It keeps its own tables, as an external system would, and knows the product only by the callback URL.
 */
export class SandboxAcquirer implements PaymentProvider {
  readonly name = 'sandbox';

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    /** `payoutDelayMs`: how long the "bank" takes to credit a payout (0: done by the first status request). */
    private readonly opts: { secret: string; sender: CallbackSender | null; payoutDelayMs?: number },
  ) {}

  private delivering = false;
  private kickedAgain = false;

  // --- the merchant API -------------------------------------------------------------------------------

  async create(input: CreateProviderPayment): Promise<ProviderPayment> {
    const id = `sbx_${randomBytes(12).toString('hex')}`;
    const now = this.clock.now();
    let status: Row['status'] = 'pending';
    let reason: CancellationReason | null = null;
    if (input.method === 'saved_card') {
      // Merchant-initiated: the saved card is charged at once, no payer, no 3-D Secure.
      const card = input.cardToken ? await this.card(input.cardToken) : null;
      if (!card) [status, reason] = ['canceled', 'payment_method_restricted'];
      else if (expired(card.exp_month, card.exp_year, now)) [status, reason] = ['canceled', 'card_expired'];
      else if (card.behaviour === 'decline') [status, reason] = ['canceled', 'insufficient_funds'];
      else if (card.behaviour !== 'timeout') status = 'succeeded';
    }
    await this.ds.query(
      `INSERT INTO sandbox_acquirer_payments (id, amount, description, method, status, cancellation_reason, save_method, card_token, return_url, metadata, created_at, expires_at, settled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [id, input.amount.toString(), input.description.slice(0, 200), input.method, status, reason, input.saveMethod, input.cardToken ?? null, input.returnUrl, input.metadata, now, new Date(now.getTime() + SANDBOX_CONFIRMATION_TTL_MS), status === 'pending' ? null : now],
    );
    if (status !== 'pending') await this.queueCallback(id);
    return this.get(id);
  }

  async get(id: string): Promise<ProviderPayment> {
    const row = await this.expireIfDue(await this.row(id));
    if (!row) throw new Error(`sandbox acquirer: no payment ${id}`);
    return this.view(row);
  }

  async findByPaymentId(paymentId: string): Promise<ProviderPayment | null> {
    const [found] = await this.ds.query(`SELECT id FROM sandbox_acquirer_payments WHERE metadata->>'paymentId' = $1 ORDER BY created_at LIMIT 1`, [paymentId]);
    return found ? this.get(found.id) : null;
  }

  async refund(id: string, amount: bigint): Promise<void> {
    const [updated] = await this.ds.query(
      `UPDATE sandbox_acquirer_payments SET refunded = refunded + $2 WHERE id = $1 AND status = 'succeeded' AND refunded + $2 <= amount RETURNING id`,
      [id, amount.toString()],
    );
    if (!updated.length) throw new Error(`sandbox acquirer: cannot refund ${amount} of ${id}`);
  }

  /**
   * A payout to a saved card. It starts `pending`; the "bank" settles it once `payoutDelayMs` has passed,
   * at the first status request or the callback job, whichever comes first: the card unknown →
   * `recipient_not_found`, expired → `card_expired`, the payout-declining test card → `general_decline`,
   * over the one-time limit → `one_time_limit_exceeded`; otherwise `succeeded`. Then a signed callback
   * (`payout.succeeded` / `payout.canceled`) is queued like a payment's.
   */
  async createPayout(input: CreateProviderPayout): Promise<ProviderPayout> {
    const id = `sbxpo_${randomBytes(12).toString('hex')}`;
    const now = this.clock.now();
    await this.ds.query(
      `INSERT INTO sandbox_acquirer_payouts (id, amount, card_token, description, status, metadata, created_at, settles_at) VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7)`,
      [id, input.amount.toString(), input.cardToken, input.description.slice(0, 200), input.metadata, now, new Date(now.getTime() + (this.opts.payoutDelayMs ?? 0))],
    );
    return this.getPayout(id);
  }

  async getPayout(id: string): Promise<ProviderPayout> {
    const row = await this.settlePayoutIfDue(id);
    if (!row) throw new Error(`sandbox acquirer: no payout ${id}`);
    return { id: row.id, status: row.status, amount: BigInt(row.amount), failureReason: row.failure_reason };
  }

  /** Settles the payouts whose time has come (the callback job calls this first). */
  async settleDuePayouts(limit = 50): Promise<number> {
    const due: { id: string }[] = await this.ds.query(`SELECT id FROM sandbox_acquirer_payouts WHERE status = 'pending' AND settles_at <= $1 ORDER BY settles_at LIMIT $2`, [this.clock.now(), limit]);
    for (const p of due) await this.settlePayoutIfDue(p.id);
    return due.length;
  }

  private async settlePayoutIfDue(id: string): Promise<PayoutRow | null> {
    const [row]: PayoutRow[] = await this.ds.query('SELECT * FROM sandbox_acquirer_payouts WHERE id = $1', [id]);
    const now = this.clock.now();
    if (!row || row.status !== 'pending' || row.settles_at > now) return row ?? null;
    const card = await this.card(row.card_token);
    const reason: PayoutFailureReason | null = !card
      ? 'recipient_not_found'
      : expired(card.exp_month, card.exp_year, now)
        ? 'card_expired'
        : card.behaviour === 'payout_decline' || card.behaviour === 'decline'
          ? 'general_decline'
          : BigInt(row.amount) > BigInt(SANDBOX_PAYOUT_LIMIT)
            ? 'one_time_limit_exceeded'
            : null;
    const [updated] = await this.ds.query(
      `UPDATE sandbox_acquirer_payouts SET status = $2, failure_reason = $3, settled_at = $4 WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, reason ? 'failed' : 'succeeded', reason, now],
    );
    if (updated.length) {
      const body = JSON.stringify({
        type: 'notification',
        event: reason ? 'payout.canceled' : 'payout.succeeded',
        object: { id, status: reason ? 'canceled' : 'succeeded', amount: { value: (Number(row.amount) / 100).toFixed(2), currency: 'RUB' }, cancellation_details: reason ? { reason } : null },
      });
      await this.ds.query('INSERT INTO sandbox_acquirer_callbacks (payment_id, body, next_attempt_at, created_at) VALUES ($1, $2, $3, $3)', [id, body, now]);
      this.kick();
    }
    const [after]: PayoutRow[] = await this.ds.query('SELECT * FROM sandbox_acquirer_payouts WHERE id = $1', [id]);
    return after;
  }

  verifyCallback(headers: Record<string, string | undefined>, rawBody: Buffer): string | null {
    const header = headers['x-sandbox-signature'];
    const m = header && /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header);
    if (!m) return null;
    const age = Math.abs(this.clock.now().getTime() / 1000 - Number(m[1]));
    if (age > SIGNATURE_TOLERANCE_S) return null;
    const expected = this.sign(m[1], rawBody.toString('utf8'));
    if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(m[2], 'hex'))) return null;
    try {
      const body = JSON.parse(rawBody.toString('utf8')) as { object?: { id?: unknown } };
      return typeof body.object?.id === 'string' ? body.object.id : null;
    } catch {
      return null;
    }
  }

  // --- the payer's pages (see pages.ts) ---------------------------------------------------------------

  /** The payment as its page shows it, or null (unknown id). */
  async page(id: string): Promise<{ id: string; amount: bigint; description: string; method: string; status: Row['status']; threeDs: boolean; returnUrl: string } | null> {
    const row = await this.expireIfDue(await this.row(id));
    if (!row) return null;
    return { id: row.id, amount: BigInt(row.amount), description: row.description, method: row.method, status: row.status, threeDs: row.three_ds_required, returnUrl: this.returnUrl(row) };
  }

  /** The card form was sent. */
  async submitCard(id: string, card: CardInput): Promise<NextStep> {
    const digits = card.number.replace(/[\s-]/g, '');
    if (!luhnValid(digits)) return { kind: 'error', message: 'Номер карты введён с ошибкой.' };
    if (!/^\d{3}$/.test(card.cvc)) return { kind: 'error', message: 'CVC — три цифры с обратной стороны карты.' };
    if (!card.holder.trim()) return { kind: 'error', message: 'Укажите имя владельца, как на карте.' };
    const row = await this.expireIfDue(await this.row(id));
    if (!row || row.status !== 'pending' || row.three_ds_required || row.method === 'sbp' || row.method === 'wallet') return { kind: 'redirect', url: row ? this.returnUrl(row) : '/' };
    const now = this.clock.now();
    const known = SANDBOX_TEST_CARDS.find((c) => c.number === digits);
    const behaviour: CardBehaviour = known?.behaviour ?? 'decline';
    const token = `tok_${randomBytes(12).toString('hex')}`;
    await this.ds.query(
      `INSERT INTO sandbox_acquirer_cards (token, last4, brand, exp_month, exp_year, holder, behaviour, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [token, digits.slice(-4), brandOf(digits), card.expMonth, card.expYear, card.holder.trim().toUpperCase().slice(0, 100), behaviour, now],
    );
    await this.ds.query('UPDATE sandbox_acquirer_payments SET card_token = $2 WHERE id = $1', [id, token]);
    if (expired(card.expMonth, card.expYear, now)) return this.finish(id, 'canceled', 'card_expired');
    switch (behaviour) {
      case 'success':
      case 'payout_decline':
        return this.finish(id, 'succeeded', null);
      case 'three_ds':
        await this.ds.query('UPDATE sandbox_acquirer_payments SET three_ds_required = true WHERE id = $1', [id]);
        return { kind: 'redirect', url: `/api/sandbox/acquirer/3ds/${id}` };
      case 'timeout':
        // The bank never answers: the payer is sent back, the payment stays pending until it expires.
        return { kind: 'redirect', url: this.returnUrl(row) };
      default:
        return this.finish(id, 'canceled', known ? 'insufficient_funds' : 'general_decline');
    }
  }

  async submit3ds(id: string, code: string): Promise<NextStep> {
    const row = await this.expireIfDue(await this.row(id));
    if (!row || row.status !== 'pending' || !row.three_ds_required) return { kind: 'redirect', url: row ? this.returnUrl(row) : '/' };
    return code.trim() === SANDBOX_3DS_CODE ? this.finish(id, 'succeeded', null) : this.finish(id, 'canceled', '3d_secure_failed');
  }

  /** SBP bank app or wallet: the payer approves or declines; or the payer cancels on the card page. */
  async decide(id: string, approve: boolean): Promise<NextStep> {
    const row = await this.expireIfDue(await this.row(id));
    if (!row || row.status !== 'pending') return { kind: 'redirect', url: row ? this.returnUrl(row) : '/' };
    return approve && row.method !== 'bank_card' ? this.finish(id, 'succeeded', null) : this.finish(id, 'canceled', 'canceled_by_user');
  }

  // --- callbacks ---------------------------------------------------------------------------------------

  /**
   * Sends the callbacks that are due; a failed one is tried again after 1, 2, 4 … minutes (at most an
   * hour apart) for 24 hours. Each is claimed first — a short statement that leases it for a minute
   * (SKIP LOCKED: several nodes never take one at once) — and sent with no transaction open: the receiver
   * is often this very API, which needs a pool connection to answer, so a sender holding one while it waits
   * wedged the API once ten callbacks were in flight (bench/load.ts at 50 connections). A sender that dies
   * mid-send leaves the lease to run out; the callback goes again then (receivers take callbacks idempotently).
   */
  async deliverDue(sender: CallbackSender | null = this.opts.sender, limit = 50): Promise<{ sent: number; failed: number }> {
    await this.settleDuePayouts();
    if (!sender) return { sent: 0, failed: 0 };
    let sent = 0;
    let failed = 0;
    for (let i = 0; i < limit; i++) {
      const now = this.clock.now();
      const [claimed]: [{ id: string; body: string; attempts: number; created_at: Date }[], number] = await this.ds.query(
        `UPDATE sandbox_acquirer_callbacks SET next_attempt_at = $2
          WHERE id = (SELECT id FROM sandbox_acquirer_callbacks WHERE delivered_at IS NULL AND next_attempt_at <= $1
                       ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, body, attempts, created_at`,
        [now, new Date(now.getTime() + CALLBACK_LEASE_MS)],
      );
      const cb = claimed[0];
      if (!cb) break;
      const t = String(Math.floor(now.getTime() / 1000));
      let ok = false;
      let error: string | null = null;
      try {
        ok = await sender(cb.body, { 'content-type': 'application/json', 'x-sandbox-signature': `t=${t},v1=${this.sign(t, cb.body)}` });
        if (!ok) error = 'the receiver did not answer 2xx';
      } catch (err) {
        error = String((err as Error).message ?? err).slice(0, 300);
      }
      if (ok) {
        sent++;
        await this.ds.query('UPDATE sandbox_acquirer_callbacks SET delivered_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1', [cb.id, now]);
      } else {
        failed++;
        const delayMs = Math.min(60, 2 ** cb.attempts) * 60_000;
        const giveUp = now.getTime() + delayMs - cb.created_at.getTime() > 24 * 3600_000;
        await this.ds.query(
          'UPDATE sandbox_acquirer_callbacks SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, delivered_at = CASE WHEN $4 THEN $5::timestamptz END WHERE id = $1',
          [cb.id, error, new Date(now.getTime() + delayMs), giveUp, giveUp ? now : null],
        );
      }
    }
    return { sent, failed };
  }

  /**
   * The first try of a new callback, in the background, as a real acquirer would (the job retries what fails).
   * One delivery loop per process at a time: a burst of payments asks for one more round, not a loop each.
   */
  private kick(): void {
    if (!this.opts.sender) return;
    if (this.delivering) {
      this.kickedAgain = true;
      return;
    }
    this.delivering = true;
    setImmediate(async () => {
      try {
        do {
          this.kickedAgain = false;
          await this.deliverDue().catch(() => undefined);
        } while (this.kickedAgain);
      } finally {
        this.delivering = false;
      }
    });
  }

  sign(timestamp: string, body: string): string {
    return createHmac('sha256', this.opts.secret).update(`${timestamp}.${body}`).digest('hex');
  }

  // --- inside ------------------------------------------------------------------------------------------

  private async finish(id: string, status: 'succeeded' | 'canceled', reason: CancellationReason | null): Promise<NextStep> {
    const [rows] = await this.ds.query(
      `UPDATE sandbox_acquirer_payments SET status = $2, cancellation_reason = $3, settled_at = $4 WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, status, reason, this.clock.now()],
    );
    if (rows.length) await this.queueCallback(id);
    const row = await this.row(id);
    return { kind: 'redirect', url: row ? this.returnUrl(row) : '/' };
  }

  private async queueCallback(id: string): Promise<void> {
    const payment = await this.get(id);
    const body = JSON.stringify({
      type: 'notification',
      event: payment.status === 'succeeded' ? 'payment.succeeded' : 'payment.canceled',
      object: { id, status: payment.status, amount: { value: (Number(payment.amount) / 100).toFixed(2), currency: 'RUB' }, cancellation_reason: payment.cancellationReason },
    });
    const now = this.clock.now();
    await this.ds.query('INSERT INTO sandbox_acquirer_callbacks (payment_id, body, next_attempt_at, created_at) VALUES ($1, $2, $3, $3)', [id, body, now]);
    this.kick();
  }

  private async expireIfDue(row: Row | null): Promise<Row | null> {
    if (!row || row.status !== 'pending' || row.expires_at > this.clock.now()) return row;
    await this.finish(row.id, 'canceled', 'expired_on_confirmation');
    return this.row(row.id);
  }

  private async row(id: string): Promise<Row | null> {
    const [row] = await this.ds.query('SELECT * FROM sandbox_acquirer_payments WHERE id = $1', [id]);
    return row ?? null;
  }

  private async card(token: string): Promise<CardRow | null> {
    const [card] = await this.ds.query('SELECT * FROM sandbox_acquirer_cards WHERE token = $1', [token]);
    return card ?? null;
  }

  private returnUrl(row: Row): string {
    return row.return_url ?? '/';
  }

  private async view(row: Row): Promise<ProviderPayment> {
    const card = row.card_token ? await this.card(row.card_token) : null;
    const base = `/api/sandbox/acquirer`;
    let confirmation: ProviderPayment['confirmation'] = null;
    if (row.status === 'pending') {
      if (row.method === 'sbp') confirmation = { type: 'qr', url: `${base}/sbp/${row.id}`, qrData: `https://qr.nspk.ru/SANDBOX${row.id.slice(4).toUpperCase()}?type=02&bank=100000000111&sum=${row.amount}&cur=RUB` };
      else if (row.method === 'wallet') confirmation = { type: 'redirect', url: `${base}/wallet/${row.id}` };
      else if (row.method === 'bank_card') confirmation = { type: 'redirect', url: row.three_ds_required ? `${base}/3ds/${row.id}` : `${base}/pay/${row.id}` };
    }
    const providerCard: ProviderCard | null = card
      ? { token: row.save_method || row.method === 'saved_card' ? card.token : null, last4: card.last4, brand: card.brand, expMonth: card.exp_month, expYear: card.exp_year, holder: card.holder }
      : null;
    return { id: row.id, status: row.status, amount: BigInt(row.amount), cancellationReason: row.cancellation_reason, confirmation, card: providerCard };
  }
}

function expired(month: number, year: number, now: Date): boolean {
  const y = year < 100 ? 2000 + year : year;
  // A card is valid through the last day of its month.
  return new Date(Date.UTC(y, month, 1)) <= now;
}
