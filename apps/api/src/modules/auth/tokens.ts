import { createHash, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { CustomerRole } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';

export interface AccessClaims {
  sub: string;
  sid: string;
  role: CustomerRole;
}

/**
 * HS256 access tokens. The secret is a KeyObject: with a plain string jsonwebtoken 9 tries to parse
 * it as PEM on every call, which is ≈ 45× slower (TOOLCHAIN.md).
 */
export class AccessTokens {
  private readonly key: KeyObject;
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
    const payload = jwt.verify(token, this.key, {
      algorithms: ['HS256'],
      clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
    });
    if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
      throw new jwt.JsonWebTokenError('malformed claims');
    }
    return { sub: payload.sub, sid: payload.sid, role: payload.role as CustomerRole };
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
