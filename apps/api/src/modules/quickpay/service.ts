import type { DataSource } from 'typeorm';
import { QuickPayLimits, type CaptchaAnswer, type PaymentMethod, type PaymentView, type PayRecipientView, type QuickPayView } from '@cabinet/shared-types';
import { AppError } from '../../platform/errors';
import { rub } from '../../platform/money';
import { normalizePhone } from '../../platform/phone';
import type { RateCounter } from '../../platform/rate-limit';
import type { CaptchaProvider } from '../auth';
import type { PaymentRow, PaymentsService } from '../payments';

const HOUR_MS = 3600_000;

interface Recipient {
  accountId: string;
  view: PayRecipientView;
}

/** «Иван П.»: the first name and the surname's initial — all a payer learns about the owner. */
export function maskName(name: string, surname: string): string {
  const first = name.trim() || 'Абонент';
  const initial = surname.trim().charAt(0).toUpperCase();
  return initial ? `${first} ${initial}.` : first;
}

/**
 * Paying without signing in, and topping up another number from the cabinet (issue 10). A number is
 * resolved to an open account (cross-customer by design: the payer is not the owner); the payer sees a
 * masked name only. Payments go through PaymentsService as `third_party` top-ups (the acquirer's pages,
 * Idempotency-Key, the ledger credit once).
 */
export class QuickPayService {
  constructor(
    private readonly ds: DataSource,
    private readonly deps: { payments: PaymentsService; rate: RateCounter; captcha: CaptchaProvider },
  ) {}

  /** A visitor asks whom a number belongs to. */
  async lookup(input: { number: string; captcha?: CaptchaAnswer }, ip: string | null): Promise<PayRecipientView> {
    await this.captchaGate(input.captcha, ip);
    return (await this.recipient(input.number)).view;
  }

  /** A visitor pays: card (the acquirer's page) or SBP (a QR / bank app link). */
  async pay(input: { number: string; amount: { amount: number }; method: PaymentMethod; returnUrl?: string; captcha?: CaptchaAnswer }, ip: string | null): Promise<QuickPayView> {
    await this.captchaGate(input.captcha, ip);
    const r = await this.recipient(input.number);
    const p = await this.deps.payments.createThirdParty(null, { accountId: r.accountId, amount: BigInt(input.amount.amount), method: input.method, returnUrl: input.returnUrl ?? '/pay/{id}' });
    return this.status(p.id);
  }

  /** The payer's status poll: only payments made without signing in, and nothing about the account but the masked name. */
  async status(id: string): Promise<QuickPayView> {
    const p = await this.deps.payments.rowOf(id, { settle: true }).catch(() => null);
    if (!p || p.source !== 'third_party' || p.customer_id !== null || !p.account_id) throw AppError.notFound('The payment');
    return toQuickPayView(p, await this.recipientOfAccount(p.account_id));
  }

  /** A signed-in customer looks up the number they want to top up. */
  async lookupSignedIn(number: string): Promise<PayRecipientView> {
    return (await this.recipient(number)).view;
  }

  /** A signed-in customer tops up another number (their own cards may pay). */
  async payOther(customerId: string, input: { number: string; amount: { amount: number }; method: PaymentMethod; cardId?: string; returnUrl?: string }): Promise<PaymentView> {
    const r = await this.recipient(input.number);
    return this.deps.payments.createThirdParty(customerId, { accountId: r.accountId, amount: BigInt(input.amount.amount), method: input.method, cardId: input.cardId, returnUrl: input.returnUrl ?? '/payments/{id}' });
  }

  // --- inside ---

  /** A phone number of a line, or an internet contract number; only open accounts. Cross-customer by design. */
  private async recipient(raw: string): Promise<Recipient> {
    const phone = normalizePhone(raw);
    const rows: { account_id: string; name: string; surname: string; number: string; kind: 'mobile' | 'internet' }[] = phone
      ? await this.ds.query(
          `SELECT l.account_id, c.name, c.surname, l.msisdn AS number, 'mobile' AS kind FROM mobile_lines l
             JOIN accounts a ON a.id = l.account_id JOIN customers c ON c.id = a.customer_id
            WHERE l.msisdn = $1 AND a.status <> 'closed'`,
          [phone],
        )
      : /^\d{4,32}$/.test(raw.trim())
        ? await this.ds.query(
            `SELECT ic.account_id, c.name, c.surname, ic.contract_number AS number, 'internet' AS kind FROM internet_contracts ic
               JOIN accounts a ON a.id = ic.account_id JOIN customers c ON c.id = a.customer_id
              WHERE ic.contract_number = $1 AND a.status <> 'closed'`,
            [raw.trim()],
          )
        : [];
    if (!phone && !/^\d{4,32}$/.test(raw.trim())) {
      throw AppError.validation([{ field: 'number', code: 'isPhoneOrContract', message: 'number must be a Russian mobile number (8 921 000-00-00) or a contract number (digits)' }]);
    }
    const row = rows[0];
    if (!row) throw new AppError('recipient_not_found', 404, 'No open account has this number; check it and try again.');
    return { accountId: row.account_id, view: { number: row.number, kind: row.kind, maskedName: maskName(row.name, row.surname) } };
  }

  private async recipientOfAccount(accountId: string): Promise<PayRecipientView> {
    const [row] = await this.ds.query(
      `SELECT c.name, c.surname, a.kind, coalesce((SELECT msisdn FROM mobile_lines WHERE account_id = a.id ORDER BY created_at, msisdn LIMIT 1),
              (SELECT contract_number FROM internet_contracts WHERE account_id = a.id), a.number) AS number
         FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = $1`,
      [accountId],
    );
    return { number: row.number, kind: row.kind, maskedName: maskName(row.name, row.surname) };
  }

  /**
   * The first look-ups and payments of an address in an hour go without a captcha; later ones need it
   * (the public forms' rule, on its own counter).
   */
  private async captchaGate(captcha: CaptchaAnswer | undefined, ip: string | null): Promise<void> {
    const free = await this.deps.rate.hit(`quickpay-free:${ip ?? 'unknown'}`, HOUR_MS);
    if (free.hits <= QuickPayLimits.freePerIpPerHour) return;
    const outcome = await this.ds.transaction(async (em) => {
      if (!captcha) return new AppError('captcha_required', 428, 'Enter the characters from the picture.', { captcha: await this.deps.captcha.issue(em) });
      if (await this.deps.captcha.verify(em, captcha.id, captcha.answer)) return null;
      return new AppError('captcha_invalid', 428, 'The characters from the picture do not match; try the new picture.', {
        captcha: await this.deps.captcha.issue(em),
        errors: [{ field: 'captcha.answer', code: 'captcha_invalid', message: 'The characters do not match.' }],
      });
    });
    if (outcome) throw outcome;
  }
}

function toQuickPayView(p: PaymentRow, recipient: PayRecipientView): QuickPayView {
  return {
    id: p.id,
    recipient,
    amount: rub(p.amount),
    method: p.method,
    status: p.status,
    confirmation: p.status === 'pending' ? p.confirmation : null,
    cancellationReason: p.cancellation_reason,
    createdAt: p.created_at.toISOString(),
    settledAt: p.settled_at?.toISOString() ?? null,
  };
}
