import { SESSION_HINT_COOKIE, type AuthConfigResponse, type CustomerView, type ErrorCode, type SessionView, type TokenResponse } from '@cabinet/shared-types';
import { vi } from 'vitest';
import { sessionStore } from '@/shared/session/session-store';

/**
 * A stand-in for the API at the network boundary: `fetch` is replaced, everything inside the
 * SPA (client, refresh, query cache, router) runs for real. Handlers are keyed by method and
 * path under /api/v1; `once` handlers are used first, in order.
 */
export interface FakeRequest {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Handler = (request: FakeRequest) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

export function problem(
  status: number,
  code: ErrorCode,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return json(status, { type: `https://cabinet.example/problems/${code}`, title: code, status, code, ...extra }, headers);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function token(accessToken = 'access-1', mustChangePassword = false): TokenResponse {
  return { accessToken, tokenType: 'Bearer', expiresIn: 900, mustChangePassword };
}

export const customer: CustomerView = {
  id: 'c-1',
  phone: '+79210000001',
  contractNumber: '100200300',
  surname: 'Иванов',
  name: 'Иван',
  patronymic: 'Иванович',
  birthDate: '1985-04-12',
  gender: 'male',
  email: 'ivanov@example.ru',
  status: 'active',
  role: 'subscriber',
  mustChangePassword: false,
  createdAt: '2026-01-10T09:00:00Z',
};

export const authConfig: AuthConfigResponse = {
  passwordResetRequiresSurname: false,
  idleTimeoutSeconds: 900,
  idleWarningSeconds: 60,
  passwordMinLength: 8,
};

export function session(overrides: Partial<SessionView> = {}): SessionView {
  return {
    id: 's-1',
    createdAt: '2026-11-20T08:00:00Z',
    lastSeenAt: new Date().toISOString(),
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
    ip: '192.0.2.10',
    current: true,
    ...overrides,
  };
}

export function createFakeApi() {
  const handlers = new Map<string, Handler>();
  const onceHandlers = new Map<string, Handler[]>();
  const calls: FakeRequest[] = [];
  const unhandled: string[] = [];

  const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

  const fetchStub = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://cabinet.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request: FakeRequest = { method, path, url, headers, body };
    calls.push(request);
    if (init.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const queue = onceHandlers.get(key(method, path));
    const handler = queue?.shift() ?? handlers.get(key(method, path));
    if (!handler) {
      unhandled.push(key(method, path));
      return problem(404, 'not_found');
    }
    return handler(request);
  });

  const api = {
    fetch: fetchStub,
    calls,
    unhandled,
    /** Answer every such request with this handler. */
    on(method: string, path: string, handler: Handler) {
      handlers.set(key(method, path), handler);
      return api;
    },
    /** Answer the next such request with this handler (before any `on`). */
    once(method: string, path: string, handler: Handler) {
      const list = onceHandlers.get(key(method, path)) ?? [];
      list.push(handler);
      onceHandlers.set(key(method, path), list);
      return api;
    },
    callsTo(method: string, path: string) {
      return calls.filter((call) => call.method === method.toUpperCase() && call.path === path);
    },
  };

  // What any page may ask on its own.
  api.on('GET', '/auth/config', () => json(200, authConfig));
  api.on('POST', '/auth/refresh', () => problem(401, 'refresh_token_invalid'));
  api.on('POST', '/auth/logout', () => noContent());

  vi.stubGlobal('fetch', fetchStub);
  return api;
}

export type FakeApi = ReturnType<typeof createFakeApi>;

/**
 * A page load with the API's session hint cookie (as after a sign-in): the session store starts `restoring` and the
 * app asks `POST /auth/refresh` once. Without it (the default) a page load starts signed out and asks nothing.
 */
export function withSessionCookie(): void {
  document.cookie = `${SESSION_HINT_COOKIE}=1; path=/`;
  sessionStore.reset();
}

/** A signed-in start: the start-up refresh succeeds and /me answers. */
export function signedIn(api: FakeApi, me: CustomerView = customer) {
  withSessionCookie();
  api.on('POST', '/auth/refresh', () => json(200, token('access-1')));
  api.on('GET', '/me', () => json(200, me));
  // The header's notification badge (issue 8).
  api.on('GET', '/me/notifications/unread-count', () => json(200, { count: 0 }));
  return api;
}
