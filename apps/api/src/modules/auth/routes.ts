import type { CookieOptions, Response } from 'express';
import { SESSION_HINT_COOKIE } from '@cabinet/shared-types';
import { route, type RouteSpec } from '../../platform/routes';
import { pageLimit } from '../../platform/pagination';
import type { RateCounter } from '../../platform/rate-limit';
import { requestMeta } from '../../platform/request-meta';
import {
  AuthConfigDto,
  CaptchaDto,
  ChangePasswordDto,
  EndedSessionsDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetDto,
  PasswordResetResponseDto,
  SessionIdParams,
  SessionsQuery,
  SessionViewDto,
  TokenResponseDto,
} from './dto';
import { authenticateLocal, createPassport } from './passport';
import { SESSION_MAX_AGE_MS, type AuthService, type SessionStarted } from './service';

export const REFRESH_COOKIE = 'cabinet_refresh';
const COOKIE_PATH = '/api/v1/auth';

// SESSION_HINT_COOKIE (shared-types) goes and comes with the refresh cookie: without it the SPA shows the sign-in page at
// once instead of waiting for `POST /auth/refresh` to answer 401 (which also showed as a console error). Nothing secret.
const refreshCookie = (secure: boolean): CookieOptions => ({ httpOnly: true, sameSite: 'strict', path: COOKIE_PATH, secure });
const hintCookie = (secure: boolean): CookieOptions => ({ httpOnly: false, sameSite: 'strict', path: '/', secure });

/** Sets the refresh cookie of a started session (also for sign-ins that do not come through /auth/login, e.g. Gosuslugi). */
export function setRefreshCookie(res: Response, refreshToken: string, secure: boolean): void {
  res.cookie(REFRESH_COOKIE, refreshToken, { ...refreshCookie(secure), maxAge: SESSION_MAX_AGE_MS });
  res.cookie(SESSION_HINT_COOKIE, '1', { ...hintCookie(secure), maxAge: SESSION_MAX_AGE_MS });
  res.setHeader('Cache-Control', 'no-store');
}

/** Clears the refresh cookie and its hint (sign-out, a refresh refused). */
export function clearRefreshCookie(res: Response, secure: boolean): void {
  res.clearCookie(REFRESH_COOKIE, refreshCookie(secure));
  res.clearCookie(SESSION_HINT_COOKIE, hintCookie(secure));
}

/**
 * Answers a started session the way sign-in does: the refresh token in the httpOnly cookie, the
 * access token in the body. For other ways in (the loan wizard's registration).
 */
export function sessionResponse(res: Response, s: SessionStarted, secureCookies: boolean) {
  setRefreshCookie(res, s.refreshToken, secureCookies);
  return s.response;
}

export function authRoutes(
  auth: AuthService,
  rate: RateCounter,
  opts: { secureCookies: boolean; authPerMinute: number; otpPerMinute: number },
): RouteSpec[] {
  const passport = createPassport(auth);
  const withCookie = (res: Response, s: SessionStarted) => sessionResponse(res, s, opts.secureCookies);
  const perIp = (name: string, limit: number) => [rate.middleware({ name, limit, windowMs: 60_000 })];
  const signIn = perIp('login', opts.authPerMinute);
  const otp = perIp('otp', opts.otpPerMinute);

  return [
    route<LoginDto>({
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in with a phone number or contract number and a password',
      description:
        'Answers an access token and sets the refresh cookie. After 2 failed attempts for a login the next one needs `captcha` ' +
        '(428 `captcha_required` carries the challenge); 5 failures in a row lock the login for 15 minutes (423 `login_locked` with `lockedUntil`). ' +
        'Unknown login and wrong password both answer 401 `invalid_credentials`.',
      tags: ['Auth'],
      auth: 'public',
      body: LoginDto,
      response: TokenResponseDto,
      errors: [401, 403, 423, 428],
      middleware: signIn,
      handler: async ({ req, res }) => withCookie(res, await authenticateLocal(passport, req, res)),
    }),
    route({
      method: 'post',
      path: '/auth/refresh',
      summary: 'Rotate the refresh cookie and get a new access token',
      description:
        'Uses the httpOnly refresh cookie; each use replaces it. A token used twice ends the session (401 `refresh_token_reused`); ' +
        'a session idle for 15 minutes cannot be refreshed (401 `session_expired`).',
      tags: ['Auth'],
      auth: 'public',
      response: TokenResponseDto,
      errors: [401, 403],
      middleware: perIp('refresh', opts.authPerMinute * 4),
      handler: async ({ req, res }) => {
        const started = await auth.refresh(req.cookies?.[REFRESH_COOKIE], requestMeta(req)).catch((err) => {
          clearRefreshCookie(res, opts.secureCookies);
          throw err;
        });
        return withCookie(res, started);
      },
    }),
    route({
      method: 'post',
      path: '/auth/logout',
      summary: 'Sign out: end this session and clear the refresh cookie',
      tags: ['Auth'],
      auth: 'public',
      status: 204,
      handler: async ({ req, res }) => {
        const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
        await auth.logout(bearer, req.cookies?.[REFRESH_COOKIE], requestMeta(req));
        clearRefreshCookie(res, opts.secureCookies);
      },
    }),
    route({
      method: 'post',
      path: '/auth/captcha',
      summary: 'A fresh captcha picture (“show another”)',
      tags: ['Auth'],
      auth: 'public',
      response: CaptchaDto,
      middleware: signIn,
      handler: () => auth.newCaptcha(),
    }),
    route({
      method: 'get',
      path: '/auth/config',
      summary: 'What the sign-in screens must ask for in this deployment',
      tags: ['Auth'],
      auth: 'public',
      response: AuthConfigDto,
      handler: () => auth.authConfig(),
    }),
    route<PasswordResetDto>({
      method: 'post',
      path: '/auth/password-reset',
      summary: 'Send a password reset code by SMS to the bound phone',
      description: 'Answers 202 the same way whether or not the login exists. Another code can be asked for after 60 s (429 `otp_resend_too_soon`).',
      tags: ['Auth'],
      auth: 'public',
      body: PasswordResetDto,
      status: 202,
      response: PasswordResetResponseDto,
      middleware: otp,
      handler: ({ body, req }) => auth.requestPasswordReset(body, requestMeta(req)),
    }),
    route<PasswordResetConfirmDto>({
      method: 'post',
      path: '/auth/password-reset/confirm',
      summary: 'Set a new password with the SMS code',
      description: 'The code lives 5 minutes and allows 3 tries. Success ends every session of the customer and lifts a sign-in lock.',
      tags: ['Auth'],
      auth: 'public',
      body: PasswordResetConfirmDto,
      status: 204,
      middleware: otp,
      handler: ({ body, req }) => auth.confirmPasswordReset(body, requestMeta(req)),
    }),
    route<ChangePasswordDto>({
      method: 'post',
      path: '/me/password',
      summary: 'Change the password (also the forced change of an issued password)',
      tags: ['Profile'],
      auth: 'customer',
      allowWhenPasswordChangeRequired: true,
      body: ChangePasswordDto,
      response: EndedSessionsDto,
      handler: ({ auth: who, body, req }) => auth.changePassword(who, body, requestMeta(req)),
    }),
    route<unknown, SessionsQuery>({
      method: 'get',
      path: '/me/sessions',
      summary: 'Signed-in devices (live sessions), newest first',
      tags: ['Sessions'],
      auth: 'customer',
      query: SessionsQuery,
      page: SessionViewDto,
      handler: ({ auth: who, query }) => auth.listSessions(who, { limit: pageLimit(query), cursor: query.cursor }),
    }),
    route<unknown, unknown, SessionIdParams>({
      method: 'delete',
      path: '/me/sessions/:id',
      summary: 'End one session (ending the current one signs out)',
      tags: ['Sessions'],
      auth: 'customer',
      params: SessionIdParams,
      status: 204,
      errors: [404],
      handler: ({ auth: who, params, req }) => auth.revokeSession(who, params.id, requestMeta(req)),
    }),
    route({
      method: 'delete',
      path: '/me/sessions',
      summary: 'End every session but this one',
      tags: ['Sessions'],
      auth: 'customer',
      response: EndedSessionsDto,
      handler: ({ auth: who, req }) => auth.revokeOtherSessions(who, requestMeta(req)),
    }),
  ];
}
