import type { Money } from './common';

/** Mobile line extras (issue 10): the call blacklist and the paid content services on a line. */
export const LineExtrasLimits = {
  /** Numbers on one line's blacklist. */
  blacklistMax: 300,
  /** The blacklist's fee per billing period of the line, charged when it is switched on and at each new period while on. */
  blacklistFee: 30_00,
} as const;

export interface BlacklistEntryView {
  /** E.164. */
  msisdn: string;
  /** What the subscriber called it («Коллекторы»), or null. */
  note: string | null;
  createdAt: string;
}

/** GET /api/v1/accounts/:accountId/lines/:lineId/blacklist */
export interface BlacklistView {
  lineId: string;
  enabled: boolean;
  /** The fee per billing period while it is on. */
  fee: Money;
  count: number;
  max: number;
  items: BlacklistEntryView[];
}

/** PUT …/blacklist — switch it on (the period's fee is charged once) or off. */
export interface BlacklistSwitchRequest {
  enabled: boolean;
}

/** POST …/blacklist/numbers */
export interface BlacklistAddRequest {
  /** As typed: `8 921 000-00-00`. */
  msisdn: string;
  note?: string;
}

/** The integrator's copy for a switch (GET /api/v1/integrations/lines/:msisdn/blacklist, scope `lines:read`). */
export interface IntegratorBlacklistView {
  msisdn: string;
  enabled: boolean;
  numbers: string[];
  updatedAt: string | null;
}

export const ContentServiceKinds = ['subscription', 'content'] as const;
export type ContentServiceKind = (typeof ContentServiceKinds)[number];

/** A paid subscription or content service on a line («Гороскоп», «Музыка»): the answer to "why is money disappearing". */
export interface ContentServiceView {
  id: string;
  title: string;
  provider: string;
  kind: ContentServiceKind;
  /** Charged at each new billing period of the line while it is on. */
  price: Money;
  status: 'active' | 'off';
  connectedAt: string;
  switchedOffAt: string | null;
  /** What it has cost so far. */
  charged: Money;
}

export interface ContentServiceListView {
  items: ContentServiceView[];
  /** What the active ones cost per period together. */
  monthlyTotal: Money;
}

/**
 * Password recovery by a security question (issue 10): an alternative to the SMS code when the phone is
 * lost. The answer is hashed with argon2id like a password, compared with case and spaces folded; a
 * challenge lives as long as a one-time code and allows as many tries.
 */
export const SecurityQuestionLimits = {
  questionMaxLength: 200,
  answerMinLength: 2,
  answerMaxLength: 100,
  /** New challenges for one login per day. */
  challengesPerDay: 5,
} as const;

/** GET /api/v1/me/security-question */
export interface SecurityQuestionView {
  question: string | null;
  setAt: string | null;
}

/** PUT /api/v1/me/security-question — asks for the password again. */
export interface SetSecurityQuestionRequest {
  question: string;
  answer: string;
  password: string;
}

/** POST /api/v1/auth/password-reset/question */
export interface SecurityQuestionChallengeRequest {
  login: string;
}

export interface SecurityQuestionChallenge {
  challengeId: string;
  question: string;
  attemptsLeft: number;
  expiresAt: string;
}

/** POST /api/v1/auth/password-reset/question/confirm */
export interface SecurityQuestionResetRequest {
  challengeId: string;
  answer: string;
  newPassword: string;
}
