import type { CaptchaChallenge } from './errors';

export interface CaptchaAnswer {
  id: string;
  answer: string;
}

/** POST /api/v1/auth/login */
export interface LoginRequest {
  /** Phone number in any common form (`8 921 000-00-01`, `+7 921…`, `921…`) or a contract number. */
  login: string;
  password: string;
  captcha?: CaptchaAnswer;
}

/** Answer of login and refresh. The refresh token travels only in an httpOnly cookie. */
export interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  mustChangePassword: boolean;
}

/** POST /api/v1/auth/captcha — a fresh challenge (e.g. "show another picture"). */
export type CaptchaResponse = CaptchaChallenge;

/** POST /api/v1/auth/password-reset */
export interface PasswordResetRequest {
  login: string;
  /** Required when the deployment asks for it (microfinance style); otherwise ignored. */
  surname?: string;
}

/** Same answer whether or not the login exists. */
export interface PasswordResetResponse {
  /** Seconds before another code may be asked for. */
  resendAfter: number;
  /** Seconds the code lives. */
  codeTtl: number;
  surnameRequired: boolean;
}

/** POST /api/v1/auth/password-reset/confirm */
export interface PasswordResetConfirmRequest {
  login: string;
  code: string;
  newPassword: string;
}

/** GET /api/v1/auth/config — what the sign-in screens must ask for in this deployment. */
export interface AuthConfigResponse {
  passwordResetRequiresSurname: boolean;
  idleTimeoutSeconds: number;
  idleWarningSeconds: number;
  passwordMinLength: number;
}
