import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { isPrivateAddress, literalAddress } from './sender';
import {
  IntegrationLimits,
  WebhookEventTypes,
  type CreateWebhookEndpointRequest,
  type Page,
  type UpdateWebhookEndpointRequest,
  type WebhookAttemptView,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
  type WebhookEventBody,
  type WebhookEventType,
} from '@cabinet/shared-types';
import type { Clock } from '../../../platform/clock';
import { AppError } from '../../../platform/errors';
import { decodeCursor, toPage } from '../../../platform/pagination';
import type { AuditService } from '../../audit';
import type { NotificationsService } from '../../notifications';
import type { WebhookSender } from './sender';
import { newWebhookSecret, webhookHeaders } from './signing';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** The first retry comes after a minute; each next one waits three times longer; the last try is at 24 h. */
const FIRST_RETRY_MS = 60_000;
const BACKOFF_FACTOR = 3;
/** A claimed delivery is someone's for this long; a node that died meanwhile loses it to another. */
const LEASE_MS = 2 * 60_000;
const BATCH = 25;

/** What other modules are given to announce events (`publish` inside their own transaction). */
export type EventPublisher = Pick<WebhooksService, 'publish'>;

/** Who changes an endpoint, for the audit log. */
export type WebhookActor = { kind: 'staff'; customerId: string } | { kind: 'integrator'; apiKeyId: string };

interface EndpointRow {
  id: string;
  partner_id: string;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  status: 'active' | 'disabled';
  disabled_reason: 'failing' | 'manual' | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
  created_at: Date;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  type: WebhookEventType;
  payload: WebhookEventBody;
  status: WebhookDeliveryView['status'];
  attempts: number;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  created_at: Date;
  event_at: Date;
}

/** When the next try of a delivery made at `createdAt` is due after `attempts` tries, or null: give up. */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date): Date | null {
  const end = createdAt.getTime() + IntegrationLimits.webhookRetryHours * HOUR;
  if (now.getTime() >= end) return null;
  const wait = FIRST_RETRY_MS * BACKOFF_FACTOR ** Math.max(0, attempts - 1);
  return new Date(Math.min(now.getTime() + wait, end));
}

/**
 * Webhooks to partners. `publish` writes the event and one delivery per subscribed endpoint in the
 * caller's transaction (an outbox: nothing is sent for a change that rolled back). The delivery job takes
 * due deliveries (a lease, so several nodes share the work), signs and posts them (Standard Webhooks), and
 * retries with exponential backoff for 24 hours by the clock. An endpoint whose every try failed for 3 days
 * is disabled and its partner told by e-mail.
 */
export class WebhooksService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: {
      audit: AuditService;
      notifications: NotificationsService;
      sender: WebhookSender;
      /** Allow `http://` receivers (dev and tests); production wants https. */
      allowHttp: boolean;
      /** Receivers may be on private addresses (outside production). */
      allowPrivateAddresses?: boolean;
    },
  ) {}

  /**
   * Announces an event to every endpoint that subscribed to its type. Call it inside the transaction that
   * makes the change: the event is sent only if that transaction commits. One statement; nothing is written
   * when no endpoint listens.
   */
  private readonly watched = new Map<WebhookEventType, { until: number; yes: boolean }>();

  /**
   * Whether any active endpoint listens for this event type — for hot paths that would otherwise skip a
   * transaction (a till's one-statement receipt). Kept 10 s per node; a new subscription counts within that.
   */
  async subscribed(type: WebhookEventType): Promise<boolean> {
    const now = this.clock.now().getTime();
    const known = this.watched.get(type);
    if (known && known.until > now) return known.yes;
    const [row] = await this.ds.query(`SELECT 1 FROM webhook_endpoints WHERE status = 'active' AND events @> ARRAY[$1::text] LIMIT 1`, [type]);
    this.watched.set(type, { until: now + 10_000, yes: !!row });
    return !!row;
  }

  async publish(em: EntityManager, type: WebhookEventType, data: Record<string, unknown>): Promise<string | null> {
    const now = this.clock.now();
    const id = `msg_${randomUUID().replace(/-/g, '')}`;
    const body: WebhookEventBody = { type, timestamp: now.toISOString(), data };
    const rows: { id: string }[] = await em.query(
      `WITH targets AS (
         SELECT id FROM webhook_endpoints WHERE status = 'active' AND events @> ARRAY[$2::text]
       ), ev AS (
         INSERT INTO webhook_events (id, type, payload, created_at) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM targets) RETURNING id
       )
       INSERT INTO webhook_deliveries (event_id, endpoint_id, status, next_attempt_at, created_at)
       SELECT ev.id, t.id, 'pending', $4, $4 FROM ev, targets t RETURNING event_id AS id`,
      [id, type, JSON.stringify(body), now],
    );
    return rows.length ? id : null;
  }

  // --- endpoints ---------------------------------------------------------------------------------------

  async list(partnerId: string | null): Promise<WebhookEndpointView[]> {
    const rows: EndpointRow[] = await this.ds.query(
      `SELECT * FROM webhook_endpoints ${partnerId ? 'WHERE partner_id = $1' : ''} ORDER BY created_at, id`,
      partnerId ? [partnerId] : [],
    );
    return rows.map(toEndpointView);
  }

  async get(partnerId: string | null, id: string): Promise<WebhookEndpointView> {
    return toEndpointView(await this.endpoint(this.ds.manager, partnerId, id));
  }

  async create(partnerId: string, input: CreateWebhookEndpointRequest, actor: WebhookActor): Promise<WebhookEndpointWithSecret> {
    const url = this.checkUrl(input.url);
    const events = checkEvents(input.events);
    return this.changed(() => this.ds.transaction(async (em) => {
      const [p] = await em.query('SELECT status, (SELECT count(*)::int FROM webhook_endpoints WHERE partner_id = $1) AS n FROM partners WHERE id = $1 FOR UPDATE', [partnerId]);
      if (!p) throw AppError.notFound('The partner');
      if (p.n >= IntegrationLimits.maxWebhookEndpointsPerPartner) {
        throw new AppError('limit_reached', 409, `A partner may have at most ${IntegrationLimits.maxWebhookEndpointsPerPartner} endpoints.`);
      }
      const now = this.clock.now();
      const [row] = await em.query(
        `INSERT INTO webhook_endpoints (partner_id, url, description, events, secret, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
        [partnerId, url, input.description?.trim() || null, events, newWebhookSecret(), now],
      );
      await this.audit(em, actor, 'webhook_endpoint_created', { partnerId, endpointId: row.id, url, events });
      return { ...toEndpointView(row), secret: row.secret };
    }));
  }

  async update(partnerId: string | null, id: string, input: UpdateWebhookEndpointRequest, actor: WebhookActor): Promise<WebhookEndpointView> {
    const url = input.url !== undefined ? this.checkUrl(input.url) : null;
    const events = input.events !== undefined ? checkEvents(input.events) : null;
    return this.changed(() => this.ds.transaction(async (em) => {
      const e = await this.endpoint(em, partnerId, id, true);
      const status = input.status ?? e.status;
      const reenabled = e.status === 'disabled' && status === 'active';
      const row = await updated<EndpointRow>(
        em,
        `UPDATE webhook_endpoints SET url = coalesce($2, url), events = coalesce($3::text[], events), description = CASE WHEN $4::boolean THEN $5 ELSE description END,
           status = $6::varchar, disabled_reason = CASE WHEN $6::varchar = 'active' THEN NULL WHEN status = 'active' THEN 'manual' ELSE disabled_reason END,
           failing_since = CASE WHEN $7::boolean THEN NULL ELSE failing_since END, updated_at = $8
         WHERE id = $1 RETURNING *`,
        [id, url, events, input.description !== undefined, input.description?.trim() || null, status, reenabled, this.clock.now()],
      );
      await this.audit(em, actor, 'webhook_endpoint_updated', { partnerId: e.partner_id, endpointId: id, changes: input });
      return toEndpointView(row);
    }));
  }

  async remove(partnerId: string | null, id: string, actor: WebhookActor): Promise<void> {
    await this.changed(() => this.ds.transaction(async (em) => {
      const e = await this.endpoint(em, partnerId, id, true);
      await em.query('DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = $1)', [id]);
      await em.query('DELETE FROM webhook_deliveries WHERE endpoint_id = $1', [id]);
      await em.query('DELETE FROM webhook_endpoints WHERE id = $1', [id]);
      await this.audit(em, actor, 'webhook_endpoint_deleted', { partnerId: e.partner_id, endpointId: id, url: e.url });
    }));
  }

  /** Runs a change of who listens for what, then forgets this node's `subscribed` answers (after the commit). */
  private async changed<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      this.watched.clear();
    }
  }

  /** A new secret, shown once; the previous one keeps signing beside it for 24 hours. */
  async rotateSecret(partnerId: string | null, id: string, actor: WebhookActor): Promise<WebhookEndpointWithSecret> {
    return this.ds.transaction(async (em) => {
      const e = await this.endpoint(em, partnerId, id, true);
      const now = this.clock.now();
      const row = await updated<EndpointRow>(
        em,
        `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = $2, secret = $3, updated_at = $4 WHERE id = $1 RETURNING *`,
        [id, new Date(now.getTime() + IntegrationLimits.webhookSecretOverlapHours * HOUR), newWebhookSecret(), now],
      );
      await this.audit(em, actor, 'webhook_secret_rotated', { partnerId: e.partner_id, endpointId: id });
      return { ...toEndpointView(row), secret: row.secret };
    });
  }

  /** The endpoint's delivery log, newest first, each with its last few attempts. */
  async deliveries(partnerId: string | null, endpointId: string, q: { limit: number; cursor?: string; status?: WebhookDeliveryView['status'] }): Promise<Page<WebhookDeliveryView>> {
    await this.endpoint(this.ds.manager, partnerId, endpointId);
    const after = decodeCursor(q.cursor);
    const params: unknown[] = [endpointId, q.limit + 1];
    let where = 'd.endpoint_id = $1';
    if (q.status) {
      params.push(q.status);
      where += ` AND d.status = $${params.length}`;
    }
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (d.created_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    const rows: DeliveryRow[] = await this.ds.query(`${DELIVERY_SELECT} WHERE ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT $2`, params);
    const attempts = await this.attemptsOf(rows.slice(0, q.limit).map((r) => r.id), 5);
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) => toDeliveryView(r, attempts.get(r.id) ?? []));
  }

  /** Sends a delivery again now (a person asked), whatever its state; the same `webhook-id`. */
  async redeliver(partnerId: string | null, endpointId: string, deliveryId: string, actor: WebhookActor): Promise<WebhookDeliveryView> {
    const e = await this.endpoint(this.ds.manager, partnerId, endpointId);
    const [d]: DeliveryRow[] = await this.ds.query(`${DELIVERY_SELECT} WHERE d.id = $1 AND d.endpoint_id = $2`, [deliveryId, endpointId]);
    if (!d) throw AppError.notFound('The delivery');
    await this.attempt(e, d, true);
    await this.ds.transaction((em) => this.audit(em, actor, 'webhook_redelivered', { partnerId: e.partner_id, endpointId, deliveryId }));
    const [after]: DeliveryRow[] = await this.ds.query(`${DELIVERY_SELECT} WHERE d.id = $1`, [deliveryId]);
    return toDeliveryView(after, (await this.attemptsOf([deliveryId], 20)).get(deliveryId) ?? []);
  }

  // --- delivery ----------------------------------------------------------------------------------------

  /** The job: sends what is due. Safe on several nodes (each takes a lease on what it sends). */
  async deliverDue(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (let round = 0; round < 20; round++) {
      const now = this.clock.now();
      const [claimed]: [{ id: string }[], number] = await this.ds.query(
        `UPDATE webhook_deliveries SET next_attempt_at = $2
          WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [now, new Date(now.getTime() + LEASE_MS), BATCH],
      );
      if (!claimed.length) break;
      const rows: (DeliveryRow & { e: EndpointRow })[] = await this.ds.query(
        `${DELIVERY_SELECT.replace('SELECT', 'SELECT row_to_json(e.*) AS e,')} JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = ANY($1::uuid[])`,
        [claimed.map((c) => c.id)],
      );
      // Endpoints in parallel; one endpoint's deliveries one after another, oldest first.
      const byEndpoint = new Map<string, (DeliveryRow & { e: EndpointRow })[]>();
      for (const r of rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime())) byEndpoint.set(r.endpoint_id, [...(byEndpoint.get(r.endpoint_id) ?? []), r]);
      await Promise.all(
        [...byEndpoint.values()].map(async (list) => {
          for (const r of list) {
            if (await this.attempt(reviveEndpoint(r.e), r, false)) sent++;
            else failed++;
          }
        }),
      );
    }
    return { sent, failed };
  }

  /** One try: sign, post, record; on failure plan the next try, or give up, and maybe disable the endpoint. */
  private async attempt(e: EndpointRow, d: DeliveryRow, manual: boolean): Promise<boolean> {
    if (!manual) {
      // What was claimed may be stale: an earlier delivery of this batch may have disabled the endpoint.
      const [now]: { endpoint: string; delivery: string }[] = await this.ds.query(
        'SELECT e.status AS endpoint, d.status AS delivery FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = $1',
        [d.id],
      );
      if (!now || now.delivery !== 'pending') return false;
      if (now.endpoint !== 'active') {
        await this.ds.query(`UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE id = $1 AND status = 'pending'`, [d.id]);
        return false;
      }
    }
    const now = this.clock.now();
    const body = JSON.stringify(d.payload);
    const secrets = [e.secret, ...(e.previous_secret && e.previous_secret_expires_at && e.previous_secret_expires_at > now ? [e.previous_secret] : [])];
    const res = await this.deps.sender(e.url, webhookHeaders(secrets, d.event_id, Math.floor(now.getTime() / 1000), body), body);
    const ok = res.status !== null && res.status >= 200 && res.status < 300;
    const mail: string[] = [];
    await this.ds.transaction(async (em) => {
      // The endpoint first: its failure clock is shared by its deliveries (and a manual try may run beside the job).
      const [ep]: EndpointRow[] = await em.query('SELECT * FROM webhook_endpoints WHERE id = $1 FOR UPDATE', [e.id]);
      await em.query('INSERT INTO webhook_attempts (delivery_id, at, status_code, duration_ms, error, manual) VALUES ($1, $2, $3, $4, $5, $6)', [
        d.id,
        now,
        res.status,
        res.durationMs,
        res.error,
        manual,
      ]);
      const attempts = d.attempts + 1;
      let status = d.status;
      let next = d.next_attempt_at;
      if (ok) {
        status = 'succeeded';
        next = null;
      } else if (!manual) {
        // A person's extra try does not move the schedule; a scheduled one plans the next or gives up.
        next = nextAttemptAt(d.created_at, attempts, now);
        status = next ? 'pending' : 'failed';
      }
      await em.query(
        `UPDATE webhook_deliveries SET attempts = $2, status = $3, next_attempt_at = $4, last_attempt_at = $5, last_status_code = $6 WHERE id = $1`,
        [d.id, attempts, status, status === 'pending' ? next : null, now, res.status],
      );
      if (!ep) return;
      if (ok) {
        if (ep.failing_since) await em.query('UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1', [e.id]);
        return;
      }
      const since = ep.failing_since ?? now;
      if (!ep.failing_since) await em.query('UPDATE webhook_endpoints SET failing_since = $2 WHERE id = $1', [e.id, now]);
      if (ep.status === 'active' && now.getTime() - since.getTime() >= IntegrationLimits.webhookDisableAfterDays * DAY) {
        mail.push(...(await this.disableFailing(em, ep, since, now)));
      }
    });
    if (mail.length) await this.deps.notifications.deliver(mail);
    return ok;
  }

  private async disableFailing(em: EntityManager, ep: EndpointRow, since: Date, now: Date): Promise<string[]> {
    await em.query(`UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'failing', updated_at = $2 WHERE id = $1`, [ep.id, now]);
    await em.query(`UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE endpoint_id = $1 AND status = 'pending'`, [ep.id]);
    await this.deps.audit.record(em, { action: 'webhook_endpoint_disabled', customerId: null, actorId: null, details: { partnerId: ep.partner_id, endpointId: ep.id, failingSince: since.toISOString() } });
    const [p] = await em.query('SELECT name, contact_email FROM partners WHERE id = $1', [ep.partner_id]);
    if (!p) return [];
    const id = await this.deps.notifications.enqueue(em, {
      channel: 'email',
      to: p.contact_email,
      subject: 'Вебхук отключён: адрес не отвечает 3 дня',
      body:
        `Здравствуйте, ${p.name}!\n\nМы отключили отправку событий на ${ep.url}: с ${since.toISOString()} ни одна попытка не удалась ` +
        `(последняя — ${now.toISOString()}). События за это время не потеряны: их можно отправить повторно из журнала доставок.\n\n` +
        `Чтобы включить адрес снова, исправьте приёмник и включите его (PATCH /api/v1/integrations/webhooks/${ep.id} {"status":"active"}) или попросите об этом нашего администратора.\n\n` +
        `Webhook endpoint ${ep.url} was disabled after 3 days of failed deliveries.`,
    });
    return [id];
  }

  // --- inside ------------------------------------------------------------------------------------------

  private checkUrl(input: string): string {
    let url: URL;
    try {
      url = new URL(input.trim());
    } catch {
      throw new AppError('webhook_url_invalid', 400, 'url must be an absolute http(s) URL.', { errors: [{ field: 'url', code: 'isUrl', message: 'url must be an absolute URL' }] });
    }
    const okScheme = url.protocol === 'https:' || (this.deps.allowHttp && url.protocol === 'http:');
    if (!okScheme || url.username || url.password || url.hash) {
      throw new AppError('webhook_url_invalid', 400, this.deps.allowHttp ? 'url must be http(s), without credentials or a fragment.' : 'url must be https, without credentials or a fragment.', {
        errors: [{ field: 'url', code: 'isUrl', message: 'url must be an https URL' }],
      });
    }
    const literal = literalAddress(url);
    if (!this.deps.allowPrivateAddresses && (url.hostname === 'localhost' || url.hostname.endsWith('.localhost') || (literal && isPrivateAddress(literal)))) {
      throw new AppError('webhook_url_invalid', 400, 'url must point at a public address: loopback, private and link-local networks are refused.', {
        errors: [{ field: 'url', code: 'publicAddress', message: 'url must point at a public address' }],
      });
    }
    return url.toString();
  }

  private async endpoint(em: EntityManager, partnerId: string | null, id: string, lock = false): Promise<EndpointRow> {
    const [e] = await em.query(`SELECT * FROM webhook_endpoints WHERE id = $1 ${partnerId ? 'AND partner_id = $2' : ''} ${lock ? 'FOR UPDATE' : ''}`, partnerId ? [id, partnerId] : [id]);
    if (!e) throw AppError.notFound('The webhook endpoint');
    return e;
  }

  private async attemptsOf(ids: string[], per: number): Promise<Map<string, WebhookAttemptView[]>> {
    const out = new Map<string, WebhookAttemptView[]>();
    if (!ids.length) return out;
    const rows: { delivery_id: string; at: Date; status_code: number | null; duration_ms: number; error: string | null; manual: boolean }[] = await this.ds.query(
      `SELECT a.* FROM unnest($1::uuid[]) d(id) CROSS JOIN LATERAL (
         SELECT delivery_id, at, status_code, duration_ms, error, manual FROM webhook_attempts WHERE delivery_id = d.id ORDER BY at DESC, id DESC LIMIT $2
       ) a`,
      [ids, per],
    );
    for (const r of rows) {
      const list = out.get(r.delivery_id) ?? [];
      list.push({ at: r.at.toISOString(), statusCode: r.status_code, durationMs: r.duration_ms, error: r.error, manual: r.manual });
      out.set(r.delivery_id, list);
    }
    return out;
  }

  private audit(em: EntityManager, actor: WebhookActor, action: 'webhook_endpoint_created' | 'webhook_endpoint_updated' | 'webhook_endpoint_deleted' | 'webhook_secret_rotated' | 'webhook_redelivered', details: Record<string, unknown>) {
    return this.deps.audit.record(em, {
      action,
      customerId: null,
      actorId: actor.kind === 'staff' ? actor.customerId : null,
      details: actor.kind === 'integrator' ? { ...details, apiKeyId: actor.apiKeyId } : details,
    });
  }
}

/** TypeORM answers an UPDATE … RETURNING with `[rows, count]`: the first row. */
async function updated<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T> {
  const [rows]: [T[], number] = await em.query(sql, params);
  return rows[0];
}

const DELIVERY_SELECT = `SELECT d.id, d.endpoint_id, d.event_id, ev.type, ev.payload, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status_code,
  d.created_at, ev.created_at AS event_at FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id`;

function checkEvents(events: string[]): WebhookEventType[] {
  const bad = events.findIndex((e) => !(WebhookEventTypes as readonly string[]).includes(e));
  if (bad >= 0) throw AppError.validation([{ field: `events.${bad}`, code: 'isIn', message: `events must be some of: ${WebhookEventTypes.join(', ')}` }]);
  if (!events.length) throw AppError.validation([{ field: 'events', code: 'arrayMinSize', message: 'choose at least one event' }]);
  return [...new Set(events)] as WebhookEventType[];
}

/** `row_to_json` gives times as strings. */
function reviveEndpoint(e: EndpointRow): EndpointRow {
  const d = (v: unknown) => (v ? new Date(v as string) : null);
  return { ...e, previous_secret_expires_at: d(e.previous_secret_expires_at), failing_since: d(e.failing_since), created_at: new Date(e.created_at) };
}

function toEndpointView(e: EndpointRow): WebhookEndpointView {
  return {
    id: e.id,
    partnerId: e.partner_id,
    url: e.url,
    description: e.description,
    events: e.events,
    status: e.status,
    disabledReason: e.disabled_reason,
    failingSince: e.failing_since?.toISOString() ?? null,
    previousSecretExpiresAt: e.previous_secret_expires_at?.toISOString() ?? null,
    createdAt: e.created_at.toISOString(),
  };
}

function toDeliveryView(d: DeliveryRow, attempts: WebhookAttemptView[]): WebhookDeliveryView {
  return {
    id: d.id,
    endpointId: d.endpoint_id,
    eventId: d.event_id,
    eventType: d.type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.next_attempt_at?.toISOString() ?? null,
    lastAttemptAt: d.last_attempt_at?.toISOString() ?? null,
    lastStatusCode: d.last_status_code,
    createdAt: d.created_at.toISOString(),
    payload: d.payload,
    attemptLog: attempts,
  };
}
