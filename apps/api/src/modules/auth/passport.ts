import type { Request, Response } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { AppError } from '../../platform/errors';
import { requestMeta } from '../../platform/request-meta';
import type { AuthService, SessionStarted } from './service';

/** A Passport instance of its own (not the global singleton), so several apps can live in one process. */
export function createPassport(auth: AuthService): passport.PassportStatic {
  const p = new passport.Passport() as passport.PassportStatic;
  p.use(
    'local',
    new LocalStrategy(
      { usernameField: 'login', passwordField: 'password', passReqToCallback: true, session: false },
      (req, login, password, done) => {
        // The strategy's "user" is the session it started: check and start are one transaction.
        auth
          .signIn({ login, password, captcha: req.body?.captcha }, requestMeta(req))
          .then((started) => done(null, started), done);
      },
    ),
  );
  return p;
}

/** passport.authenticate as a promise: the session a sign-in started. */
export function authenticateLocal(p: passport.PassportStatic, req: Request, res: Response): Promise<SessionStarted> {
  return new Promise((resolve, reject) => {
    p.authenticate('local', { session: false }, (err: unknown, user: SessionStarted | false) => {
      if (err) return reject(err);
      if (!user) return reject(new AppError('invalid_credentials', 401, 'Wrong login or password.'));
      resolve(user);
    })(req, res, reject);
  });
}
