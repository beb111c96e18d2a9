import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ApplicationLimits,
  type ApplicationKind,
  type ApplicationStatusView,
  type ApplicationView,
  type CaptchaAnswer,
  type CallbackTopic,
  type CustomerCardSection,
  type CustomerNameInput,
  type InternetAddress,
  type Page,
  type RequestStatus,
  type StatusChange,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { checkedKeyset } from '../../platform/keyset';
import { decodeCursor, toPage } from '../../platform/pagination';
import { formatPhone, normalizePhone } from '../../platform/phone';
import type { RateCounter } from '../../platform/rate-limit';
import type { AuthContext } from '../../platform/routes';
import type { AccountProvisioning } from '../accounts';
import type { AuditService } from '../audit';
import type { EventPublisher } from '../integrations';
import type { CaptchaProvider } from '../auth';
import type { CustomersService, RequestMeta } from '../customers';
import type { NotificationsService } from '../notifications';
import type { NumbersService, TakenNumber } from '../numbers';
import type { TariffsService } from '../tariffs';
import { ApplicationsRepository, internetAddressText, SELECT_APPLICATION, toApplicationView, toStatusView, type ApplicationRow } from './repository';

const DAY_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;
const OPEN: RequestStatus[] = ['new', 'in_progress', 'waiting_for_customer'];

/** Where each status may go by hand; `done` of a connection comes only from processing it. */
const NEXT: Record<RequestStatus, StatusChange[]> = {
  new: ['in_progress', 'waiting_for_customer', 'rejected', 'done'],
  in_progress: ['waiting_for_customer', 'rejected', 'done'],
  waiting_for_customer: ['in_progress', 'rejected', 'done'],
  done: [],
  rejected: [],
};

const STATUS_TEXT: Record<RequestStatus, string> = {
  new: 'принята',
  in_progress: 'взята в работу',
  waiting_for_customer: 'ждёт вашего ответа',
  done: 'выполнена',
  rejected: 'отклонена',
};

export interface MobileInput {
  name: string;
  companyName?: string;
  phone: string;
  email?: string;
  address?: string;
  tariffId: string;
  numberId?: string;
  consent: boolean;
  captcha?: CaptchaAnswer;
}

export interface InternetInput {
  fullName: string;
  phone: string;
  email?: string;
  address: InternetAddress;
  tariffId: string;
  consent: boolean;
  captcha?: CaptchaAnswer;
}

export interface CallbackInput {
  phone: string;
  name?: string;
  topic: CallbackTopic;
  comment?: string;
  captcha?: CaptchaAnswer;
}

const holderOf = (number: string) => `application:${number}`;

/**
 * Becoming a customer: public applications (mobile, home internet) and callback requests, their
 * tracking by number + phone, and the staff side — the queues, status changes (each timestamped,
 * shown to the applicant and sent by SMS/e-mail) and processing, which creates (or finds) the
 * customer, opens the account with the line or the contract and sends the first-login SMS.
 */
export class ApplicationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: {
      rate: RateCounter;
      captcha: CaptchaProvider;
      customers: CustomersService;
      provisioning: AccountProvisioning;
      tariffs: TariffsService;
      numbers: NumbersService;
      notifications: NotificationsService;
      audit: AuditService;
      /** Webhooks: `application.status_changed`. */
      events?: EventPublisher;
    },
  ) {}

  /** Keeps a status change for the applicant to see and tells subscribed partners (in the same transaction). */
  private async recordStatus(em: EntityManager, a: { id: string; number: string; kind: string }, status: RequestStatus, previous: RequestStatus | null, reason: string | null, actorId: string | null, at: Date): Promise<void> {
    await ApplicationsRepository.addEvent(em, { applicationId: a.id, status, reason, actorId, at });
    await this.deps.events?.publish(em, 'application.status_changed', { applicationId: a.id, applicationNumber: a.number, kind: a.kind, status, previousStatus: previous, reason, at: at.toISOString() });
  }

  // ---- public side ----

  submitMobile(input: MobileInput, meta: RequestMeta): Promise<ApplicationStatusView> {
    return this.submit('mobile', input.phone, input.captcha, meta, async (em, phone, number) => {
      const tariff = await this.tariff(em, input.tariffId, 'mobile');
      const chosen = input.numberId ? await this.deps.numbers.reserve(em, input.numberId, holderOf(number), tariff.provider) : null;
      return {
        row: {
          name: input.name.trim(),
          company_name: input.companyName?.trim() || null,
          email: input.email?.trim().toLowerCase() || null,
          address: input.address?.trim() || null,
          tariff_id: tariff.id,
          number_id: chosen?.id ?? null,
          consent_at: this.clock.now(),
        },
        chosen,
      };
    }, input.consent);
  }

  submitInternet(input: InternetInput, meta: RequestMeta): Promise<ApplicationStatusView> {
    return this.submit('internet', input.phone, input.captcha, meta, async (em) => {
      const tariff = await this.tariff(em, input.tariffId, 'internet');
      const a = input.address;
      return {
        row: {
          name: input.fullName.trim().replace(/\s+/g, ' '),
          email: input.email?.trim().toLowerCase() || null,
          street: a.street.trim(),
          house: a.house.trim(),
          building: a.building?.trim() || null,
          flat: a.flat?.trim() || null,
          tariff_id: tariff.id,
          consent_at: this.clock.now(),
        },
        chosen: null,
      };
    }, input.consent);
  }

  submitCallback(input: CallbackInput, meta: RequestMeta): Promise<ApplicationStatusView> {
    return this.submit('callback', input.phone, input.captcha, meta, async () => ({
      row: { name: input.name?.trim() ?? '', topic: input.topic, comment: input.comment?.trim() || null },
      chosen: null,
    }));
  }

  /**
   * The common path of the public forms: phone, consent, captcha (after the first submission of the
   * address in an hour), at most 3 a day per phone (counters in PostgreSQL), then the row, its first
   * event and the "accepted" SMS.
   */
  private async submit(
    kind: ApplicationKind,
    rawPhone: string,
    captcha: CaptchaAnswer | undefined,
    meta: RequestMeta,
    build: (em: EntityManager, phone: string, number: string) => Promise<{ row: Record<string, unknown>; chosen: TakenNumber | null }>,
    consent?: boolean,
  ): Promise<ApplicationStatusView> {
    const phone = normalizePhone(rawPhone);
    if (!phone) throw AppError.validation([{ field: 'phone', code: 'isPhone', message: 'phone must be a Russian mobile number, e.g. 8 921 000-00-00' }]);
    if (kind !== 'callback' && consent !== true) {
      throw AppError.validation([{ field: 'consent', code: 'consentRequired', message: 'Agree to the terms and the processing of personal data.' }]);
    }
    await this.captchaGate(captcha, meta.ip);
    const group = kind === 'callback' ? 'callbacks' : 'applications';
    const limitKey = `${group}-per-phone:${phone}`;
    const hit = await this.deps.rate.hit(limitKey, DAY_MS);
    if (hit.hits > ApplicationLimits.perPhonePerDay) {
      const retryAfter = this.deps.rate.retryAfter(hit.resetAt);
      throw new AppError(
        'application_limit_reached',
        429,
        `This phone has opened ${ApplicationLimits.perPhonePerDay} ${kind === 'callback' ? 'callback requests' : 'applications'} in the last 24 hours; try again later or call us.`,
        { retryAfter },
        { 'Retry-After': String(retryAfter) },
      );
    }
    const msgIds: string[] = [];
    try {
      const view = await this.ds.transaction(async (em) => {
        const now = this.clock.now();
        const [{ n }] = await em.query(`SELECT nextval('application_number_seq')::text AS n`);
        const number = `A-${n}`;
        const { row, chosen } = await build(em, phone, number);
        const cols = { number, kind, phone, status: 'new', ip: meta.ip, created_at: now, updated_at: now, ...row };
        const names = Object.keys(cols);
        const [created]: { id: string }[] = await em.query(
          `INSERT INTO applications (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
          Object.values(cols),
        );
        await this.recordStatus(em, { id: created.id, number, kind }, 'new', null, null, null, now);
        const r = await this.row(em, created.id);
        const what = kind === 'callback' ? 'Заявка на обратный звонок' : 'Заявка на подключение';
        msgIds.push(...(await this.notify(em, r, `${what} ${number} принята. Статус можно проверить на сайте по номеру заявки и телефону.`)));
        return toStatusView(r, await this.eventsOf(em, r.id), chosen);
      });
      await this.deps.notifications.deliver(msgIds);
      return view;
    } catch (err) {
      await this.deps.rate.undo(limitKey);
      throw err;
    }
  }

  /** The first public submission of an address in an hour goes without a captcha; later ones need it. */
  private async captchaGate(captcha: CaptchaAnswer | undefined, ip: string | null): Promise<void> {
    const free = await this.deps.rate.hit(`public-forms-free:${ip ?? 'unknown'}`, HOUR_MS);
    if (free.hits <= ApplicationLimits.freePerIpPerHour) return;
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

  private async tariff(em: EntityManager, id: string, kind: 'mobile' | 'internet') {
    const t = (await this.deps.tariffs.rows(em, [id])).get(id);
    if (!t || t.kind !== kind) throw AppError.validation([{ field: 'tariffId', code: 'notFound', message: `No such ${kind} tariff.` }]);
    if (t.archived) throw new AppError('tariff_archived', 409, `The tariff «${t.name}» is no longer offered; choose another.`);
    return t;
  }

  /** The applicant's view: the tracking number and the phone must both match (else the same 404). */
  async track(number: string, rawPhone: string): Promise<ApplicationStatusView> {
    const phone = normalizePhone(rawPhone);
    const [r]: ApplicationRow[] = phone
      ? await this.ds.query(`${SELECT_APPLICATION} WHERE a.number = $1 AND a.phone = $2`, [number.trim().toUpperCase(), phone])
      : [];
    if (!r) throw AppError.notFound('An application with this number and phone');
    const chosen = r.number_id ? ((await this.deps.numbers.briefs(this.ds.manager, [r.number_id])).get(r.number_id) ?? null) : null;
    return toStatusView(r, await this.eventsOf(this.ds.manager, r.id), chosen);
  }

  // ---- back office ----

  async queue(q: { kind?: ApplicationKind; status?: RequestStatus | 'open'; q?: string; limit: number; cursor?: string }): Promise<Page<ApplicationView>> {
    const after = checkedKeyset(decodeCursor(q.cursor), 'uuid');
    const statuses = q.status === 'open' ? OPEN : q.status ? [q.status] : null;
    const text = q.q?.trim() || null;
    const phone = text ? normalizePhone(text) : null;
    const rows: ApplicationRow[] = await this.ds.query(
      `${SELECT_APPLICATION}
        WHERE ($1::text IS NULL OR a.kind = $1) AND ($2::text[] IS NULL OR a.status = ANY($2::text[]))
          AND ($3::text IS NULL OR a.number = upper($3) OR a.phone = $4
               OR strpos(lower(a.name COLLATE "und-x-icu"), lower($3::text COLLATE "und-x-icu")) > 0
               OR strpos(lower(a.company_name COLLATE "und-x-icu"), lower($3::text COLLATE "und-x-icu")) > 0)
          AND ($5::timestamptz IS NULL OR (a.created_at, a.id) < ($5, $6::uuid))
        ORDER BY a.created_at DESC, a.id DESC LIMIT $7`,
      [q.kind ?? null, statuses, text, phone ?? '', after?.at ?? null, after?.id ?? null, q.limit + 1],
    );
    const page = toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) => r);
    return { items: await this.views(this.ds.manager, page.items), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<ApplicationView> {
    const r = await this.row(this.ds.manager, id);
    return (await this.views(this.ds.manager, [r]))[0];
  }

  /** Open applications per kind, for the console's first page. */
  async counts(): Promise<{ kind: ApplicationKind; open: number; new: number }[]> {
    const rows: { kind: ApplicationKind; open: number; new: number }[] = await this.ds.query(
      `SELECT kind, count(*) FILTER (WHERE status = ANY($1::text[]))::int AS open, count(*) FILTER (WHERE status = 'new')::int AS new
         FROM applications GROUP BY kind`,
      [OPEN],
    );
    return (['mobile', 'internet', 'callback'] as const).map((kind) => rows.find((r) => r.kind === kind) ?? { kind, open: 0, new: 0 });
  }

  /** The customer card's section: applications that gave this customer something, or came from their phone. */
  async cardSection(customerId: string, phone: string): Promise<CustomerCardSection | null> {
    const rows: ApplicationRow[] = await this.ds.query(`${SELECT_APPLICATION} WHERE a.customer_id = $1 OR a.phone = $2 ORDER BY a.created_at DESC, a.id DESC LIMIT 20`, [
      customerId,
      phone,
    ]);
    if (!rows.length) return null;
    const kinds: Record<ApplicationKind, string> = { mobile: 'подключение мобильной связи', internet: 'подключение интернета', callback: 'обратный звонок' };
    return {
      key: 'applications',
      title: 'Заявки',
      items: rows.map((r) => ({
        id: r.id,
        title: `${r.number} · ${kinds[r.kind]}`,
        subtitle: r.tariff_name,
        status: r.status,
        amount: null,
        at: r.created_at.toISOString(),
        link: `/backoffice/applications/${r.id}`,
      })),
    };
  }

  async changeStatus(auth: AuthContext, id: string, input: { status: StatusChange; reason?: string }, ip: string | null): Promise<ApplicationView> {
    const reason = input.reason?.trim() || null;
    if (input.status === 'rejected' && !reason) throw AppError.validation([{ field: 'reason', code: 'isNotEmpty', message: 'Say why the application is rejected.' }]);
    const msgIds: string[] = [];
    const view = await this.ds.transaction(async (em) => {
      const r = await this.locked(em, id);
      if (!NEXT[r.status].includes(input.status) || r.status === input.status) {
        throw new AppError('invalid_status_transition', 409, `The application is ${r.status}; it cannot become ${input.status}.`);
      }
      if (input.status === 'done' && r.kind !== 'callback') {
        throw new AppError('invalid_status_transition', 409, 'A connection application is done by processing it (POST …/process), which opens the account.');
      }
      const now = this.clock.now();
      await em.query(`UPDATE applications SET status = $2, reason = $3, updated_at = $4 WHERE id = $1`, [id, input.status, reason, now]);
      await this.recordStatus(em, { id, number: r.number, kind: r.kind }, input.status, r.status, reason, auth.customerId, now);
      if (input.status === 'rejected' && r.number_id) await this.deps.numbers.release(em, r.number_id, holderOf(r.number));
      await this.deps.audit.record(em, {
        action: 'application_status_changed',
        actorId: auth.customerId,
        customerId: r.existing_customer_id,
        ip,
        details: { applicationId: id, number: r.number, before: { status: r.status }, after: { status: input.status, reason } },
      });
      const updated = await this.row(em, id);
      msgIds.push(...(await this.notify(em, updated, `Заявка ${r.number} ${STATUS_TEXT[input.status]}${reason ? `: ${reason}` : '.'}`)));
      return (await this.views(em, [updated]))[0];
    });
    await this.deps.notifications.deliver(msgIds);
    return view;
  }

  /**
   * Processes a connection application: the customer (found by the applicant's phone, or created with
   * an issued password they must change), the account with the line or the contract, `done`, and the
   * first-login SMS.
   */
  async process(auth: AuthContext, id: string, input: { customer?: CustomerNameInput; iccid?: string; numberId?: string }, ip: string | null): Promise<ApplicationView> {
    const msgIds: string[] = [];
    const view = await this.ds.transaction(async (em) => {
      const r = await this.locked(em, id);
      if (r.kind === 'callback') throw new AppError('invalid_status_transition', 409, 'A callback request is not processed; set it done when you have called.');
      if (!OPEN.includes(r.status)) throw new AppError('invalid_status_transition', 409, `The application is ${r.status} already.`);
      if (r.kind === 'mobile' && !input.iccid) throw AppError.validation([{ field: 'iccid', code: 'isNotEmpty', message: 'Enter the ICCID of the SIM card you issue.' }]);
      if (r.kind === 'internet' && (input.iccid || input.numberId)) {
        throw AppError.validation([{ field: input.iccid ? 'iccid' : 'numberId', code: 'notAllowed', message: 'An internet contract takes no SIM card or number.' }]);
      }
      const existing = await this.deps.customers.findCredentials(em, r.phone);
      if (existing && existing.role !== 'subscriber') throw new AppError('phone_taken', 409, 'This phone belongs to a staff account; ask the applicant for another one.');
      if (!existing && !input.customer) {
        throw AppError.validation([{ field: 'customer', code: 'isNotEmpty', message: 'Enter the new customer’s surname and name as in the passport.' }]);
      }
      const now = this.clock.now();
      let password: string | null = null;
      let customerId: string;
      if (existing) {
        customerId = existing.id;
      } else {
        password = r.kind === 'mobile' ? input.iccid!.slice(-4) : String(randomInt(10_000_000, 100_000_000));
        const c = await this.deps.customers.create(em, {
          phone: r.phone,
          password,
          surname: input.customer!.surname.trim(),
          name: input.customer!.name.trim(),
          patronymic: input.customer!.patronymic?.trim() || null,
          email: r.email,
          mustChangePassword: true,
        });
        customerId = c.id;
      }
      let result: { accountId: string; lineId: string | null; contractId: string | null };
      let sms: string;
      if (r.kind === 'mobile') {
        const holder = holderOf(r.number);
        const operator = r.tariff_provider!;
        const number = r.number_id
          ? ((await this.deps.numbers.briefs(em, [r.number_id])).get(r.number_id) as TakenNumber)
          : await this.deps.numbers.takeFree(em, operator, holder, input.numberId);
        if (r.number_id && input.numberId && input.numberId !== r.number_id) {
          throw AppError.validation([{ field: 'numberId', code: 'notAllowed', message: 'The applicant chose a number; it is the one to issue.' }]);
        }
        const line = await this.deps.provisioning.addLine(em, { customerId, msisdn: number.msisdn, iccid: input.iccid!, tariffId: r.tariff_id! });
        await this.deps.numbers.sell(em, number.id, holder, line.lineId);
        result = { accountId: line.accountId, lineId: line.lineId, contractId: null };
        sms = password
          ? `Номер ${formatPhone(number.msisdn)} подключён. Личный кабинет: логин ${formatPhone(r.phone)}, пароль — последние 4 цифры ICCID SIM-карты: ${password}. При первом входе смените пароль.`
          : `Номер ${formatPhone(number.msisdn)} подключён и добавлен в ваш личный кабинет (вход по номеру ${formatPhone(r.phone)}).`;
      } else {
        const contract = await this.deps.provisioning.openContract(em, { customerId, address: internetAddressText(r), tariffId: r.tariff_id! });
        // A new customer signs in with the contract number; an existing one also, if they had none.
        const isLogin = await this.deps.customers.setContractNumberIfNone(em, customerId, contract.contractNumber);
        result = { accountId: contract.accountId, lineId: null, contractId: contract.contractId };
        sms = password
          ? `Договор ${contract.contractNumber} на домашний интернет заключён. Личный кабинет: логин ${contract.contractNumber}, пароль ${password}. При первом входе смените пароль.`
          : `Договор ${contract.contractNumber} на домашний интернет добавлен в ваш личный кабинет${isLogin ? `; входить можно и по номеру договора` : ''}.`;
      }
      await em.query(
        `UPDATE applications SET status = 'done', reason = NULL, customer_id = $2, account_id = $3, line_id = $4, contract_id = $5, new_customer = $6, updated_at = $7 WHERE id = $1`,
        [id, customerId, result.accountId, result.lineId, result.contractId, !existing, now],
      );
      await this.recordStatus(em, { id, number: r.number, kind: r.kind }, 'done', r.status, null, auth.customerId, now);
      await this.deps.audit.record(em, {
        action: 'application_processed',
        actorId: auth.customerId,
        customerId,
        ip,
        details: { applicationId: id, number: r.number, kind: r.kind, newCustomer: !existing, ...result, before: { status: r.status }, after: { status: 'done' } },
      });
      const updated = await this.row(em, id);
      msgIds.push(...(await this.notify(em, updated, sms, customerId)));
      return (await this.views(em, [updated]))[0];
    });
    await this.deps.notifications.deliver(msgIds);
    return view;
  }

  // ---- helpers ----

  private async row(em: EntityManager, id: string): Promise<ApplicationRow> {
    const [r] = await em.query(`${SELECT_APPLICATION} WHERE a.id = $1`, [id]);
    if (!r) throw AppError.notFound('The application');
    return r;
  }

  private async locked(em: EntityManager, id: string): Promise<ApplicationRow> {
    const [lock] = await em.query('SELECT id FROM applications WHERE id = $1 FOR UPDATE', [id]);
    if (!lock) throw AppError.notFound('The application');
    return this.row(em, id);
  }

  private async eventsOf(em: EntityManager, id: string) {
    return (await ApplicationsRepository.events(em, [id])).get(id) ?? [];
  }

  private async views(em: EntityManager, rows: ApplicationRow[]): Promise<ApplicationView[]> {
    const events = await ApplicationsRepository.events(em, rows.map((r) => r.id)); // `em` may be a transaction's: in turn
    const numbers = await this.deps.numbers.briefs(em, rows.map((r) => r.number_id).filter((x): x is string => !!x));
    return rows.map((r) => toApplicationView(r, events.get(r.id) ?? [], r.number_id ? (numbers.get(r.number_id) ?? null) : null));
  }

  /** The SMS to the applicant's phone, and the same by e-mail when they gave one. */
  private async notify(em: EntityManager, r: ApplicationRow, body: string, customerId: string | null = r.customer_id): Promise<string[]> {
    // A known customer's preferences decide the channels; an anonymous applicant gets both.
    return this.deps.notifications.notify(em, { event: 'application.status', customerId, title: `Заявка ${r.number}`, body, sms: r.phone, email: r.email });
  }
}
