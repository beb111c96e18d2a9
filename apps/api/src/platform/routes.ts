import type { Request, RequestHandler, Response, Router } from 'express';
import type { CustomerRole } from '@cabinet/shared-types';
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
  query?: ClassType<Q>;
  params?: ClassType<P>;
  /** Success status (200 by default; 204 sends no body). */
  status?: number;
  response?: SchemaRef;
  /** A non-JSON success body (e.g. `text/csv`); the handler writes it to `res` itself. */
  produces?: string;
  /** The response is a cursor page of this item type. */
  page?: ClassType;
  /** Problem statuses worth documenting besides the generic ones. */
  errors?: number[];
  /** Run before validation (rate limits). */
  middleware?: RequestHandler[];
  handler(ctx: RouteContext<B, Q, P>): Promise<unknown> | unknown;
}

/** A typed identity for route declarations: `route({...})`. */
export function route<B = unknown, Q = unknown, P = unknown>(spec: RouteSpec<B, Q, P>): RouteSpec<B, Q, P> {
  return spec;
}

export type Authenticator = (req: Request, spec: RouteSpec) => Promise<{ auth?: AuthContext; integrator?: IntegratorContext } | null>;

/**
 * Registers the route table on an Express router. The same table produces the OpenAPI document
 * (see openapi.ts), so what is served, validated and documented cannot drift.
 */
export function registerRoutes(router: Router, routes: RouteSpec[], authenticate: Authenticator): void {
  for (const spec of routes) {
    const handler: RequestHandler = async (req, res) => {
      const who = await authenticate(req, spec);
      const params = spec.params ? await validateInput(spec.params as ClassType<object>, req.params, 'params') : req.params;
      const query = spec.query ? await validateInput(spec.query as ClassType<object>, { ...req.query }, 'query') : {};
      const body = spec.body ? await validateInput(spec.body as ClassType<object>, req.body, 'body') : undefined;
      const result = await spec.handler({ req, res, body, query, params, auth: who?.auth as AuthContext, integrator: who?.integrator as IntegratorContext });
      if (res.headersSent) return;
      const status = spec.status ?? 200;
      if (status === 204 || result === undefined) res.status(status === 200 ? 204 : status).end();
      else res.status(status).json(result);
    };
    router[spec.method](spec.path, ...(spec.middleware ?? []), handler);
  }
}
