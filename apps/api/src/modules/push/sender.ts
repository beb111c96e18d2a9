import webpush from 'web-push';

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushAnswer {
  /** The push service's HTTP status (0: no answer — network error or timeout). */
  status: number;
  retryAfterSeconds?: number;
  error?: string;
}

/** The push service call (RFC 8030 with VAPID, RFC 8292, and aes128gcm payload encryption, RFC 8291). */
export interface PushSender {
  send(target: PushTarget, payload: string, opts: { ttlSeconds: number; urgency: 'normal' | 'high' }): Promise<PushAnswer>;
}

/**
 * The real adapter: `web-push` encrypts the payload and signs the VAPID header; the request goes out with
 * fetch, so it reaches https push services and, outside production, a local stand-in on plain http.
 */
export class WebPushSender implements PushSender {
  constructor(private readonly vapid: { subject: string; publicKey: string; privateKey: string }, private readonly timeoutMs = 10_000) {}

  async send(target: PushTarget, payload: string, opts: { ttlSeconds: number; urgency: 'normal' | 'high' }): Promise<PushAnswer> {
    const details = webpush.generateRequestDetails(target, payload, {
      vapidDetails: this.vapid,
      TTL: opts.ttlSeconds,
      urgency: opts.urgency,
      contentEncoding: 'aes128gcm',
    });
    try {
      const res = await fetch(details.endpoint, {
        method: 'POST',
        headers: details.headers,
        body: details.body ?? undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      const retry = Number(res.headers.get('retry-after'));
      const text = res.ok ? '' : (await res.text().catch(() => '')).slice(0, 300);
      return { status: res.status, ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : {}), ...(text ? { error: text } : {}) };
    } catch (err) {
      return { status: 0, error: String(err).slice(0, 300) };
    }
  }
}
