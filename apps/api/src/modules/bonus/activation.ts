import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Limits, type BonusActivationRequest, type BonusActivationResultView, type BonusActivationStartedView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { OtpService } from '../../platform/otp/otp.service';
import { normalizePhone } from '../../platform/phone';
import type { RateCounter } from '../../platform/rate-limit';
import type { AuditService } from '../audit';
import type { CustomersService, RequestMeta } from '../customers';
import type { NotificationsService } from '../notifications';
import { requireCardNumber } from './card-number';
import type { PointsBook } from './points';
import { findCardByNumber, toCardView } from './repository';
import type { BonusService } from './service';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

interface ActivationRow {
  id: string;
  card_id: string;
  card_number: string;
  phone: string;
  email: string;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string;
  gender: 'male' | 'female';
  completed_at: Date | null;
}

/**
 * Activation of a plastic card without signing in, as at the fuel stations: the form → a code by SMS to
 * the phone → the code confirms the phone, the customer is created with the code as the first password
 * (to be changed at the first sign-in, as with an issued password), and the card is theirs.
 * Codes are the platform's one-time codes (6 digits, 5 minutes, 3 tries), bound to the activation.
 */
export class BonusActivationService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: {
      book: PointsBook;
      bonus: BonusService;
      customers: CustomersService;
      otp: OtpService;
      notifications: NotificationsService;
      rate: RateCounter;
      audit: AuditService;
    },
  ) {}

  async start(input: BonusActivationRequest, meta: RequestMeta): Promise<BonusActivationStartedView> {
    const number = requireCardNumber(input.cardNumber);
    const phone = normalizePhone(input.phone);
    if (!phone) throw AppError.validation([{ field: 'phone', code: 'isPhone', message: 'phone must be a Russian mobile number, e.g. +7 921 000-00-00' }]);
    const birth = new Date(`${input.birthDate}T00:00:00Z`);
    const age = (this.clock.now().getTime() - birth.getTime()) / (365.25 * 24 * 3600_000);
    if (Number.isNaN(age) || age < 14 || age > 120) {
      throw AppError.validation([{ field: 'birthDate', code: 'isBirthDate', message: 'birthDate must be a real date of birth; members are 14 or older' }]);
    }
    const msgIds: string[] = [];
    const id = randomUUID();
    await this.ds.transaction(async (em) => {
      await this.deps.bonus.takeIssuedCard(em, number);
      if (await this.deps.customers.findCredentials(em, phone)) {
        throw new AppError('phone_taken', 409, 'This phone number is registered already: sign in and attach the card in the cabinet.', {
          errors: [{ field: 'phone', code: 'phone_taken', message: 'Registered already: sign in and attach the card' }],
        });
      }
      await this.resendGate(phone);
      const [card] = await em.query('SELECT id FROM bonus_cards WHERE number = $1', [number]);
      await em.query(
        `INSERT INTO bonus_activations (id, card_id, phone, email, surname, name, patronymic, birth_date, gender, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, card.id, phone, input.email.trim().toLowerCase(), input.surname.trim(), input.name.trim(), input.patronymic?.trim() || null, input.birthDate, input.gender, this.clock.now()],
      );
      msgIds.push(await this.sendCode(em, id, phone));
      await this.deps.audit.record(em, { action: 'bonus_activation_requested', ip: meta.ip, details: { card: number, phone } });
    });
    await this.deps.notifications.deliver(msgIds);
    return { activationId: id, phone, resendAfter: Limits.otpResendSeconds, codeTtl: Limits.otpTtlSeconds };
  }

  /** Another code for the same activation (after 60 s); the previous one stops working. */
  async resend(activationId: string): Promise<BonusActivationStartedView> {
    const msgIds: string[] = [];
    const a = await this.ds.transaction(async (em) => {
      const row = await this.find(em, activationId);
      if (!row || row.completed_at) throw AppError.notFound('The activation');
      await this.resendGate(row.phone);
      msgIds.push(await this.sendCode(em, row.id, row.phone));
      return row;
    });
    await this.deps.notifications.deliver(msgIds);
    return { activationId: a.id, phone: a.phone, resendAfter: Limits.otpResendSeconds, codeTtl: Limits.otpTtlSeconds };
  }

  /** The code from the SMS: the customer, the member and the active card, at once. */
  async confirm(input: { activationId: string; code: string }, meta: RequestMeta): Promise<BonusActivationResultView> {
    const msgIds: string[] = [];
    const outcome = await this.ds.transaction(async (em): Promise<Outcome<BonusActivationResultView>> => {
      const a = await this.find(em, input.activationId);
      if (!a || a.completed_at) return { ok: false, error: new AppError('otp_invalid', 400, 'The code is wrong or was never sent; ask for a new one.', { attemptsLeft: 0 }) };
      // A wrong try is counted even though the answer is an error: the transaction commits it.
      const check = await this.deps.otp.checkForSubject(em, { subject: a.id, purpose: 'bonus_activation', code: input.code });
      if (!check.ok) return check;
      await this.deps.bonus.takeIssuedCard(em, a.card_number); // someone may have activated it meanwhile
      const customer = await this.deps.customers.create(em, {
        phone: a.phone,
        password: input.code,
        mustChangePassword: true,
        surname: a.surname,
        name: a.name,
        patronymic: a.patronymic,
        birthDate: a.birth_date,
        gender: a.gender,
        email: a.email,
      });
      await this.deps.book.enroll(em, customer.id);
      const now = this.clock.now();
      await em.query(`UPDATE bonus_cards SET status = 'active', customer_id = $2, activated_at = $3 WHERE id = $1`, [a.card_id, customer.id, now]);
      await em.query('UPDATE bonus_activations SET completed_at = $2, customer_id = $3 WHERE id = $1', [a.id, now, customer.id]);
      await this.deps.audit.record(em, { action: 'bonus_card_activated', customerId: customer.id, ip: meta.ip, details: { card: a.card_number, via: 'activation' } });
      msgIds.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: a.phone,
          customerId: customer.id,
          body: 'Карта активирована. Вход в личный кабинет: ваш номер телефона и код из SMS как пароль; при входе задайте свой пароль.',
        }),
      );
      const card = (await findCardByNumber(em, a.card_number))!;
      return { ok: true, value: { login: a.phone, card: toCardView(card), mustChangePassword: true } };
    });
    if (!outcome.ok) throw outcome.error;
    await this.deps.notifications.deliver(msgIds);
    return outcome.value;
  }

  private async find(em: EntityManager, id: string): Promise<ActivationRow | null> {
    const [row] = await em.query(
      `SELECT a.id, a.card_id, c.number AS card_number, a.phone, a.email, a.surname, a.name, a.patronymic, to_char(a.birth_date, 'YYYY-MM-DD') AS birth_date, a.gender, a.completed_at
         FROM bonus_activations a JOIN bonus_cards c ON c.id = a.card_id WHERE a.id = $1 FOR UPDATE OF a`,
      [id],
    );
    return row ?? null;
  }

  private async resendGate(phone: string): Promise<void> {
    const hit = await this.deps.rate.hit(`otp-resend:bonus_activation:${phone}`, Limits.otpResendSeconds * 1000);
    if (hit.hits > 1) {
      const retryAfter = this.deps.rate.retryAfter(hit.resetAt);
      throw new AppError('otp_resend_too_soon', 429, `A code was sent recently; ask again in ${retryAfter} s.`, { retryAfter }, { 'Retry-After': String(retryAfter) });
    }
  }

  private async sendCode(em: EntityManager, activationId: string, phone: string): Promise<string> {
    const code = await this.deps.otp.issueForSubject(em, { subject: activationId, purpose: 'bonus_activation', target: phone });
    return this.deps.notifications.enqueue(em, {
      channel: 'sms',
      to: phone,
      body: `Код подтверждения: ${code}. Он же — пароль для первого входа в личный кабинет. Никому не сообщайте его. Действует 5 минут.`,
    });
  }
}
