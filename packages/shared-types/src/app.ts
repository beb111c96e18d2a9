/** Installable app and help (issue 10), onboarding guide and speed test (issue 8). */

export const OfficeKinds = ['office', 'pickup'] as const;
export type OfficeKind = (typeof OfficeKinds)[number];

export const Weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof Weekdays)[number];

/** Opening hours of one weekday, local time of the office (`HH:MM`); null: closed that day. */
export interface OfficeHours {
  day: Weekday;
  opens: string | null;
  closes: string | null;
}

export interface OfficeView {
  id: string;
  code: string;
  kind: OfficeKind;
  name: string;
  city: string;
  address: string;
  latitude: number;
  longitude: number;
  phone: string | null;
  /** Seven entries, Monday first. */
  hours: OfficeHours[];
  /** SIM cards ordered in the cabinet can be collected here. */
  simPickup: boolean;
  /** "Open in maps" links (no map is embedded). */
  maps: { yandex: string; google: string };
}

export interface LegalDocumentView {
  code: string;
  version: string;
  title: string;
  body: string;
  effectiveFrom: string;
}

export interface LegalDocumentSummary {
  code: string;
  version: string;
  title: string;
  effectiveFrom: string;
}

/** A document with every version it had, newest first. */
export interface LegalDocumentHistory extends LegalDocumentView {
  versions: LegalDocumentSummary[];
}

export const HelpSections = ['home', 'accounts', 'payments', 'tariffs', 'loans', 'bonus', 'orders', 'profile', 'speedtest'] as const;
export type HelpSection = (typeof HelpSections)[number];

export interface HelpVideoView {
  id: string;
  section: HelpSection;
  title: string;
  url: string;
  durationSeconds: number;
}

export interface AboutView {
  name: string;
  version: string;
  /** The documents in force (their current versions). */
  documents: LegalDocumentSummary[];
  support: { phone: string; email: string };
}

/** Tips of the onboarding guide, one per section of the cabinet. */
export const GuideTips = ['home', 'accounts', 'payments', 'tariffs', 'loans', 'bonus', 'orders', 'profile'] as const;
export type GuideTip = (typeof GuideTips)[number];

export interface GuideStateView {
  /** Tips still to show (empty once every tip is dismissed or the guide is switched off). */
  pending: GuideTip[];
  dismissed: GuideTip[];
  /** When the customer chose "don't show tips"; null otherwise. */
  dismissedAllAt: string | null;
}

export interface DismissGuideRequest {
  /** One tip; or leave it out with `all: true` to dismiss the whole guide. */
  tip?: GuideTip;
  all?: boolean;
}

export const SpeedTestLimits = {
  /** Largest download a test may ask for. */
  maxDownloadBytes: 50 * 1024 * 1024,
  /** Largest upload body the API accepts (more: 413). */
  maxUploadBytes: 20 * 1024 * 1024,
  maxKbps: 10_000_000,
  maxLatencyMs: 60_000,
} as const;

export interface SpeedTestUploadView {
  id: string;
  bytes: number;
  /** The server's own time to receive the body. */
  durationMs: number;
  kbps: number;
}

export interface SpeedTestResultRequest {
  downloadKbps: number;
  uploadKbps: number;
  latencyMs: number;
  downloadBytes: number;
  uploadBytes: number;
  /** The upload the server measured during this test, if any (its figure is kept beside the browser's). */
  uploadId?: string;
}

export interface SpeedTestResultView {
  id: string;
  downloadKbps: number;
  uploadKbps: number;
  latencyMs: number;
  downloadBytes: number;
  uploadBytes: number;
  /** What the server measured for the upload, when the test named it. */
  serverUploadKbps: number | null;
  createdAt: string;
}

export const PushEvents = ['payment.succeeded', 'support.reply'] as const;
export type PushEvent = (typeof PushEvents)[number];

export interface PushConfigView {
  /** The VAPID application server key (base64url), for `pushManager.subscribe`; null: push is off. */
  publicKey: string | null;
  events: PushEvent[];
}

export interface PushSubscriptionRequest {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushSubscriptionView {
  id: string;
  endpoint: string;
  userAgent: string | null;
  createdAt: string;
  lastSuccessAt: string | null;
}

/** What the service worker receives and shows. */
export interface PushPayload {
  event: PushEvent;
  title: string;
  body: string;
  /** Where a click on the notification leads (a path of the cabinet). */
  url: string;
}
