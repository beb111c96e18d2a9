import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { CustomerRole } from '@cabinet/shared-types';
import { AppError, toProblem } from './errors';
import { requestHash, type IdempotencyStore } from './idempotency';
import { validateInput, type ClassType } from './validation';

export type { ClassType };

/** Who may call a route. */
export type AuthMode = 'public' | 'customer' | 'staff' | 'integrator';

/** The signed-in person behind a request. */
export interface AuthContext {
  customerId: string;
  sessionId: string;
  role: CustomerRole;
}

/** The integrator behind an API-key request. */
export interface IntegratorContext {
  apiKeyId: string;
  name: string;
  scopes: string[];
  /** The partner the key belongs to (keys made by the CLI before partners existed have none). */
  partnerId?: string | null;
}

/** A route on its way out: answers carry `Deprecation` and `Sunset` headers, and OpenAPI marks it deprecated. */
export interface Deprecation {
  /** When it was deprecated (ISO-8601 date or time). */
  since: string;
  /** When it stops answering (ISO-8601 date or time). */
  sunset: string;
  /** What to use instead (a URL or a route), sent as `Link: <…>; rel="successor-version"`. */
  successor?: string;
}

export interface RouteContext<B, Q, P> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: P;
  /** Set on `customer` and `staff` routes. */
  auth: AuthContext;
  /** Set on `integrator` routes. */
  integrator: IntegratorContext;
}

export type SchemaRef = ClassType | { schema: Record<string, unknown> };

export interface RouteSpec<B = unknown, Q = unknown, P = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path below `/api/v1`, e.g. `/me/sessions/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: AuthMode;
  /** `integrator` routes: the API-key scopes required. */
  scopes?: string[];
  /** Reachable while the customer must change an issued password. */
  allowWhenPasswordChangeRequired?: boolean;
  body?: ClassType<B>;
  /**
   * A hot path's own check of the body, used instead of the class-validator pass (`body` still
   * documents it). It must enforce the same rules and answer the same 400 problems.
   */
  parseBody?: (body: unknown) => B | Promise<B>;
  query?: ClassType<Q>;
  params?: ClassType<P>;
  /** Success status (200 by default; 204 sends no body). */
  status?: number;
  response?: SchemaRef;
  /**
   * A non-JSON request body (e.g. `application/octet-stream`), parsed before the JSON-only rule by a parser
   * app.ts mounts for this path; the handler reads `req.body` (a Buffer). Documented as a binary body.
   */
  consumes?: string;
  /** A non-JSON success body (e.g. `text/csv`); the handler writes it to `res` itself. */
  produces?: string;
  /** The response is a cursor page of this item type. */
  page?: ClassType;
  /** Problem statuses worth documenting besides the generic ones. */
  errors?: number[];
  /**
   * Creates or moves something: honours an `Idempotency-Key` header (first response replayed for 24 h,
   * errors included; the same key with other parameters → 409 `idempotency_key_reused`). `'required'`:
   * a request without the header is refused (400 `idempotency_key_required`) — for moving money.
   */
  idempotent?: boolean | 'required';
  /** Run before validation (rate limits). */
  middleware?: RequestHandler[];
  /** Deprecated: `Deprecation` (RFC 9745) and `Sunset` (RFC 8594) headers on every answer; `deprecated` in OpenAPI. */
  deprecated?: Deprecation;
  /** Examples for the reference (OpenAPI `example` of the request body and of the success response). */
  examples?: { body?: unknown; response?: unknown };
  handler(ctx: RouteContext<B, Q, P>): Promise<unknown> | unknown;
}

/** A typed identity for route declarations: `route({...})`. */
export function route<B = unknown, Q = unknown, P = unknown>(spec: RouteSpec<B, Q, P>): RouteSpec<B, Q, P> {
  return spec;
}

export type Authenticator = (req: Request, spec: RouteSpec, res: Response) => Promise<{ auth?: AuthContext; integrator?: IntegratorContext } | null>;

/**
 * Registers the route table on an Express router. The same table produces the OpenAPI document
 * (see openapi.ts), so what is served, validated and documented cannot drift.
 */
export function registerRoutes(router: Router, routes: RouteSpec[], authenticate: Authenticator, idempotency?: IdempotencyStore): void {
  // One router per first path segment (`/accounts/…`, `/backoffice/…`), picked from a map: a request is matched
  // against its own group's routes, not against the whole table in turn (≈ 280 patterns tried one by one: measured
  // in-process, 6 µs a request saved for /accounts near the table's start, 25 µs for /backoffice near its end).
  // Groups cannot overlap, as their first segments differ, so the order within each group is the table's order
  // and every answer is what one flat router gave (case-insensitive, a trailing slash allowed, as before).
  const groups = new Map<string, Router>();
  router.use((req, res, next) => {
    const path = req.path;
    const end = path.indexOf('/', 1);
    const group = groups.get((end === -1 ? path.slice(1) : path.slice(1, end)).toLowerCase());
    return group ? group(req, res, next) : next();
  });
  for (const spec of routes) {
    const first = /^\/([\w.-]+)(?=\/|$)/.exec(spec.path)?.[1]?.toLowerCase();
    if (!first) throw new Error(`Route ${spec.method.toUpperCase()} ${spec.path}: the path must begin with a fixed segment`);
    let group = groups.get(first);
    if (!group) groups.set(first, (group = express.Router()));
    const deprecation = spec.deprecated ? deprecationHeaders(spec.deprecated) : null;
    const handler: RequestHandler = async (req, res) => {
      if (deprecation) for (const [k, v] of deprecation) res.setHeader(k, v);
      const who = await authenticate(req, spec, res);
      const params = spec.params ? await validateInput(spec.params as ClassType<object>, req.params, 'params') : req.params;
      const query = spec.query ? await validateInput(spec.query as ClassType<object>, { ...req.query }, 'query') : {};
      const body = spec.parseBody ? await spec.parseBody(req.body) : spec.body ? await validateInput(spec.body as ClassType<object>, req.body, 'body') : undefined;
      const run = async (): Promise<{ status: number; body: unknown; replayed?: boolean }> => {
        const result = await spec.handler({ req, res, body, query, params, auth: who?.auth as AuthContext, integrator: who?.integrator as IntegratorContext });
        const status = spec.status ?? 200;
        return status === 204 || result === undefined ? { status: status === 200 ? 204 : status, body: undefined } : { status, body: result };
      };
      const key = req.get('idempotency-key');
      if (spec.idempotent === 'required' && key === undefined) {
        throw new AppError('idempotency_key_required', 400, 'Send an Idempotency-Key header (a UUID per attempt): a retry with the same key will not pay twice.');
      }
      const out: { status: number; body: unknown; replayed?: boolean } = spec.idempotent && key !== undefined && idempotency ? await withIdempotency(idempotency, spec, req, who, key, run) : await run();
      if (res.headersSent) return;
      if (out.replayed) res.setHeader('Idempotent-Replayed', 'true');
      if (out.body === undefined) res.status(out.status).end();
      else if (out.status >= 400) res.status(out.status).type('application/problem+json').send(JSON.stringify(out.body));
      else sendJson(res, out.status, out.body);
    };
    group[spec.method](spec.path, ...(spec.middleware ?? []), handler);
  }
}

/**
 * A JSON answer, written as Express's `res.json` would write it here (no ETag, no JSON settings), without what
 * `res.json` and `res.send` do around it on every call: looking the content type up and parsing it back to add the
 * charset, turning the text into a Buffer to count it, and asking whether a request without validators is fresh.
 * Node sends the text as it is, and leaves the body off a HEAD answer by itself.
 */
function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** `Deprecation: @<unix seconds>` (RFC 9745), `Sunset: <HTTP-date>` (RFC 8594), `Link` to the successor. */
export function deprecationHeaders(d: Deprecation): [string, string][] {
  const since = new Date(d.since);
  const sunset = new Date(d.sunset);
  if (Number.isNaN(since.getTime()) || Number.isNaN(sunset.getTime())) throw new Error(`Route deprecation: bad date in ${JSON.stringify(d)}`);
  const out: [string, string][] = [
    ['Deprecation', `@${Math.floor(since.getTime() / 1000)}`],
    ['Sunset', sunset.toUTCString()],
  ];
  if (d.successor) out.push(['Link', `<${d.successor}>; rel="successor-version"`]);
  return out;
}

/** Runs the handler once per key; a replay answers the stored response, errors included. */
async function withIdempotency(
  store: IdempotencyStore,
  spec: RouteSpec,
  req: Request,
  who: { auth?: AuthContext; integrator?: IntegratorContext } | null,
  key: string,
  run: () => Promise<{ status: number; body: unknown }>,
): Promise<{ status: number; body: unknown; replayed?: boolean }> {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw AppError.validation([{ field: 'Idempotency-Key', code: 'isIdempotencyKey', message: 'Idempotency-Key must be 1–255 visible ASCII characters' }]);
  }
  const scope = who?.auth ? `customer:${who.auth.customerId}` : who?.integrator ? `apikey:${who.integrator.apiKeyId}` : `ip:${req.ip}`;
  const route = `${spec.method.toUpperCase()} ${spec.path}`;
  const claim = await store.claim(scope, key, route, requestHash(spec.method, req.path, req.body));
  if (claim.state === 'mismatch') {
    throw new AppError('idempotency_key_reused', 409, 'This Idempotency-Key was used with other parameters; use a new key for a new request.');
  }
  if (claim.state === 'in_progress') throw new AppError('conflict', 409, 'A request with this Idempotency-Key is still being processed; retry later.');
  if (claim.state === 'replay') return { status: claim.status, body: claim.body ?? undefined, replayed: true };
  try {
    const out = await run();
    await store.complete(scope, key, out.status, out.body);
    return out;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      await store.complete(scope, key, err.status, toProblem(err, req.originalUrl.split('?')[0]));
    } else {
      await store.release(scope, key);
    }
    throw err;
  }
}
