import type { Request, Response } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { AppError } from '../../platform/errors';
import type { CustomerCredentials } from '../customers';
import type { AuthService } from './service';

/** A Passport instance of its own (not the global singleton), so several apps can live in one process. */
export function createPassport(auth: AuthService): passport.PassportStatic {
  const p = new passport.Passport() as passport.PassportStatic;
  p.use(
    'local',
    new LocalStrategy(
      { usernameField: 'login', passwordField: 'password', passReqToCallback: true, session: false },
      (req, login, password, done) => {
        auth
          .checkCredentials({ login, password, captcha: req.body?.captcha, ip: req.ip ?? null })
          .then((customer) => done(null, customer), done);
      },
    ),
  );
  return p;
}

/** passport.authenticate as a promise. */
export function authenticateLocal(p: passport.PassportStatic, req: Request, res: Response): Promise<CustomerCredentials> {
  return new Promise((resolve, reject) => {
    p.authenticate('local', { session: false }, (err: unknown, user: CustomerCredentials | false) => {
      if (err) return reject(err);
      if (!user) return reject(new AppError('invalid_credentials', 401, 'Wrong login or password.'));
      resolve(user);
    })(req, res, reject);
  });
}
