import { createHash, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { CustomerRole } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';

export interface AccessClaims {
  sub: string;
  sid: string;
  role: CustomerRole;
}

/** How many verified access tokens a process remembers (≈ 0.5 KB each); past it, the oldest are forgotten. */
const VERIFIED_MAX = 10_000;

/**
 * HS256 access tokens. The secret is a KeyObject: with a plain string jsonwebtoken 9 tries to parse
 * it as PEM on every call, which is ≈ 45× slower (TOOLCHAIN.md).
 *
 * A token is checked once per process: a signed-in page sends the same token with every request, and its HMAC and
 * JSON parsing (≈ 15 µs alone; in bench/routes.ts a tenth of a history read's CPU) were paid again each time. The
 * claims of a token that verified are kept under the whole token, signature included, so only those exact bytes
 * find them; its expiry is still checked on every use. Whether its session still holds is asked by the caller
 * each time, as before (sign-out and revocation do not wait for the token to expire).
 */
export class AccessTokens {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, { claims: AccessClaims; exp: number }>();
  constructor(
    secret: string,
    private readonly clock: Clock,
    readonly ttlSeconds: number,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  sign(claims: AccessClaims): string {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return jwt.sign({ ...claims, iat, exp: iat + this.ttlSeconds }, this.key, { algorithm: 'HS256' });
  }

  /** Throws jsonwebtoken's errors (TokenExpiredError, JsonWebTokenError). */
  verify(token: string): AccessClaims {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const seen = this.verified.get(token);
    if (seen) {
      if (now < seen.exp) return seen.claims;
      this.verified.delete(token);
      throw new jwt.TokenExpiredError('jwt expired', new Date(seen.exp * 1000));
    }
    const payload = jwt.verify(token, this.key, { algorithms: ['HS256'], clockTimestamp: now });
    if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
      throw new jwt.JsonWebTokenError('malformed claims');
    }
    const claims: AccessClaims = Object.freeze({ sub: payload.sub, sid: payload.sid, role: payload.role as CustomerRole });
    // Only what jsonwebtoken would accept again by its expiry alone (no `nbf`, which this class never signs).
    if (typeof payload.exp === 'number' && payload.nbf === undefined) {
      if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, { claims, exp: payload.exp });
    }
    return claims;
  }

  /** How many verified tokens are remembered (for tests). */
  get remembered(): number {
    return this.verified.size;
  }
}

/** Refresh tokens are `<session id>.<secret>`; only sha256(secret) is stored, and it changes on every use. */
export const RefreshTokens = {
  issue(sessionId: string): { token: string; hash: string } {
    const secret = randomBytes(32).toString('base64url');
    return { token: `${sessionId}.${secret}`, hash: sha256(secret) };
  },
  parse(token: string | undefined): { sessionId: string; secret: string } | null {
    const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
    return m ? { sessionId: m[1], secret: m[2] } : null;
  },
  matches(secret: string, hash: string): boolean {
    return timingSafeEqual(Buffer.from(sha256(secret), 'hex'), Buffer.from(hash, 'hex'));
  },
};

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
