import type { DataSource, EntityManager } from 'typeorm';
import type {
  ClosureBlocker,
  CustomerCardSection,
  DeliveryMethod,
  OrderKind,
  OrderStatus,
  OrderView,
  Page,
  StaffOrderView,
  StatusChange,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { formatRub, rub } from '../../platform/money';
import { checkedKeyset } from '../../platform/keyset';
import { decodeCursor, toPage } from '../../platform/pagination';
import { formatPhone, normalizePhone } from '../../platform/phone';
import type { AuthContext } from '../../platform/routes';
import type { AccountProvisioning, AccountsService } from '../accounts';
import type { AuditService } from '../audit';
import type { LedgerService } from '../ledger';
import type { NotificationsService } from '../notifications';
import type { NumbersService } from '../numbers';
import type { TariffsService } from '../tariffs';

interface OrderRow {
  id: string;
  customer_id: string;
  number: string;
  kind: OrderKind;
  status: OrderStatus;
  reason: string | null;
  account_id: string;
  account_number: string;
  line_id: string | null;
  line_msisdn: string | null;
  number_id: string | null;
  stock_msisdn: string | null;
  stock_operator: string | null;
  tariff_id: string | null;
  tariff_name: string | null;
  tariff_provider: string | null;
  delivery: DeliveryMethod | null;
  address: string | null;
  pickup_office_id: string | null;
  comment: string | null;
  price: string;
  refunded: boolean;
  result_line_id: string | null;
  created_at: Date;
  updated_at: Date;
  customer_name: string;
  customer_phone: string;
}

interface EventRow {
  order_id: string;
  status: OrderStatus;
  reason: string | null;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
}

const SELECT = `
  SELECT o.*, a.number AS account_number, l.msisdn AS line_msisdn, n.msisdn AS stock_msisdn, n.operator AS stock_operator,
         t.name AS tariff_name, t.provider AS tariff_provider, c.name || ' ' || c.surname AS customer_name, c.phone AS customer_phone
    FROM orders o
    JOIN accounts a ON a.id = o.account_id
    JOIN customers c ON c.id = o.customer_id
    LEFT JOIN mobile_lines l ON l.id = o.line_id
    LEFT JOIN phone_numbers n ON n.id = o.number_id
    LEFT JOIN tariffs t ON t.id = o.tariff_id`;

const OPEN: OrderStatus[] = ['new', 'in_progress', 'waiting_for_customer'];
const NEXT: Record<OrderStatus, StatusChange[]> = {
  new: ['in_progress', 'waiting_for_customer', 'rejected'],
  in_progress: ['waiting_for_customer', 'rejected'],
  waiting_for_customer: ['in_progress', 'rejected'],
  done: [],
  rejected: [],
  canceled: [],
};
const STATUS_TEXT: Record<OrderStatus, string> = {
  new: 'принят',
  in_progress: 'в работе',
  waiting_for_customer: 'ждёт вашего ответа',
  done: 'выполнен',
  rejected: 'отклонён',
  canceled: 'отменён',
};

const holderOf = (number: string) => `order:${number}`;

/**
 * A customer's orders: a SIM card for another device (a new line on an account) and a beautiful
 * number (to a line, or as a new line) at 50 % of the operator's price, charged through the ledger
 * when ordered and refunded if the order ends without it. Staff work them in a queue.
 */
export class OrdersService {
  /** Pick-up points for SIM orders (the help module's offices), set by app.ts. */
  pickupPoints: { pickupPoint(id: string): Promise<{ id: string; name: string; city: string; address: string }> } | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: {
      accounts: AccountsService;
      provisioning: AccountProvisioning;
      tariffs: TariffsService;
      numbers: NumbersService;
      ledger: LedgerService;
      notifications: NotificationsService;
      audit: AuditService;
    },
  ) {}

  /** The customer's own mobile account, open, locked for the order. */
  private async ownAccount(em: EntityManager, customerId: string, accountId: string) {
    const a = await this.deps.accounts.access(em, customerId, accountId, true);
    if (a.role !== 'owner') throw new AppError('forbidden', 403, 'Only the owner of the account orders SIM cards and numbers for it.');
    if (a.account.kind !== 'mobile') throw AppError.validation([{ field: 'accountId', code: 'notMobile', message: 'SIM cards and numbers go on a mobile account.' }]);
    if (a.account.status === 'closed') throw new AppError('account_not_active', 409, 'The account is closed.');
    return a.account;
  }

  private async mobileTariff(em: EntityManager, tariffId: string) {
    const t = (await this.deps.tariffs.rows(em, [tariffId])).get(tariffId);
    if (!t || t.kind !== 'mobile') throw AppError.validation([{ field: 'tariffId', code: 'notFound', message: 'No such mobile tariff.' }]);
    if (t.archived) throw new AppError('tariff_archived', 409, `The tariff «${t.name}» is no longer offered; choose another.`);
    return t;
  }

  private deliveryOf(delivery: DeliveryMethod | undefined, address: string | undefined): { delivery: DeliveryMethod; address: string | null } {
    if (!delivery) throw AppError.validation([{ field: 'delivery', code: 'isNotEmpty', message: 'Choose delivery by courier or pick-up at the office.' }]);
    const a = address?.trim() || null;
    if (delivery === 'courier' && !a) throw AppError.validation([{ field: 'address', code: 'isNotEmpty', message: 'Where should the courier bring the SIM card?' }]);
    return { delivery, address: delivery === 'courier' ? a : null };
  }

  async placeSim(customerId: string, input: { accountId: string; tariffId: string; delivery: DeliveryMethod; address?: string; pickupOfficeId?: string; comment?: string }): Promise<OrderView> {
    const d: { delivery: DeliveryMethod; address: string | null; pickup_office_id?: string } = this.deliveryOf(input.delivery, input.address);
    if (input.pickupOfficeId) {
      if (input.delivery !== 'pickup' || !this.pickupPoints) throw AppError.validation([{ field: 'pickupOfficeId', code: 'notAllowed', message: 'A pick-up point goes with delivery pickup only.' }]);
      const office = await this.pickupPoints.pickupPoint(input.pickupOfficeId);
      Object.assign(d, { address: `${office.name}: ${office.city}, ${office.address}`, pickup_office_id: office.id });
    }
    return this.place(customerId, async (em, number) => {
      await this.ownAccount(em, customerId, input.accountId);
      const tariff = await this.mobileTariff(em, input.tariffId);
      return {
        cols: { kind: 'sim', account_id: input.accountId, tariff_id: tariff.id, delivery: d.delivery, address: d.address, ...(d.pickup_office_id ? { pickup_office_id: d.pickup_office_id } : {}), comment: input.comment?.trim() || null, price: '0' },
        text: `Заказ ${number} на SIM-карту принят.`,
      };
    });
  }

  async placeNumber(customerId: string, input: { numberId: string; accountId: string; lineId?: string; tariffId?: string; delivery?: DeliveryMethod; address?: string }): Promise<OrderView> {
    if (input.lineId && input.tariffId) {
      throw AppError.validation([{ field: 'tariffId', code: 'notAllowed', message: 'A number for an existing line keeps its tariff: send lineId or tariffId, not both.' }]);
    }
    if (!input.lineId && !input.tariffId) {
      throw AppError.validation([{ field: 'tariffId', code: 'isNotEmpty', message: 'Choose the line to get the number, or a tariff for a new line.' }]);
    }
    const d = input.lineId ? { delivery: null, address: null } : this.deliveryOf(input.delivery, input.address);
    return this.place(customerId, async (em, number, orderId) => {
      await this.ownAccount(em, customerId, input.accountId);
      let operator: string;
      let tariffId: string | null = null;
      if (input.lineId) {
        const line = await this.deps.provisioning.lineBrief(em, input.lineId);
        if (!line || line.accountId !== input.accountId) throw AppError.validation([{ field: 'lineId', code: 'notOnAccount', message: 'This line is not on the account.' }]);
        operator = line.operator;
      } else {
        const tariff = await this.mobileTariff(em, input.tariffId!);
        operator = tariff.provider;
        tariffId = tariff.id;
      }
      const taken = await this.deps.numbers.reserve(em, input.numberId, holderOf(number), operator);
      await this.deps.ledger.post(em, {
        accountId: input.accountId,
        amount: -taken.price,
        kind: 'number_purchase',
        ref: `order:${orderId}`,
        description: `Красивый номер ${formatPhone(taken.msisdn)}`,
      });
      return {
        cols: { kind: 'number', account_id: input.accountId, line_id: input.lineId ?? null, number_id: taken.id, tariff_id: tariffId, delivery: d.delivery, address: d.address, price: taken.price.toString() },
        text: `Заказ ${number} на номер ${formatPhone(taken.msisdn)} принят; со счёта списано ${formatRub(taken.price)}.`,
      };
    });
  }

  private async place(customerId: string, build: (em: EntityManager, number: string, orderId: string) => Promise<{ cols: Record<string, unknown>; text: string }>): Promise<OrderView> {
    const msgIds: string[] = [];
    const view = await this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const [{ n, id }] = await em.query(`SELECT nextval('order_number_seq')::text AS n, gen_random_uuid() AS id`);
      const number = `O-${n}`;
      const { cols, text } = await build(em, number, id);
      const all = { id, customer_id: customerId, number, status: 'new', created_at: now, updated_at: now, ...cols };
      const names = Object.keys(all);
      await em.query(`INSERT INTO orders (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(all));
      await this.addEvent(em, { orderId: id, customerId, status: 'new', reason: null, actorId: null, at: now });
      await this.deps.audit.record(em, { action: 'order_placed', customerId, details: { orderId: id, number, kind: cols.kind, accountId: cols.account_id, price: Number(cols.price) } });
      const r = await this.row(em, id);
      msgIds.push(...(await this.sms(em, r, text)));
      return this.toView(r, await this.events(em, [id]));
    });
    await this.deps.notifications.deliver(msgIds);
    return view;
  }

  async list(customerId: string, q: { limit: number; cursor?: string }): Promise<Page<OrderView>> {
    const after = checkedKeyset(decodeCursor(q.cursor), 'uuid');
    const rows: OrderRow[] = await this.ds.query(
      `${SELECT} WHERE o.customer_id = $1 AND ($2::timestamptz IS NULL OR (o.created_at, o.id) < ($2, $3::uuid)) ORDER BY o.created_at DESC, o.id DESC LIMIT $4`,
      [customerId, after?.at ?? null, after?.id ?? null, q.limit + 1],
    );
    const page = toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) => r);
    const events = await this.events(this.ds.manager, page.items.map((r) => r.id));
    return { items: page.items.map((r) => this.toView(r, events)), nextCursor: page.nextCursor };
  }

  async get(customerId: string, id: string): Promise<OrderView> {
    const [r]: OrderRow[] = await this.ds.query(`${SELECT} WHERE o.id = $1 AND o.customer_id = $2`, [id, customerId]);
    if (!r) throw AppError.notFound('The order');
    return this.toView(r, await this.events(this.ds.manager, [id]));
  }

  /** The customer cancels an order nobody has started on: the number goes back, the money too. */
  async cancel(customerId: string, id: string): Promise<OrderView> {
    const msgIds: string[] = [];
    const view = await this.ds.transaction(async (em) => {
      const r = await this.locked(em, id, customerId);
      if (r.status !== 'new') throw new AppError('invalid_status_transition', 409, `The order is ${r.status}; only a new order can be canceled. Call us to stop it.`);
      await this.end(em, r, 'canceled', null, null);
      await this.deps.audit.record(em, { action: 'order_canceled', customerId, details: { orderId: id, number: r.number, before: { status: r.status }, after: { status: 'canceled' } } });
      const updated = await this.row(em, id);
      msgIds.push(...(await this.sms(em, updated, `Заказ ${r.number} отменён${BigInt(r.price) > 0n ? `; ${formatRub(BigInt(r.price))} вернулись на счёт` : ''}.`)));
      return this.toView(updated, await this.events(em, [id]));
    });
    await this.deps.notifications.deliver(msgIds);
    return view;
  }

  /** Canceled or rejected: the held number is released and what was charged is refunded, once. */
  private async end(em: EntityManager, r: OrderRow, status: 'canceled' | 'rejected', reason: string | null, actorId: string | null): Promise<void> {
    const now = this.clock.now();
    if (r.number_id) await this.deps.numbers.release(em, r.number_id, holderOf(r.number));
    const price = BigInt(r.price);
    if (price > 0n && !r.refunded) {
      await this.deps.ledger.post(em, { accountId: r.account_id, amount: price, kind: 'refund', ref: `order:${r.id}:refund`, description: `Возврат за заказ ${r.number}` });
    }
    await em.query(`UPDATE orders SET status = $2, reason = $3, refunded = refunded OR $4, updated_at = $5 WHERE id = $1`, [r.id, status, reason, price > 0n, now]);
    await this.addEvent(em, { orderId: r.id, customerId: r.customer_id, status, reason, actorId, at: now });
  }

  // ---- back office ----

  async queue(q: { kind?: OrderKind; status?: OrderStatus | 'open'; q?: string; limit: number; cursor?: string }): Promise<Page<StaffOrderView>> {
    const after = checkedKeyset(decodeCursor(q.cursor), 'uuid');
    const statuses = q.status === 'open' ? OPEN : q.status ? [q.status] : null;
    const text = q.q?.trim() || null;
    const phone = text ? normalizePhone(text) : null;
    const rows: OrderRow[] = await this.ds.query(
      `${SELECT}
        WHERE ($1::text IS NULL OR o.kind = $1) AND ($2::text[] IS NULL OR o.status = ANY($2::text[]))
          AND ($3::text IS NULL OR o.number = upper($3) OR a.number = $3 OR c.phone = $4 OR n.msisdn = $4 OR starts_with(lower(c.surname COLLATE "und-x-icu"), lower($3::text COLLATE "und-x-icu")))
          AND ($5::timestamptz IS NULL OR (o.created_at, o.id) < ($5, $6::uuid))
        ORDER BY o.created_at DESC, o.id DESC LIMIT $7`,
      [q.kind ?? null, statuses, text, phone ?? '', after?.at ?? null, after?.id ?? null, q.limit + 1],
    );
    const page = toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) => r);
    const events = await this.events(this.ds.manager, page.items.map((r) => r.id));
    return { items: page.items.map((r) => this.toStaffView(r, events)), nextCursor: page.nextCursor };
  }

  async getStaff(id: string): Promise<StaffOrderView> {
    const r = await this.row(this.ds.manager, id);
    return this.toStaffView(r, await this.events(this.ds.manager, [id]));
  }

  async changeStatus(auth: AuthContext, id: string, input: { status: StatusChange; reason?: string }, ip: string | null): Promise<StaffOrderView> {
    const reason = input.reason?.trim() || null;
    if (input.status === 'rejected' && !reason) throw AppError.validation([{ field: 'reason', code: 'isNotEmpty', message: 'Say why the order is rejected.' }]);
    const msgIds: string[] = [];
    const view = await this.ds.transaction(async (em) => {
      const r = await this.locked(em, id);
      if (input.status === 'done') throw new AppError('invalid_status_transition', 409, 'An order is done by processing it (POST …/process), which gives the line or the number.');
      if (!NEXT[r.status].includes(input.status)) throw new AppError('invalid_status_transition', 409, `The order is ${r.status}; it cannot become ${input.status}.`);
      if (input.status === 'rejected') {
        await this.end(em, r, 'rejected', reason, auth.customerId);
      } else {
        const now = this.clock.now();
        await em.query(`UPDATE orders SET status = $2, reason = $3, updated_at = $4 WHERE id = $1`, [id, input.status, reason, now]);
        await this.addEvent(em, { orderId: id, customerId: r.customer_id, status: input.status, reason, actorId: auth.customerId, at: now });
      }
      await this.deps.audit.record(em, {
        action: 'order_status_changed',
        actorId: auth.customerId,
        customerId: r.customer_id,
        ip,
        details: { orderId: id, number: r.number, before: { status: r.status }, after: { status: input.status, reason } },
      });
      const updated = await this.row(em, id);
      const refund = input.status === 'rejected' && BigInt(r.price) > 0n ? ` ${formatRub(BigInt(r.price))} вернулись на счёт.` : '';
      msgIds.push(...(await this.sms(em, updated, `Заказ ${r.number} ${STATUS_TEXT[input.status]}${reason ? `: ${reason}` : '.'}${refund}`)));
      return this.toStaffView(updated, await this.events(em, [id]));
    });
    await this.deps.notifications.deliver(msgIds);
    return view;
  }

  /**
   * Gives what was ordered: a SIM order takes a free number and the SIM card (ICCID) as a new line on
   * the account; a number order moves the bought number to the line, or comes as a new line with a SIM.
   */
  async process(auth: AuthContext, id: string, input: { iccid?: string; numberId?: string }, ip: string | null): Promise<StaffOrderView> {
    const msgIds: string[] = [];
    const view = await this.ds.transaction(async (em) => {
      const r = await this.locked(em, id);
      if (!OPEN.includes(r.status)) throw new AppError('invalid_status_transition', 409, `The order is ${r.status} already.`);
      const newLine = r.kind === 'sim' || !r.line_id;
      if (newLine && !input.iccid) throw AppError.validation([{ field: 'iccid', code: 'isNotEmpty', message: 'Enter the ICCID of the SIM card you issue.' }]);
      if (!newLine && input.iccid) throw AppError.validation([{ field: 'iccid', code: 'notAllowed', message: 'The number moves to the existing SIM card; no ICCID is needed.' }]);
      if (r.kind === 'number' && input.numberId) throw AppError.validation([{ field: 'numberId', code: 'notAllowed', message: 'The order is for the number the customer bought.' }]);
      const holder = holderOf(r.number);
      let lineId: string;
      let text: string;
      if (r.kind === 'sim') {
        const free = await this.deps.numbers.takeFree(em, r.tariff_provider!, holder, input.numberId);
        const line = await this.deps.provisioning.addLine(em, { customerId: r.customer_id, accountId: r.account_id, msisdn: free.msisdn, iccid: input.iccid!, tariffId: r.tariff_id! });
        await this.deps.numbers.sell(em, free.id, holder, line.lineId);
        lineId = line.lineId;
        text = `Заказ ${r.number} выполнен: SIM-карта с номером ${formatPhone(free.msisdn)} подключена к счёту ${r.account_number}.`;
      } else if (r.line_id) {
        await this.deps.provisioning.changeNumber(em, { customerId: r.customer_id, lineId: r.line_id, msisdn: r.stock_msisdn! });
        await this.deps.numbers.sell(em, r.number_id!, holder, r.line_id);
        lineId = r.line_id;
        text = `Заказ ${r.number} выполнен: ваш номер теперь ${formatPhone(r.stock_msisdn!)}.`;
      } else {
        const line = await this.deps.provisioning.addLine(em, { customerId: r.customer_id, accountId: r.account_id, msisdn: r.stock_msisdn!, iccid: input.iccid!, tariffId: r.tariff_id! });
        await this.deps.numbers.sell(em, r.number_id!, holder, line.lineId);
        lineId = line.lineId;
        text = `Заказ ${r.number} выполнен: номер ${formatPhone(r.stock_msisdn!)} подключён к счёту ${r.account_number}.`;
      }
      const now = this.clock.now();
      await em.query(`UPDATE orders SET status = 'done', reason = NULL, result_line_id = $2, updated_at = $3 WHERE id = $1`, [id, lineId, now]);
      await this.addEvent(em, { orderId: id, customerId: r.customer_id, status: 'done', reason: null, actorId: auth.customerId, at: now });
      await this.deps.audit.record(em, {
        action: 'order_processed',
        actorId: auth.customerId,
        customerId: r.customer_id,
        ip,
        details: { orderId: id, number: r.number, kind: r.kind, lineId, before: { status: r.status, msisdn: r.line_msisdn }, after: { status: 'done' } },
      });
      const updated = await this.row(em, id);
      msgIds.push(...(await this.sms(em, updated, text)));
      return this.toStaffView(updated, await this.events(em, [id]));
    });
    await this.deps.notifications.deliver(msgIds);
    return view;
  }

  async counts(): Promise<{ kind: OrderKind; open: number; new: number }[]> {
    const rows: { kind: OrderKind; open: number; new: number }[] = await this.ds.query(
      `SELECT kind, count(*) FILTER (WHERE status = ANY($1::text[]))::int AS open, count(*) FILTER (WHERE status = 'new')::int AS new FROM orders GROUP BY kind`,
      [OPEN],
    );
    return (['sim', 'number'] as const).map((kind) => rows.find((r) => r.kind === kind) ?? { kind, open: 0, new: 0 });
  }

  /** The customer card's section of orders. */
  async cardSection(customerId: string): Promise<CustomerCardSection | null> {
    const { items } = await this.list(customerId, { limit: 20 });
    if (!items.length) return null;
    return {
      key: 'orders',
      title: 'Заказы SIM-карт и номеров',
      items: items.map((o) => ({
        id: o.id,
        title: `${o.number} · ${o.kind === 'sim' ? 'SIM-карта' : `номер ${formatPhone(o.beautifulNumber?.msisdn ?? '')}`}`,
        subtitle: `Счёт ${o.accountNumber}${o.tariff ? ` · ${o.tariff.name}` : ''}`,
        status: o.status,
        amount: o.price.amount ? o.price : null,
        at: o.createdAt,
        link: `/backoffice/orders/${o.id}`,
      })),
    };
  }

  /** The closure rule this module contributes: an order in progress on the account. */
  async closureBlocker(em: EntityManager, accountId: string): Promise<ClosureBlocker | null> {
    const rows: { number: string }[] = await em.query(`SELECT number FROM orders WHERE account_id = $1 AND status = ANY($2::text[]) ORDER BY created_at`, [accountId, OPEN]);
    if (!rows.length) return null;
    return { code: 'order_open', detail: `Wait for or cancel the open order${rows.length > 1 ? 's' : ''} ${rows.map((r) => r.number).join(', ')}.`, amount: null };
  }

  // ---- helpers ----

  private async row(em: EntityManager, id: string): Promise<OrderRow> {
    const [r] = await em.query(`${SELECT} WHERE o.id = $1`, [id]);
    if (!r) throw AppError.notFound('The order');
    return r;
  }

  private async locked(em: EntityManager, id: string, customerId?: string): Promise<OrderRow> {
    const [lock] = await em.query(`SELECT id FROM orders WHERE id = $1 AND ($2::uuid IS NULL OR customer_id = $2) FOR UPDATE`, [id, customerId ?? null]);
    if (!lock) throw AppError.notFound('The order');
    return this.row(em, id);
  }

  private async addEvent(em: EntityManager, e: { orderId: string; customerId: string; status: OrderStatus; reason: string | null; actorId: string | null; at: Date }): Promise<void> {
    await em.query(`INSERT INTO order_events (customer_id, order_id, status, reason, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      e.customerId,
      e.orderId,
      e.status,
      e.reason,
      e.actorId,
      e.at,
    ]);
  }

  private async events(em: EntityManager, ids: string[]): Promise<Map<string, EventRow[]>> {
    const out = new Map<string, EventRow[]>();
    if (!ids.length) return out;
    const rows: EventRow[] = await em.query(
      `SELECT e.order_id, e.status, e.reason, e.at, e.actor_id, CASE WHEN c.id IS NULL THEN NULL ELSE c.name || ' ' || c.surname END AS actor_name
         FROM order_events e LEFT JOIN customers c ON c.id = e.actor_id WHERE e.order_id = ANY($1::uuid[]) ORDER BY e.id`,
      [ids],
    );
    for (const r of rows) out.set(r.order_id, [...(out.get(r.order_id) ?? []), r]);
    return out;
  }

  /** The status SMS and the notification centre's entry; every id goes to `deliver` (none for a muted channel). */
  private async sms(em: EntityManager, r: OrderRow, body: string): Promise<string[]> {
    return this.deps.notifications.notify(em, { event: 'order.status', customerId: r.customer_id, title: `Заказ ${r.number}`, body, link: `/orders/${r.id}`, sms: r.customer_phone });
  }

  private base(r: OrderRow): Omit<OrderView, 'history'> {
    return {
      id: r.id,
      number: r.number,
      kind: r.kind,
      status: r.status,
      reason: r.reason,
      accountId: r.account_id,
      accountNumber: r.account_number,
      line: r.line_id ? { id: r.line_id, msisdn: r.line_msisdn ?? '' } : null,
      beautifulNumber: r.number_id ? { id: r.number_id, msisdn: r.stock_msisdn ?? '', operator: r.stock_operator ?? '' } : null,
      tariff: r.tariff_id ? { id: r.tariff_id, name: r.tariff_name ?? '' } : null,
      delivery: r.delivery,
      address: r.address,
      pickupOfficeId: r.pickup_office_id,
      comment: r.comment,
      price: rub(r.price),
      resultLineId: r.result_line_id,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  }

  private toView(r: OrderRow, events: Map<string, EventRow[]>): OrderView {
    return { ...this.base(r), history: (events.get(r.id) ?? []).map((e) => ({ status: e.status, at: e.at.toISOString(), reason: e.reason })) };
  }

  private toStaffView(r: OrderRow, events: Map<string, EventRow[]>): StaffOrderView {
    return {
      ...this.base(r),
      customer: { id: r.customer_id, name: r.customer_name, phone: r.customer_phone },
      history: (events.get(r.id) ?? []).map((e) => ({
        status: e.status,
        at: e.at.toISOString(),
        reason: e.reason,
        actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
      })),
    };
  }
}
