import type { TokenResponse } from '@cabinet/shared-types';
import { activity } from '../session/activity';
import { sessionStore } from '../session/session-store';
import { ApiError, toApiError } from './api-error';

export const API_BASE = '/api/v1';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Send the bearer token and, on 401, refresh once and retry. Default true. */
  auth?: boolean;
  /** On 401 of an authenticated call, try one refresh before giving up. Default true. */
  refreshOn401?: boolean;
  /** A binary body (sent as `application/octet-stream`) instead of JSON `body`: the speed test's upload. */
  rawBody?: Blob;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  let url = `${API_BASE}${path}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    if (search) url += `?${search}`;
  }
  return url;
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.rawBody !== undefined) headers['Content-Type'] = 'application/octet-stream';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, null, null, error);
  }
}

async function readBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

let refreshInFlight: Promise<TokenResponse | null> | null = null;

/**
 * Tabs share the refresh cookie: a Web Lock lets one tab refresh at a time, so the next one
 * sends the already rotated cookie instead of reusing the old one (which would end the session).
 */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request('cabinet-refresh', task) as Promise<T>) : task();
}

/**
 * Exchange the refresh cookie for a new access token. Single-flight: every caller that asks
 * while a refresh is under way shares it, because the server rotates the cookie on each use
 * and treats a second use of the old one as theft (it revokes the whole session).
 * Resolves null when the server says there is no session (401/403); rejects on network or
 * server failure, which says nothing about the session.
 */
export function refreshSession(): Promise<TokenResponse | null> {
  refreshInFlight ??= acrossTabs(async () => {
    const response = await send('/auth/refresh', { method: 'POST' }, null);
    if (response.status === 401 || response.status === 403) return null;
    if (!response.ok) throw await toApiError(response);
    const token = await readBody<TokenResponse>(response);
    sessionStore.signIn(token);
    activity.apiCalled();
    return token;
  }).finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

/**
 * Sends an authenticated call and gives back the successful response: attaches the in-memory
 * token, refreshes once on 401 and retries; when that fails the session ends, and the route
 * guard sends the person to /login?next=<where they were>. A failure rejects with ApiError.
 */
async function authorizedFetch(path: string, options: RequestOptions): Promise<Response> {
  const auth = options.auth ?? true;
  const usedToken = auth ? sessionStore.getState().accessToken : null;
  let response = await send(path, options, usedToken);

  if (response.status === 401 && auth && (options.refreshOn401 ?? true)) {
    const current = sessionStore.getState().accessToken;
    // Another call may already have refreshed while this one was in flight.
    const token = current && current !== usedToken ? current : (await refreshSession())?.accessToken;
    if (!token) {
      const error = await toApiError(response);
      sessionStore.end('expired');
      throw error;
    }
    response = await send(path, options, token);
    if (response.status === 401) {
      const error = await toApiError(response);
      sessionStore.end('expired');
      throw error;
    }
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (error.code === 'password_change_required') sessionStore.requirePasswordChange();
    throw error;
  }
  if (auth) activity.apiCalled();
  return response;
}

/** The successful response itself, its body unread (the speed test times how the bytes arrive). */
export function apiResponse(path: string, options: RequestOptions = {}): Promise<Response> {
  return authorizedFetch(path, options);
}

/** The one way the SPA talks to the API: JSON in, JSON (or nothing, on 204) out. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return readBody<T>(await authorizedFetch(path, options));
}

export interface Download {
  blob: Blob;
  /** From `Content-Disposition` (RFC 6266 `filename*` first), or `fallbackName`. */
  fileName: string;
}

/** The file name a `Content-Disposition` header gives, if any. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;\s]+)/.exec(disposition);
  return plain ? (plain[2] ?? plain[1] ?? null) : null;
}

/**
 * A file the API makes (a CSV, a PDF), fetched with the bearer token like any call — a plain link
 * could not carry it — and handed back as a Blob with its file name.
 */
export async function apiDownload(path: string, options: RequestOptions & { fallbackName: string }): Promise<Download> {
  const response = await authorizedFetch(path, { ...options, headers: { Accept: '*/*', ...options.headers } });
  const blob = await response.blob();
  return { blob, fileName: fileNameOf(response.headers.get('content-disposition')) ?? options.fallbackName };
}
