import type { CookieOptions, Request, Response } from 'express';
import { route, type RouteSpec } from '../../platform/routes';
import type { RateCounter } from '../../platform/rate-limit';
import { requestMeta } from '../../platform/request-meta';
import { setRefreshCookie } from '../auth';
import { EsiaCallbackQuery, EsiaConfigDto, EsiaLinkConfirmDto, EsiaLinkSmsDto, EsiaLinkSmsResponseDto, EsiaLinkTicketDto, EsiaStartQuery, IdentityListDto, TicketParams } from './dto';
import type { EsiaService } from './service';

/** Binds a sign-in to the browser that started it. Lax: it must come back on the provider's redirect (a top-level GET). */
export const ESIA_COOKIE = 'cabinet_esia';
const COOKIE_PATH = '/api/v1/auth/esia';
const CALLBACK = '/api/v1/auth/esia/callback';

export function esiaRoutes(esia: EsiaService, rate: RateCounter, opts: { secureCookies: boolean; redirectUri: string | null; perMinute: number }): RouteSpec[] {
  const cookie: CookieOptions = { httpOnly: true, sameSite: 'lax', path: COOKIE_PATH, secure: opts.secureCookies };
  const perIp = (name: string, limit: number) => [rate.middleware({ name, limit, windowMs: 60_000 })];
  // In production the registered callback is configured; in dev it follows the host the browser used.
  const redirectUri = (req: Request) => opts.redirectUri ?? `${req.protocol}://${req.get('host')}${CALLBACK}`;
  const tags = ['Gosuslugi sign-in'];
  const sessionTo = (res: Response, s: { response: unknown; refreshToken: string }) => {
    setRefreshCookie(res, s.refreshToken, opts.secureCookies);
    return s.response;
  };
  return [
    route({
      method: 'get',
      path: '/auth/esia/config',
      summary: 'Whether “Войти через Госуслуги” is offered here',
      tags,
      auth: 'public',
      response: EsiaConfigDto,
      handler: () => esia.config(),
    }),
    route<unknown, EsiaStartQuery>({
      method: 'get',
      path: '/auth/esia/start',
      summary: 'Start signing in with Gosuslugi: redirects the browser to the provider (OpenID Connect, code + PKCE)',
      description:
        'Open it as a page (a link or `location.assign`), not with fetch. Sets an httpOnly cookie binding the sign-in to this browser and answers 302 ' +
        'to the provider. The provider comes back to GET /auth/esia/callback, which sends the browser to `next` signed in, or to ' +
        '`/login/gosuslugi?outcome=…` (`link_required` with a `ticket`, `unconfirmed`, `canceled`, `expired`, `failed`, `already_linked`).',
      tags,
      auth: 'public',
      query: EsiaStartQuery,
      status: 302,
      errors: [503],
      middleware: perIp('esia-start', opts.perMinute),
      handler: async ({ req, res, query }) => {
        const { location, state } = await esia.start(query.next, redirectUri(req));
        res.cookie(ESIA_COOKIE, state, { ...cookie, maxAge: 10 * 60_000 });
        res.redirect(302, location);
      },
    }),
    route<unknown, EsiaCallbackQuery>({
      method: 'get',
      path: '/auth/esia/callback',
      summary: 'The provider’s redirect back (authorization response): signs in, or says why not',
      description:
        'Checks that `state` was issued to this browser and not used, exchanges `code` with the PKCE verifier, validates the ID token (signature, issuer, ' +
        'audience, nonce) and reads userinfo. A confirmed account already linked, or new here, is signed in (refresh cookie) and sent to `next`; ' +
        'an existing customer with the same phone is asked to confirm the link first. Answers 302 in every case.',
      tags,
      auth: 'public',
      query: EsiaCallbackQuery,
      status: 302,
      middleware: perIp('esia-callback', opts.perMinute),
      handler: async ({ req, res, query }) => {
        const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
        const out = await esia.callback(query, search, req.cookies?.[ESIA_COOKIE], requestMeta(req));
        if (out.session) {
          setRefreshCookie(res, out.session.refreshToken, opts.secureCookies);
          res.clearCookie(ESIA_COOKIE, cookie);
        }
        res.redirect(302, out.location);
      },
    }),
    route<unknown, unknown, TicketParams>({
      method: 'get',
      path: '/auth/esia/link/:ticket',
      summary: 'The link to confirm: an existing customer has the phone Gosuslugi gave',
      tags,
      auth: 'public',
      params: TicketParams,
      response: EsiaLinkTicketDto,
      errors: [404],
      handler: ({ req, params }) => esia.ticket(params.ticket, req.cookies?.[ESIA_COOKIE]),
    }),
    route<EsiaLinkSmsDto>({
      method: 'post',
      path: '/auth/esia/link/sms',
      summary: 'Send a confirmation code by SMS to that customer’s phone',
      tags,
      auth: 'public',
      body: EsiaLinkSmsDto,
      status: 202,
      response: EsiaLinkSmsResponseDto,
      errors: [404, 429],
      middleware: perIp('esia-link', opts.perMinute),
      handler: ({ req, body }) => esia.sendLinkCode(body.ticket, req.cookies?.[ESIA_COOKIE]),
    }),
    route<EsiaLinkConfirmDto>({
      method: 'post',
      path: '/auth/esia/link',
      summary: 'Confirm the link with the password or the SMS code: links Gosuslugi and signs in',
      description: 'Send `password` or `code`. Five wrong tries end the ticket. Answers like POST /auth/login (access token + refresh cookie).',
      tags,
      auth: 'public',
      body: EsiaLinkConfirmDto,
      response: { schema: { $ref: '#/components/schemas/TokenResponseDto' } },
      errors: [404, 409],
      middleware: perIp('esia-link', opts.perMinute),
      handler: async ({ req, res, body }) => {
        const s = await esia.confirmLink(body, req.cookies?.[ESIA_COOKIE], requestMeta(req));
        res.clearCookie(ESIA_COOKIE, cookie);
        return sessionTo(res, s);
      },
    }),
    route({
      method: 'get',
      path: '/me/identities',
      summary: 'Linked sign-in accounts (Gosuslugi) and the data they verified',
      tags: ['Profile'],
      auth: 'customer',
      response: IdentityListDto,
      handler: ({ auth }) => esia.identities(auth.customerId),
    }),
    route({
      method: 'delete',
      path: '/me/identities/esia',
      summary: 'Unlink Gosuslugi (sign in with the password afterwards)',
      tags: ['Profile'],
      auth: 'customer',
      status: 204,
      errors: [404],
      handler: ({ auth, req }) => esia.unlink(auth.customerId, requestMeta(req)),
    }),
  ];
}
