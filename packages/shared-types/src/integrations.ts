import type { TokenResponse } from './auth';

// ---- Integrator platform (issue 9): partners, API keys, call log, webhooks -------------------------

/** What an API key may do. A route names the scopes it needs; a key without one gets 403. */
export const ApiKeyScopes = ['usage:write', 'bonus:purchases', 'bonus:read', 'payments:read', 'customers:read', 'webhooks:manage', 'lines:read'] as const;
export type ApiKeyScope = (typeof ApiKeyScopes)[number];

export const PartnerStatuses = ['active', 'suspended'] as const;
export type PartnerStatus = (typeof PartnerStatuses)[number];

export const IntegrationLimits = {
  /** Requests per minute of a key unless an admin sets another figure. */
  defaultRateLimitPerMinute: 6000,
  maxRateLimitPerMinute: 100_000,
  /** Rotation: the old key keeps working this long at most (hours). */
  maxRotationOverlapHours: 7 * 24,
  defaultRotationOverlapHours: 24,
  maxIpAllowlist: 20,
  /** Webhooks: retries with backoff for this long after the event. */
  webhookRetryHours: 24,
  /** An endpoint failing this long is disabled and its partner told by e-mail. */
  webhookDisableAfterDays: 3,
  /** Secret rotation: the previous secret also signs for this long (hours). */
  webhookSecretOverlapHours: 24,
  maxWebhookEndpointsPerPartner: 10,
} as const;

export interface PartnerView {
  id: string;
  name: string;
  contactEmail: string;
  description: string | null;
  status: PartnerStatus;
  /** Keys that are neither revoked nor expired. */
  activeKeys: number;
  createdAt: string;
}

/** POST /backoffice/partners */
export interface CreatePartnerRequest {
  name: string;
  contactEmail: string;
  description?: string | null;
}

/** PATCH /backoffice/partners/:id */
export interface UpdatePartnerRequest {
  name?: string;
  contactEmail?: string;
  description?: string | null;
  status?: PartnerStatus;
}

export type ApiKeyState = 'active' | 'expiring' | 'expired' | 'revoked';

export interface ApiKeyView {
  id: string;
  partnerId: string | null;
  name: string;
  /** The visible part of the key: `cab_<prefix>_…`. The secret is shown only once, at creation. */
  prefix: string;
  scopes: ApiKeyScope[];
  /** CIDR blocks the key may be used from; empty = anywhere. */
  ipAllowlist: string[];
  rateLimitPerMinute: number;
  /** `expiring`: a rotated key in its overlap window, or one with an expiry in the next 7 days. */
  state: ApiKeyState;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** The key this one replaced (rotation), and the key that replaced this one. */
  rotatedFromId: string | null;
  replacedById: string | null;
  createdAt: string;
}

/** The only answer that carries the whole key. */
export interface CreatedApiKey extends ApiKeyView {
  /** `cab_<prefix>_<secret>`: send it as `Authorization: Bearer <key>`. Shown once; only its hash is kept. */
  key: string;
}

/** POST /backoffice/partners/:id/api-keys */
export interface CreateApiKeyRequest {
  name: string;
  scopes: ApiKeyScope[];
  ipAllowlist?: string[];
  /** ISO-8601; null or absent = no expiry. */
  expiresAt?: string | null;
  rateLimitPerMinute?: number;
}

/** PATCH /backoffice/api-keys/:id */
export interface UpdateApiKeyRequest {
  name?: string;
  scopes?: ApiKeyScope[];
  ipAllowlist?: string[];
  expiresAt?: string | null;
  rateLimitPerMinute?: number;
}

/** POST /backoffice/api-keys/:id/rotate */
export interface RotateApiKeyRequest {
  /** How long the old key keeps working (0 = stops at once). Default 24. */
  overlapHours?: number;
}

export interface RotatedApiKey {
  /** The new key, shown once. */
  created: CreatedApiKey;
  /** The old key, now expiring at the end of the overlap. */
  previous: ApiKeyView;
}

/** One call made with a key (the per-key call log). */
export interface ApiKeyCallView {
  at: string;
  method: string;
  /** The route template, e.g. `/integrations/usage`. */
  route: string;
  status: number;
  latencyMs: number;
  ip: string | null;
}

/** Usage of a key per day and route. */
export interface ApiKeyUsageRow {
  day: string;
  route: string;
  calls: number;
  /** Answers with status 4xx or 5xx. */
  errors: number;
  avgLatencyMs: number;
}

export interface ApiKeyUsageView {
  keyId: string;
  from: string;
  to: string;
  totalCalls: number;
  totalErrors: number;
  rows: ApiKeyUsageRow[];
}

/** Events an endpoint can subscribe to. The first three are sent now; the rest as their modules publish them. */
export const WebhookEventTypes = [
  'payment.succeeded',
  'payment.canceled',
  'account.blocked',
  'loan.status_changed',
  'application.status_changed',
  'bonus.accrued',
] as const;
export type WebhookEventType = (typeof WebhookEventTypes)[number];

export type WebhookEndpointStatus = 'active' | 'disabled';

export interface WebhookEndpointView {
  id: string;
  partnerId: string;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  status: WebhookEndpointStatus;
  /** `failing`: disabled after 3 days of failures; `manual`: turned off by a person. */
  disabledReason: 'failing' | 'manual' | null;
  /** Since when every attempt has failed (null while deliveries succeed). */
  failingSince: string | null;
  /** Until when the previous secret still signs too (after a rotation). */
  previousSecretExpiresAt: string | null;
  createdAt: string;
}

/** Creation and secret rotation are the only answers that carry the signing secret. */
export interface WebhookEndpointWithSecret extends WebhookEndpointView {
  /** `whsec_<base64>`: verify `webhook-signature` with it (Standard Webhooks). */
  secret: string;
}

/** POST …/webhooks/endpoints */
export interface CreateWebhookEndpointRequest {
  url: string;
  events: WebhookEventType[];
  description?: string | null;
}

/** PATCH …/webhooks/endpoints/:id */
export interface UpdateWebhookEndpointRequest {
  url?: string;
  events?: WebhookEventType[];
  description?: string | null;
  /** `active` re-enables a disabled endpoint (its failure clock starts afresh). */
  status?: WebhookEndpointStatus;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookAttemptView {
  at: string;
  /** The receiver's HTTP status; null when none came (timeout, refused connection). */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  manual: boolean;
}

/** One event on its way to one endpoint (the per-endpoint delivery log). */
export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  /** The `webhook-id` header: the same on every retry, so receivers can drop duplicates. */
  eventId: string;
  eventType: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  createdAt: string;
  /** The event as sent (the JSON body). */
  payload: WebhookEventBody;
  /** Newest first; in lists only the last few. */
  attemptLog: WebhookAttemptView[];
}

/** The body every webhook carries. */
export interface WebhookEventBody {
  type: WebhookEventType;
  /** ISO-8601 time of the event. */
  timestamp: string;
  data: Record<string, unknown>;
}

// ---- Gosuslugi (ESIA) sign-in through OpenID Connect -------------------------------------------------

/** GET /auth/esia/config — whether the button is shown. */
export interface EsiaConfigResponse {
  enabled: boolean;
  /** The local stand-in plays Gosuslugi (dev and tests): its test persons are listed in README. */
  standIn: boolean;
}

/** Where the callback sends the browser: `/login/gosuslugi?…` with one of these outcomes when no session was started. */
export const EsiaOutcomes = ['link_required', 'unconfirmed', 'failed', 'canceled', 'expired', 'already_linked'] as const;
export type EsiaOutcome = (typeof EsiaOutcomes)[number];

/** GET /auth/esia/link/:ticket — an existing customer has the Gosuslugi phone: confirm before linking. */
export interface EsiaLinkTicketView {
  /** Masked, e.g. `+7 921 ***-**-01`. */
  phone: string;
  /** From Gosuslugi, e.g. `Пётр С.`. */
  displayName: string;
  /** Ways to confirm: the customer's password, or a code sent by SMS to that phone. */
  methods: ('password' | 'sms')[];
  expiresAt: string;
  /** Where to go once signed in (a path of this site). */
  next: string;
}

/** POST /auth/esia/link — confirm the link with the password or the SMS code. */
export interface EsiaLinkConfirmRequest {
  ticket: string;
  password?: string;
  code?: string;
}

export type EsiaLinkConfirmResponse = TokenResponse;

/** POST /auth/esia/link/sms */
export interface EsiaLinkSmsRequest {
  ticket: string;
}

export interface EsiaLinkSmsResponse {
  resendAfter: number;
  codeTtl: number;
}

/** Data Gosuslugi confirmed, kept with the link (the loan wizard may prefill from it). */
export interface VerifiedPersonView {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
  phone: string | null;
  passport: { series: string; number: string; issuedAt: string | null; issuedBy: string | null } | null;
}

/** GET /me/identities — how this customer may sign in besides the password. */
export interface IdentityView {
  provider: 'esia';
  /** The Gosuslugi account's id (`sub`). */
  subject: string;
  linkedAt: string;
  verified: VerifiedPersonView;
}
