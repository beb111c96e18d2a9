import type { RequestHandler } from 'express';
import { requestMeta } from '../../platform/request-meta';
import { route, type RouteSpec } from '../../platform/routes';
import { SecurityQuestionChallengeDto, SecurityQuestionChallengeViewDto, SecurityQuestionResetDto, SecurityQuestionViewDto, SetSecurityQuestionDto } from './dto';
import type { SecurityQuestionService } from './security-question';

/** The security question in the profile, and the password recovery path that uses it (issue 10). */
export function securityQuestionRoutes(questions: SecurityQuestionService, otpLimit: RequestHandler[]): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/me/security-question',
      summary: 'The security question set for password recovery (never the answer)',
      tags: ['Profile'],
      auth: 'customer',
      response: SecurityQuestionViewDto,
      handler: ({ auth }) => questions.get(auth.customerId),
    }),
    route<SetSecurityQuestionDto>({
      method: 'put',
      path: '/me/security-question',
      summary: 'Set or change the security question (asks for the password again)',
      description: 'The answer is compared with case and spaces folded and stored as an argon2id hash, as a password is.',
      tags: ['Profile'],
      auth: 'customer',
      body: SetSecurityQuestionDto,
      response: SecurityQuestionViewDto,
      handler: ({ auth, body, req }) => questions.set(auth.customerId, body, requestMeta(req)),
    }),
    route({
      method: 'delete',
      path: '/me/security-question',
      summary: 'Remove the security question (recovery by SMS only)',
      tags: ['Profile'],
      auth: 'customer',
      status: 204,
      handler: ({ auth, req }) => questions.remove(auth.customerId, requestMeta(req)),
    }),
    route<SecurityQuestionChallengeDto>({
      method: 'post',
      path: '/auth/password-reset/question',
      summary: 'Recover the password without the phone: the login’s security question',
      description:
        'Answers the question with a challenge that lives 5 minutes and allows 3 tries, as an SMS code does; a few challenges a day per login. ' +
        '404 `security_question_not_set` when the login is unknown or has no question.',
      tags: ['Auth'],
      auth: 'public',
      body: SecurityQuestionChallengeDto,
      response: SecurityQuestionChallengeViewDto,
      middleware: otpLimit,
      errors: [404, 429],
      handler: ({ body }) => questions.challenge(body.login),
    }),
    route<SecurityQuestionResetDto>({
      method: 'post',
      path: '/auth/password-reset/question/confirm',
      summary: 'Set a new password with the answer to the security question',
      description: 'A wrong answer answers 400 `security_answer_invalid` with `attemptsLeft`; after 3 the challenge is spent. Success ends every session and lifts a sign-in lock.',
      tags: ['Auth'],
      auth: 'public',
      body: SecurityQuestionResetDto,
      status: 204,
      middleware: otpLimit,
      errors: [400],
      handler: ({ body, req }) => questions.reset(body, requestMeta(req)),
    }),
  ];
}
