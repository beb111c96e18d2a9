import type { VerifiedPersonView } from '@cabinet/shared-types';

/** What Gosuslugi tells about a person, mapped from the OpenID Connect userinfo. */
export interface EsiaPerson {
  /** The Gosuslugi account's id (`sub`). */
  subject: string;
  /** A confirmed (подтверждённая) account: identity checked in person or by a bank. Only these may sign in. */
  trusted: boolean;
  person: VerifiedPersonView;
}

/** The authorization request's one-time values, kept server-side until the callback. */
export interface EsiaChecks {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * Gosuslugi (ESIA) as an OpenID Connect provider: the authorization-code flow with PKCE. The adapter
 * below speaks plain OpenID Connect through `openid-client` (the local stand-in, and any OIDC provider);
 * a real ESIA connection needs GOST-signed client authentication, which plugs in here (README).
 */
export interface EsiaProvider {
  /** Where to send the browser. */
  authorizationUrl(checks: EsiaChecks & { codeChallenge: string }): Promise<string>;
  /** The callback: checks state, exchanges the code (with the PKCE verifier), checks the ID token's nonce, asks userinfo. */
  complete(callbackUrl: URL, checks: EsiaChecks): Promise<EsiaPerson>;
}

export const ESIA_SCOPES = 'openid fullname birthdate gender mobile id_doc';

type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });
type Configuration = Awaited<ReturnType<OpenIdClient['discovery']>>;

/** Claims of the userinfo as the provider names them (OIDC standard claims + `trusted` and `passport`). */
interface Claims {
  sub: string;
  family_name?: string;
  given_name?: string;
  middle_name?: string;
  birthdate?: string;
  phone_number?: string;
  phone_number_verified?: boolean;
  trusted?: boolean;
  passport?: { series?: string; number?: string; issued_at?: string; issued_by?: string };
}

export class OpenIdEsiaProvider implements EsiaProvider {
  private config: Promise<{ lib: OpenIdClient; config: Configuration }> | null = null;

  constructor(private readonly opts: { issuer: string; clientId: string; clientSecret: string }) {}

  /** Discovery once per process (a cache: any node can do it again); a failure is retried next time. */
  private load(): Promise<{ lib: OpenIdClient; config: Configuration }> {
    this.config ??= (async () => {
      const lib = await import('openid-client');
      const issuer = new URL(this.opts.issuer);
      const config = await lib.discovery(issuer, this.opts.clientId, undefined, lib.ClientSecretPost(this.opts.clientSecret), {
        // The local stand-in speaks plain http on the loopback; a real provider is https.
        ...(issuer.protocol === 'http:' ? { execute: [lib.allowInsecureRequests] } : {}),
        timeout: 10,
      });
      return { lib, config };
    })().catch((err) => {
      this.config = null;
      throw err;
    });
    return this.config;
  }

  async authorizationUrl(c: EsiaChecks & { codeChallenge: string }): Promise<string> {
    const { lib, config } = await this.load();
    return lib
      .buildAuthorizationUrl(config, {
        redirect_uri: c.redirectUri,
        scope: ESIA_SCOPES,
        state: c.state,
        nonce: c.nonce,
        code_challenge: c.codeChallenge,
        code_challenge_method: 'S256',
      })
      .toString();
  }

  async complete(callbackUrl: URL, c: EsiaChecks): Promise<EsiaPerson> {
    const { lib, config } = await this.load();
    const tokens = await lib.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: c.codeVerifier,
      expectedState: c.state,
      expectedNonce: c.nonce,
      idTokenExpected: true,
    });
    const sub = tokens.claims()?.sub;
    if (!sub) throw new Error('no ID token subject');
    const u = (await lib.fetchUserInfo(config, tokens.access_token, sub)) as unknown as Claims;
    const doc = u.passport;
    return {
      subject: u.sub,
      trusted: u.trusted === true,
      person: {
        surname: u.family_name ?? '',
        name: u.given_name ?? '',
        patronymic: u.middle_name ?? null,
        birthDate: u.birthdate ?? null,
        phone: u.phone_number && u.phone_number_verified !== false ? u.phone_number : null,
        passport: doc?.series && doc.number ? { series: doc.series, number: doc.number, issuedAt: doc.issued_at ?? null, issuedBy: doc.issued_by ?? null } : null,
      },
    };
  }
}
