import jwt from 'jsonwebtoken';
import { AccessTokens } from '../../src/modules/auth/tokens';
import { ManualClock, seconds } from '../../src/platform/clock';

const SECRET = 'access-token-test-secret-0123456789abcdef';
const claims = { sub: '0b9d6c2e-7a1f-4c3b-9e5d-2f8a1b4c6d7e', sid: '5e2f1a3b-8c4d-4e6f-a7b8-9c0d1e2f3a4b', role: 'subscriber' as const };

describe('access tokens: each token verified once per process, its expiry checked on every use', () => {
  it('when a remembered token is used again, then it gives the same claims until its expiry and then fails as expired', () => {
    const clock = new ManualClock('2026-12-03T10:00:00Z');
    const tokens = new AccessTokens(SECRET, clock, 900);
    const token = tokens.sign(claims);
    expect(tokens.verify(token)).toEqual(claims);
    expect(tokens.remembered).toBe(1);
    clock.advance(seconds(899));
    expect(tokens.verify(token)).toEqual(claims);
    clock.advance(seconds(1)); // exp itself is past, as jsonwebtoken counts it
    expect(() => tokens.verify(token)).toThrow(jwt.TokenExpiredError);
    expect(() => tokens.verify(token)).toThrow(jwt.TokenExpiredError); // and still, once forgotten
    expect(tokens.remembered).toBe(0);
  });

  it('when a remembered token arrives with its signature or claims changed, then it is refused', () => {
    const clock = new ManualClock('2026-12-03T10:00:00Z');
    const tokens = new AccessTokens(SECRET, clock, 900);
    const token = tokens.sign(claims);
    tokens.verify(token);
    const [head, body, sig] = token.split('.');
    const otherSig = `${head}.${body}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => tokens.verify(otherSig)).toThrow(jwt.JsonWebTokenError);
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin', iat: 0, exp: 9_999_999_999 })).toString('base64url')}.${sig}`;
    expect(() => tokens.verify(forged)).toThrow(jwt.JsonWebTokenError);
    expect(() => new AccessTokens(`${SECRET}-other`, clock, 900).verify(token)).toThrow(jwt.JsonWebTokenError);
    expect(tokens.verify(token)).toEqual(claims);
  });

  it('when more tokens are used than it remembers, then the oldest are forgotten and still verify when they come back', () => {
    const clock = new ManualClock('2026-12-03T10:00:00Z');
    const tokens = new AccessTokens(SECRET, clock, 900);
    const first = tokens.sign(claims);
    tokens.verify(first);
    for (let i = 0; i < 10_000; i++) tokens.verify(tokens.sign({ ...claims, sid: `s-${i}` }));
    expect(tokens.remembered).toBe(10_000);
    expect(tokens.verify(first)).toEqual(claims);
    expect(tokens.remembered).toBe(10_000);
  });
});
