import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/** What came back from one try at a receiver. */
export interface WebhookResponse {
  /** The receiver's status; null when no answer came (refused, reset, timed out, refused by the address guard). */
  status: number | null;
  durationMs: number;
  error: string | null;
}

/** Sends one signed event. The real one posts over HTTP; tests may hand in their own. */
export type WebhookSender = (url: string, headers: Record<string, string>, body: string) => Promise<WebhookResponse>;

/**
 * Addresses a partner's receiver may not be on in production: loopback, private networks, link-local (cloud
 * metadata at 169.254.169.254), carrier-grade NAT, multicast, reserved and documentation ranges, and IPv6's
 * equivalents (IPv4-mapped addresses included), so that a webhook URL cannot make the server call its own
 * network (SSRF).
 */
// Two lists: one BlockList checks an IPv4 address against its IPv6 rules too (as ::ffff:a.b.c.d).
const blocked4 = new BlockList();
const blocked6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked4.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) blocked6.addSubnet(net, prefix, 'ipv6');

/** True for an IP address (v4 or v6, without brackets) in one of the ranges above; false for anything else. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  return family === 4 ? blocked4.check(address, 'ipv4') : family === 6 && blocked6.check(address, 'ipv6');
}

/** A URL's host as an address when it is one (`[::1]` → `::1`), else null. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? host : null;
}

class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS';
}

/** dns.lookup that refuses a name resolving to any private address; the socket connects to what was checked. */
function guardedLookup(
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad || !addresses.length) return callback(new PrivateAddressError(`${hostname} resolves to a private address (${bad?.address ?? 'none'})`), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

const TIMEOUT_MS = 10_000;

/**
 * POST with a 10 s timeout; redirects are not followed (a 3xx is a failure, as Standard Webhooks says). Unless
 * private addresses are allowed (outside production: receivers on this machine), a receiver whose address is
 * private — written in the URL or resolved from its name at connection time, so DNS rebinding cannot slip
 * past a check made earlier — is not called: the try fails with that reason.
 */
export function createHttpWebhookSender(opts: { allowPrivateAddresses: boolean }): WebhookSender {
  return async (url, headers, body) => {
    const started = performance.now();
    const done = (status: number | null, error: string | null): WebhookResponse => ({ status, durationMs: Math.round(performance.now() - started), error });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return done(null, 'invalid URL');
    }
    const literal = literalAddress(target);
    if (!opts.allowPrivateAddresses && literal && isPrivateAddress(literal)) return done(null, `EPRIVATEADDRESS: ${literal} is a private address`);
    const signal = AbortSignal.timeout(TIMEOUT_MS);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const lib = target.protocol === 'https:' ? https : http;
        const req = lib.request(
          target,
          {
            method: 'POST',
            headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
            signal,
            agent: false,
            ...(opts.allowPrivateAddresses ? {} : { lookup: guardedLookup as never }),
          },
          (res) => {
            resolve(res.statusCode ?? 0);
            res.destroy(); // the body is not read: only the status counts
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      const ok = status >= 200 && status < 300;
      return done(status, ok ? null : `HTTP ${status}`);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const reason = signal.aborted ? `timeout after ${TIMEOUT_MS / 1000} s` : e instanceof PrivateAddressError ? `${e.code}: ${e.message}` : (e.code ?? e.message);
      return done(null, String(reason).slice(0, 500));
    }
  };
}
