import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece: { decrypt(buffer: Buffer, params: Record<string, unknown>): Buffer } = require('http_ece');

export interface PushedMessage {
  path: string;
  headers: IncomingHttpHeaders;
  /** The payload as the browser would decrypt it (null if it could not be). */
  payload: unknown;
  /** The VAPID JWT's claims, when its ES256 signature checks out against the `k=` key. */
  vapid: { aud: string; sub: string; exp: number; publicKey: string } | null;
}

/** A browser's side of a subscription: the keys the push service's messages are encrypted to. */
export interface FakeBrowser {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ECDH;
  auth: Buffer;
}

/**
 * A local stand-in for a push service (RFC 8030): it takes POSTs to /push/<id>, answers with the
 * statuses it is told to (201 by default), and decrypts what it got with the "browser's" keys so a
 * test reads the payload a service worker would show.
 */
export class PushServiceStandIn {
  readonly received: PushedMessage[] = [];
  private readonly answers = new Map<string, number[]>();
  private readonly browsers = new Map<string, FakeBrowser>();
  private server: Server | null = null;
  private base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const browser = this.browsers.get(path);
        let payload: unknown = null;
        try {
          if (browser) payload = JSON.parse(ece.decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: browser.ecdh, authSecret: browser.auth.toString('base64url') }).toString('utf8'));
        } catch {
          payload = null;
        }
        this.received.push({ path, headers: req.headers, payload, vapid: checkVapid(req.headers.authorization) });
        const queue = this.answers.get(path) ?? [];
        const status = queue.length ? (queue.shift() as number) : 201;
        res.writeHead(status, status === 429 ? { 'Retry-After': '1' } : {});
        res.end(status >= 400 ? `push service says ${status}` : '');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** A new browser with its own endpoint and keys. */
  browser(): FakeBrowser {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    const path = `/push/${randomBytes(8).toString('hex')}`;
    const b = { endpoint: `${this.base}${path}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') }, ecdh, auth };
    this.browsers.set(path, b);
    return b;
  }

  /** The next answers for this browser's endpoint, in order (then 201 again). */
  answer(b: FakeBrowser, ...statuses: number[]): void {
    this.answers.set(new URL(b.endpoint).pathname, statuses);
  }

  to(b: FakeBrowser): PushedMessage[] {
    return this.received.filter((m) => m.path === new URL(b.endpoint).pathname);
  }
}

/** `vapid t=<jwt>, k=<public key>`: verifies the ES256 signature with k, returns the claims. */
function checkVapid(header: string | undefined): PushedMessage['vapid'] {
  const m = /^vapid t=([^,]+),\s*k=(.+)$/.exec(header ?? '');
  if (!m) return null;
  const [h, p, s] = m[1].split('.');
  const raw = Buffer.from(m[2], 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  if (!ok) return null;
  return { ...JSON.parse(Buffer.from(p, 'base64url').toString('utf8')), publicKey: m[2] };
}
