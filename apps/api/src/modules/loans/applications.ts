import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ConsentKinds,
  Limits,
  LoanLimits,
  type BorrowerData,
  type ConsentKind,
  type CreateLoanRequest,
  type FieldError,
  type LoanDecisionReason,
  type LoanDecisionRule,
  type LoanSummaryView,
  type LoanView,
  type Page,
  type PhoneVerificationResult,
  type PhoneVerificationStarted,
  type SubmitLoanRequest,
  type UpdateLoanDraftRequest,
  type LoanStatus,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { moscowDay } from '../../platform/moscow';
import { AppError } from '../../platform/errors';
import type { EventPublisher } from '../integrations';
import { formatRub } from '../../platform/money';
import type { OtpService } from '../../platform/otp/otp.service';
import { decodeCursor, toPage } from '../../platform/pagination';
import { assertPasswordPolicy } from '../../platform/passwords';
import { normalizePhone } from '../../platform/phone';
import type { RateCounter } from '../../platform/rate-limit';
import type { AuditService } from '../audit';
import type { AuthService, SessionStarted } from '../auth';
import type { CustomersService, RequestMeta } from '../customers';
import type { NotificationsService } from '../notifications';
import type { CreditBureau } from './bureau';
import { checkTerms, priceLoan, pricingOf, toCalculation } from './catalog';
import { consentText } from './consents';
import { ageOn } from './dates';
import type { LoanPaidServicesService } from './paid-services';
import { loanNumber, loanOf, loanView, OPEN_LOAN_STATUSES, productById, scheduleOf, setStatus, toSummary, type LoanRow, type ProductRow } from './repository';

/** The customer-facing sentence for a decision reason (SMS and the status history). */
export const REASON_TEXT: Record<LoanDecisionReason, string> = {
  age_out_of_range: `заём выдаётся с ${LoanLimits.minAge} до ${LoanLimits.maxAge} лет`,
  overdue_loan: 'есть просроченный заём',
  active_loan_exists: 'уже есть действующий заём — одновременно может быть только один',
  high_cost_loans_limit: 'уже есть два займа с ПСК выше 200 % — закон не разрешает выдать ещё один такой',
  income_too_low: 'платёж по займу слишком велик для указанного дохода',
  payment_to_income_high: 'платёж велик относительно дохода — заявку рассмотрит специалист',
  rejected_by_operator: 'решение специалиста',
  approved_by_operator: 'одобрено специалистом',
};

const REQUIRED_BORROWER: (keyof BorrowerData)[] = ['surname', 'name', 'birthDate', 'passportSeries', 'passportNumber', 'passportIssuedOn', 'registrationAddress', 'monthlyIncome', 'employment'];

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase().replace(/ё/g, 'е');

/**
 * Applications: the wizard (phone confirmed by an SMS code — for someone new, the phone becomes their
 * login and they set a password — then the draft, personal data, consents, submit) and the automatic
 * decision. Rules, in order: age 18–75; no overdue loan (ours or at other lenders, from the credit
 * bureau); at most one active loan; from 1 October 2026 no loan with a ПСК above 200 % to someone who
 * already has two such loans; the largest payment against the monthly income (≤ 50 % approves, up to
 * 80 % goes to an operator, above that is refused).
 */
export class LoanApplicationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: {
      customers: CustomersService;
      auth: AuthService;
      otp: OtpService;
      rate: RateCounter;
      notifications: NotificationsService;
      audit: AuditService;
      bureau: CreditBureau;
      paidServices: LoanPaidServicesService;
      secret: string;
      events?: EventPublisher;
    },
  ) {}

  /** The repository's `setStatus`, telling subscribed partners (webhook `loan.status_changed`). */
  private setStatus(em: EntityManager, l: LoanRow, status: LoanStatus, at: Date, note: string | null = null, actorId: string | null = null): Promise<void> {
    return setStatus(em, l, status, at, note, actorId, this.deps.events);
  }

  private get today(): string {
    return moscowDay(this.clock.now());
  }

  // --- the phone -------------------------------------------------------------------------------------

  async startPhoneVerification(input: { phone: string }): Promise<PhoneVerificationStarted> {
    const phone = normalizePhone(input.phone);
    if (!phone) throw AppError.validation([{ field: 'phone', code: 'isPhone', message: 'phone must be a Russian mobile number, e.g. +7 921 000-00-00' }]);
    const hit = await this.deps.rate.hit(`otp-resend:loan_phone:${phone}`, Limits.otpResendSeconds * 1000);
    if (hit.hits > 1) {
      const retryAfter = this.deps.rate.retryAfter(hit.resetAt);
      throw new AppError('otp_resend_too_soon', 429, `A code was sent recently; ask again in ${retryAfter} s.`, { retryAfter }, { 'Retry-After': String(retryAfter) });
    }
    const ids = await this.ds.transaction(async (em) => {
      const code = await this.deps.otp.issue(em, { customerId: null, purpose: 'loan_phone', target: phone });
      return [await this.deps.notifications.enqueue(em, { channel: 'sms', to: phone, body: `Код подтверждения заявки на заём: ${code}. Никому не сообщайте его. Действует 5 минут.` })];
    });
    await this.deps.notifications.deliver(ids);
    return { phone, resendAfter: Limits.otpResendSeconds, codeTtl: Limits.otpTtlSeconds };
  }

  async confirmPhoneVerification(input: { phone: string; code: string }): Promise<PhoneVerificationResult> {
    const phone = normalizePhone(input.phone);
    if (!phone) throw AppError.validation([{ field: 'phone', code: 'isPhone', message: 'phone must be a Russian mobile number' }]);
    // A wrong try is counted even though an error is answered: the transaction commits first.
    const check = await this.ds.transaction((em) => this.deps.otp.check(em, { customerId: null, target: phone, purpose: 'loan_phone', code: input.code }));
    if (!check.ok) throw check.error;
    const [registered] = await this.ds.query('SELECT 1 FROM customers WHERE phone = $1', [phone]);
    return { verificationToken: this.verificationFor(phone), expiresIn: LoanLimits.verificationTtlSeconds, phone, registered: !!registered };
  }

  /** The microfinance way of registering: the confirmed phone becomes the login, with the password set here. */
  async register(input: { verificationToken: string; password: string }, meta: RequestMeta): Promise<SessionStarted> {
    const phone = this.verifiedPhone(input.verificationToken);
    assertPasswordPolicy(input.password, { phone });
    const customerId = await this.ds.transaction(async (em) => {
      const [exists] = await em.query('SELECT 1 FROM customers WHERE phone = $1', [phone]);
      if (exists) throw new AppError('phone_taken', 409, 'This phone already signs in to the cabinet: sign in with its password.');
      const c = await this.deps.customers.create(em, { phone, password: input.password, surname: '', name: '' });
      await this.deps.audit.record(em, { action: 'loan_registered', customerId: c.id, ip: meta.ip, details: { phone } });
      return c.id;
    });
    const credentials = await this.deps.customers.findCredentialsById(this.ds.manager, customerId);
    return this.deps.auth.startSession(credentials!, meta);
  }

  /** A verification token for a phone. The API gives one only for a right code; demo data makes its own. */
  verificationFor(phone: string): string {
    const payload = Buffer.from(JSON.stringify({ p: phone, e: this.clock.now().getTime() + LoanLimits.verificationTtlSeconds * 1000 })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.deps.secret).update(`loan-phone-verification:${payload}`).digest('base64url');
  }

  /** The phone a verification token proves, or 400 `phone_verification_required`. */
  verifiedPhone(token: string): string {
    const [payload, sig] = token.split('.');
    const bad = () => new AppError('phone_verification_required', 400, 'Confirm the phone with the SMS code first (the confirmation is missing, wrong or older than 30 minutes).');
    if (!payload || !sig) throw bad();
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw bad();
    let data: { p?: unknown; e?: unknown };
    try {
      data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw bad();
    }
    if (typeof data.p !== 'string' || typeof data.e !== 'number' || data.e < this.clock.now().getTime()) throw bad();
    return data.p;
  }

  // --- the application ---------------------------------------------------------------------------------

  /** What the wizard pre-fills for a signed-in customer: the profile and the last application's data. */
  async borrowerProfile(customerId: string): Promise<Partial<BorrowerData>> {
    return this.prefill(this.ds.manager, customerId);
  }

  private async prefill(em: EntityManager, customerId: string): Promise<Partial<BorrowerData>> {
    const [c] = await em.query('SELECT surname, name, patronymic, birth_date FROM customers WHERE id = $1', [customerId]);
    const [b] = await em.query('SELECT * FROM borrower_profiles WHERE customer_id = $1', [customerId]);
    const out: Partial<BorrowerData> = {};
    if (c?.surname) out.surname = c.surname;
    if (c?.name) out.name = c.name;
    if (c?.surname || c?.name) out.patronymic = c.patronymic ?? null;
    if (c?.birth_date) out.birthDate = c.birth_date;
    if (b) {
      Object.assign(out, {
        passportSeries: b.passport_series,
        passportNumber: b.passport_number,
        passportIssuedOn: b.passport_issued_on,
        registrationAddress: b.registration_address,
        monthlyIncome: { amount: Number(b.monthly_income), currency: 'RUB' },
        employment: b.employment,
        employer: b.employer,
      });
    }
    return out;
  }

  async create(customerId: string, input: CreateLoanRequest): Promise<LoanView> {
    const phone = this.verifiedPhone(input.verificationToken);
    const id = await this.ds.transaction(async (em) => {
      const [c] = await em.query('SELECT phone FROM customers WHERE id = $1', [customerId]);
      if (c?.phone !== phone) throw new AppError('phone_verification_required', 400, 'Confirm your own phone (the one you sign in with) by the SMS code.');
      const p = await productById(em, input.productId);
      const amount = BigInt(input.amount.amount);
      checkTerms(p, amount, input.termDays);
      priceLoan(pricingOf(p), amount, input.termDays, this.today); // within the caps of today, or 409
      const [open] = await em.query(`SELECT id FROM loans WHERE customer_id = $1 AND status IN ('draft', 'submitted', 'in_review', 'approved', 'disbursed')`, [customerId]);
      if (open) throw new AppError('loan_application_open', 409, 'You already have an application in progress: finish or cancel it first.');
      const now = this.clock.now();
      let row: LoanRow;
      try {
        [row] = await em.query(
          `INSERT INTO loans (customer_id, product_id, status, amount, term_days, daily_rate_ppm, penalty_annual_ppm, phone, phone_confirmed_at, borrower, created_at, updated_at)
           VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $8, $8) RETURNING *`,
          [customerId, p.id, amount.toString(), input.termDays, p.daily_rate_ppm, p.penalty_annual_ppm, phone, now, await this.prefill(em, customerId)],
        );
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw new AppError('loan_application_open', 409, 'You already have an application in progress: finish or cancel it first.');
        throw err;
      }
      await em.query('INSERT INTO loan_status_changes (customer_id, loan_id, status, note, at) VALUES ($1, $2, $3, $4, $5)', [customerId, row.id, 'draft', 'Телефон подтверждён кодом из SMS', now]);
      return row.id;
    });
    return this.get(customerId, id);
  }

  async updateDraft(customerId: string, id: string, input: UpdateLoanDraftRequest): Promise<LoanView> {
    await this.ds.transaction(async (em) => {
      const l = await loanOf(em, customerId, id, true);
      if (l.status !== 'draft') throw new AppError('loan_not_in_status', 409, 'Only a draft application can be changed.');
      const p = await productById(em, input.productId ?? l.product_id);
      const amount = input.amount ? BigInt(input.amount.amount) : BigInt(l.amount);
      const term = input.termDays ?? l.term_days;
      if (input.productId || input.amount || input.termDays) {
        checkTerms(p, amount, term);
        priceLoan(pricingOf(p), amount, term, this.today);
      }
      const borrower = { ...l.borrower, ...(input.borrower ?? {}) };
      await em.query(
        'UPDATE loans SET product_id = $2, amount = $3, term_days = $4, daily_rate_ppm = $5, penalty_annual_ppm = $6, borrower = $7, updated_at = $8 WHERE id = $1',
        [id, p.id, amount.toString(), term, p.daily_rate_ppm, p.penalty_annual_ppm, borrower, this.clock.now()],
      );
      // Optional paid services only when the request names them; they change nothing above (amount, term, rate).
      if (input.services) await this.deps.paidServices.select(em, l, input.services);
    });
    return this.get(customerId, id);
  }

  /**
   * Submits a complete application with its three consents, then decides at once. An incomplete one (a
   * missing field or consent) is refused with 400 listing what is missing, and nothing is saved.
   */
  async submit(customerId: string, id: string, input: SubmitLoanRequest, meta: RequestMeta): Promise<LoanView> {
    const messages: string[] = [];
    await this.ds.transaction(async (em) => {
      const l = await loanOf(em, customerId, id, true);
      if (l.status !== 'draft') throw new AppError('loan_not_in_status', 409, 'This application was already submitted.');
      const errors: FieldError[] = [];
      const b = l.borrower;
      for (const f of REQUIRED_BORROWER) {
        const v = b[f];
        if (v === undefined || v === null || v === '') errors.push({ field: `borrower.${f}`, code: 'isDefined', message: `${f} is required before submitting` });
      }
      for (const kind of ConsentKinds) {
        const c = input.consents.find((x) => x.kind === kind);
        const current = consentText(kind).version;
        if (!c || !c.accepted) errors.push({ field: `consents.${kind}`, code: 'consent_required', message: `the ${kind.replace('_', ' ')} consent must be given` });
        else if (c.version !== current) errors.push({ field: `consents.${kind}`, code: 'consent_outdated', message: `the text was updated: read and accept version ${current}` });
      }
      const today = this.today;
      if (b.passportIssuedOn && b.passportIssuedOn > today) errors.push({ field: 'borrower.passportIssuedOn', code: 'range', message: 'passportIssuedOn cannot be in the future' });
      if (b.birthDate && b.birthDate > today) errors.push({ field: 'borrower.birthDate', code: 'range', message: 'birthDate cannot be in the future' });
      if (b.monthlyIncome && b.monthlyIncome.amount <= 0 && b.employment !== 'unemployed') errors.push({ field: 'borrower.monthlyIncome.amount', code: 'min', message: 'monthlyIncome must be positive' });
      const [c] = await em.query('SELECT surname, name, patronymic FROM customers WHERE id = $1', [customerId]);
      if (c.surname && c.name && (norm(c.surname) !== norm(b.surname) || norm(c.name) !== norm(b.name))) {
        errors.push({ field: 'borrower.surname', code: 'profile_mismatch', message: 'the name must be the one in your profile; if it changed, contact support' });
      }
      if (errors.length) throw AppError.validation(errors, 'The application is not complete.');
      const [other] = await em.query('SELECT 1 FROM borrower_profiles WHERE passport_series = $1 AND passport_number = $2 AND customer_id <> $3', [b.passportSeries, b.passportNumber, customerId]);
      if (other) throw new AppError('conflict', 409, 'This passport is on file for another customer; contact support.');

      const now = this.clock.now();
      for (const kind of ConsentKinds) {
        await em.query('INSERT INTO loan_consents (loan_id, customer_id, kind, version, accepted_at, ip) VALUES ($1, $2, $3, $4, $5, $6)', [id, customerId, kind, consentText(kind).version, now, meta.ip]);
      }
      await em.query(
        `INSERT INTO borrower_profiles (customer_id, passport_series, passport_number, passport_issued_on, registration_address, monthly_income, employment, employer, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (customer_id) DO UPDATE SET passport_series = $2, passport_number = $3, passport_issued_on = $4, registration_address = $5, monthly_income = $6, employment = $7, employer = $8, updated_at = $9`,
        [customerId, b.passportSeries, b.passportNumber, b.passportIssuedOn, b.registrationAddress, b.monthlyIncome!.amount, b.employment, b.employer ?? null, now],
      );
      await this.deps.customers.fillIdentity(em, customerId, { surname: b.surname!, name: b.name!, patronymic: b.patronymic ?? null, birthDate: b.birthDate! });
      await em.query('UPDATE loans SET submitted_at = $2 WHERE id = $1', [id, now]);
      await this.setStatus(em, l, 'submitted', now, 'Заявка отправлена; согласия даны');
      const p = await productById(em, l.product_id);
      const verdict = await this.decide(em, l, p);
      messages.push(...(await this.finish(em, l, verdict, null)));
    });
    await this.deps.notifications.deliver(messages);
    return this.get(customerId, id);
  }

  /** The automatic rules. Every rule is evaluated and kept, so an operator sees the whole picture. */
  async decide(em: EntityManager, l: LoanRow, p: ProductRow): Promise<{ outcome: 'approved' | 'rejected' | 'in_review'; reason: LoanDecisionReason | null; rules: LoanDecisionRule[] }> {
    const today = this.today;
    const b = l.borrower as BorrowerData;
    const rules: LoanDecisionRule[] = [];
    const age = ageOn(b.birthDate, today);
    rules.push({ rule: 'age', outcome: age >= LoanLimits.minAge && age <= LoanLimits.maxAge ? 'pass' : 'reject', detail: `${age} лет` });

    const bureau = await this.deps.bureau.report(em, b);
    const own: { status: string; psk: string | null }[] = await em.query(`SELECT status, psk FROM loans WHERE customer_id = $1 AND id <> $2 AND status = ANY($3)`, [l.customer_id, l.id, OPEN_LOAN_STATUSES]);
    const overdue = own.filter((x) => x.status === 'overdue').length + bureau.filter((x) => x.status === 'overdue').length;
    rules.push({ rule: 'overdue_loan', outcome: overdue ? 'reject' : 'pass', detail: overdue ? `просроченных займов: ${overdue}` : 'просрочек нет' });
    rules.push({ rule: 'active_loan', outcome: own.length ? 'reject' : 'pass', detail: own.length ? 'есть действующий заём' : 'действующих займов нет' });

    const offer = priceLoan({ dailyRatePpm: l.daily_rate_ppm, penaltyAnnualPpm: l.penalty_annual_ppm, paymentPeriodDays: p.payment_period_days }, BigInt(l.amount), l.term_days, today);
    const high = offer.caps.highCost;
    if (high && offer.psk > high.pskAbove) {
      const n = own.filter((x) => Number(x.psk ?? 0) > high.pskAbove).length + bureau.filter((x) => x.psk > high.pskAbove).length;
      rules.push({ rule: 'high_cost_loans', outcome: n >= high.maxLoans ? 'reject' : 'pass', detail: `ПСК ${offer.psk} %; займов с ПСК выше ${high.pskAbove} %: ${n}` });
    } else {
      rules.push({ rule: 'high_cost_loans', outcome: 'pass', detail: high ? `ПСК ${offer.psk} % не выше ${high.pskAbove} %` : 'правило ещё не действует' });
    }

    const largest = offer.rows.reduce((m, r) => (r.total > m ? r.total : m), 0n);
    const income = BigInt(b.monthlyIncome?.amount ?? 0);
    const pti = income > 0n ? Number(largest) / Number(income) : Infinity;
    const ptiText = Number.isFinite(pti) ? `${Math.round(pti * 100)} % (платёж ${formatRub(largest)}, доход ${formatRub(income)})` : 'дохода нет';
    rules.push({ rule: 'payment_to_income', outcome: pti <= LoanLimits.ptiApprove ? 'pass' : pti <= LoanLimits.ptiReview ? 'review' : 'reject', detail: ptiText });

    const reasons: Record<LoanDecisionRule['rule'], LoanDecisionReason> = {
      age: 'age_out_of_range',
      overdue_loan: 'overdue_loan',
      active_loan: 'active_loan_exists',
      high_cost_loans: 'high_cost_loans_limit',
      payment_to_income: 'income_too_low',
    };
    const rejected = rules.find((r) => r.outcome === 'reject');
    if (rejected) return { outcome: 'rejected', reason: reasons[rejected.rule], rules };
    if (rules.some((r) => r.outcome === 'review')) return { outcome: 'in_review', reason: 'payment_to_income_high', rules };
    return { outcome: 'approved', reason: null, rules };
  }

  /** Records a decision (automatic, or an operator's) and tells the customer. Returns the messages to deliver. */
  async finish(em: EntityManager, l: LoanRow, v: { outcome: 'approved' | 'rejected' | 'in_review'; reason: LoanDecisionReason | null; rules?: LoanDecisionRule[]; note?: string | null }, actorId: string | null): Promise<string[]> {
    const now = this.clock.now();
    const approvedUntil = v.outcome === 'approved' ? new Date(now.getTime() + LoanLimits.approvalValidDays * 86_400_000) : null;
    await em.query(
      `UPDATE loans SET decision_outcome = $2, decision_reason = $3, decision_note = $4, decision_rules = coalesce($5::jsonb, decision_rules), decided_at = $6, decided_by = $7, approved_until = $8,
              closed_at = CASE WHEN $2::varchar = 'rejected' THEN $6::timestamptz END WHERE id = $1`,
      [l.id, v.outcome, v.reason, v.note ?? null, v.rules ? JSON.stringify(v.rules) : null, now, actorId, approvedUntil],
    );
    const number = loanNumber(l.number);
    const reasonText = v.reason ? REASON_TEXT[v.reason] : null;
    let body: string;
    let note: string | null;
    if (v.outcome === 'approved') {
      note = actorId ? `Одобрено специалистом${v.note ? `: ${v.note}` : ''}` : 'Одобрено автоматически';
      body = `Заявка ${number} одобрена: ${formatRub(BigInt(l.amount))}. Получите деньги на свою карту в личном кабинете до ${approvedUntil!.toLocaleDateString('ru-RU', { timeZone: 'Europe/Moscow' })}.`;
    } else if (v.outcome === 'rejected') {
      note = v.reason === 'rejected_by_operator' ? `Отказ: ${v.note ?? REASON_TEXT.rejected_by_operator}` : `Отказ: ${reasonText}`;
      body = `По заявке ${number} отказ: ${v.reason === 'rejected_by_operator' ? (v.note ?? reasonText) : reasonText}.`;
    } else {
      note = `На проверке у специалиста: ${reasonText}`;
      body = `Заявка ${number} передана специалисту; ответ придёт в SMS.`;
    }
    await this.setStatus(em, l, v.outcome, now, note, actorId);
    return [await this.deps.notifications.enqueue(em, { channel: 'sms', to: l.phone, body, customerId: l.customer_id })];
  }

  async cancel(customerId: string, id: string): Promise<LoanView> {
    await this.ds.transaction(async (em) => {
      const l = await loanOf(em, customerId, id, true);
      if (!['draft', 'submitted', 'in_review', 'approved'].includes(l.status)) throw new AppError('loan_not_in_status', 409, 'Only an application not yet paid out can be cancelled.');
      const now = this.clock.now();
      await em.query('UPDATE loans SET closed_at = $2 WHERE id = $1', [id, now]);
      await this.setStatus(em, l, 'cancelled', now, 'Заявка отменена клиентом');
    });
    return this.get(customerId, id);
  }

  async list(customerId: string, q: { limit: number; cursor?: string }): Promise<Page<LoanSummaryView>> {
    const after = decodeCursor(q.cursor);
    const rows: (LoanRow & { product_name: string; product_kind: ProductRow['kind'] })[] = await this.ds.query(
      `SELECT l.*, p.name AS product_name, p.kind AS product_kind FROM loans l JOIN loan_products p ON p.id = l.product_id
        WHERE l.customer_id = $1 ${after ? 'AND (l.created_at, l.id) < ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY l.created_at DESC, l.id DESC LIMIT $2`,
      after ? [customerId, q.limit + 1, after.at, after.id] : [customerId, q.limit + 1],
    );
    const today = this.today;
    const schedules = new Map<string, Awaited<ReturnType<typeof scheduleOf>>>();
    for (const r of rows.slice(0, q.limit)) if (['active', 'overdue'].includes(r.status)) schedules.set(r.id, await scheduleOf(this.ds.manager, r.id));
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) =>
      toSummary(r, { product: { id: r.product_id, name: r.product_name, kind: r.product_kind }, schedule: schedules.get(r.id) ?? [], today }),
    );
  }

  async get(customerId: string, id: string): Promise<LoanView> {
    const l = await loanOf(this.ds.manager, customerId, id);
    return loanView(this.ds.manager, l, this.today, (loan, p) => this.offeredContract(loan, p), await this.deps.paidServices.linesOf(this.ds.manager, l.id));
  }

  /** The contract as offered before the money is paid out (dated today; fixed when the money arrives). */
  offeredContract(l: LoanRow, p: ProductRow): LoanView['contract'] {
    try {
      const today = this.today;
      const o = priceLoan({ dailyRatePpm: l.daily_rate_ppm, penaltyAnnualPpm: l.penalty_annual_ppm, paymentPeriodDays: p.payment_period_days }, BigInt(l.amount), l.term_days, today);
      const calc = toCalculation(p, BigInt(l.amount), l.term_days, today, o, l.daily_rate_ppm);
      return { issuedOn: null, dueOn: calc.dueOn, dailyRate: calc.dailyRate, penaltyRate: l.penalty_annual_ppm / 10_000, psk: calc.psk, totalToRepay: calc.totalToRepay, caps: calc.caps };
    } catch {
      return null;
    }
  }

  /** Approvals nobody took within 7 days are cancelled (a job). */
  async expireApprovals(): Promise<number> {
    const rows: { id: string; customer_id: string }[] = await this.ds.query(`SELECT id, customer_id FROM loans WHERE status = 'approved' AND approved_until <= $1 LIMIT 500`, [this.clock.now()]);
    let n = 0;
    for (const r of rows) {
      n += await this.ds.transaction(async (em) => {
        const l = await loanOf(em, r.customer_id, r.id, true);
        if (l.status !== 'approved' || !l.approved_until || l.approved_until > this.clock.now()) return 0;
        await em.query('UPDATE loans SET closed_at = $2 WHERE id = $1', [l.id, this.clock.now()]);
        await this.setStatus(em, l, 'cancelled', this.clock.now(), `Одобрение истекло: деньги не были получены за ${LoanLimits.approvalValidDays} дней`);
        return 1;
      });
    }
    return n;
  }
}

export type { ConsentKind };
