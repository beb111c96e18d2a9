import { TransportError, type OutgoingMessage, type SmsTransport } from './transports';

export interface SmsGatewayOptions {
  /** The gateway's base URL; messages go to `POST {url}/messages`. */
  url: string;
  /** Sent as `Authorization: Bearer <key>`. */
  key: string;
  /** The sender name registered with the gateway (alpha name). */
  sender: string;
  timeoutMs?: number;
}

/**
 * An HTTP SMS gateway (the common shape of Russian aggregators' REST APIs): `POST /messages` with
 * `{ to, text, sender, reference }`, bearer key. The outbox id goes as `reference`, so a gateway that
 * de-duplicates by it sends a retried message once.
 *
 * Answers: 2xx accepted; 429 and 5xx (and a broken connection or timeout) are worth another try later,
 * honouring `Retry-After`; any other 4xx (a bad number, a bad key, no money on the gateway account) is
 * a refusal that trying again cannot fix.
 */
export class HttpSmsGatewayTransport implements SmsTransport {
  readonly name = 'http-sms-gateway';

  constructor(private readonly opts: SmsGatewayOptions) {}

  async send(msg: OutgoingMessage): Promise<void> {
    let res: Response;
    try {
      res = await fetch(new URL('messages', this.opts.url.endsWith('/') ? this.opts.url : `${this.opts.url}/`), {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.opts.key}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ to: msg.to, text: msg.body, sender: this.opts.sender, reference: msg.id }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new TransportError(`SMS gateway unreachable: ${(err as Error).message}`, false);
    }
    if (res.ok) {
      await res.body?.cancel();
      return;
    }
    const detail = await errorText(res);
    const permanent = res.status !== 429 && res.status < 500;
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new TransportError(`SMS gateway ${res.status}: ${detail}`, permanent, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
}

async function errorText(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).slice(0, 500);
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } | string; message?: string };
    if (typeof body.error === 'object' && body.error) return [body.error.code, body.error.message].filter(Boolean).join(': ');
    return String(body.error ?? body.message ?? text);
  } catch {
    return text || res.statusText;
  }
}
