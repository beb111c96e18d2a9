import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Limits } from '@cabinet/shared-types';
import { AppError } from './errors';

/**
 * argon2id at OWASP's minimum: 19 MiB, 2 passes, 1 lane (≈ 14 ms here). @node-rs/argon2 ships a
 * prebuilt binary per platform; the `argon2` package's prebuild crashed on this Debian and needed a
 * compiler to build from source, which a user's machine may not have.
 */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies a password. With no hash (unknown login) it still spends the same time on a dummy hash,
 * so an unknown login and a wrong password cannot be told apart by timing.
 */
export async function verifyPassword(stored: string | null | undefined, plain: string): Promise<boolean> {
  if (!stored) {
    dummyHash ??= hash('no-such-account-dummy-password', OPTIONS);
    await verify(await dummyHash, plain).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** A short list of the passwords people pick first; a real deployment can extend it. */
const COMMON = new Set([
  '12345678', '123456789', '1234567890', '87654321', '11111111', '00000000', '12341234', '11223344',
  'password', 'password1', 'password123', 'passw0rd', 'qwertyui', 'qwerty123', 'qwerty12', '1q2w3e4r',
  '1q2w3e4r5t', 'q1w2e3r4', 'zaq12wsx', 'iloveyou', 'abc12345', 'abcd1234', 'asdfghjk', 'letmein1',
  'welcome1', 'admin123', 'administrator', 'йцукенгш', 'пароль123', 'qazwsxedc', '123qweasd', 'asdf1234',
  'parol123', 'privet123', 'marina123', 'natasha1', 'samsung1', 'football', 'superman', 'sunshine',
]);

/**
 * The password policy: 8–128 characters, not the phone number, not a common password.
 * Throws a `weak_password` problem naming the field.
 */
export function assertPasswordPolicy(password: string, ctx: { phone?: string; field?: string } = {}): void {
  const field = ctx.field ?? 'newPassword';
  const fail = (message: string) => {
    throw new AppError('weak_password', 400, message, { errors: [{ field, code: 'weak_password', message }] });
  };
  if (password.length < Limits.passwordMinLength) fail(`The password must be at least ${Limits.passwordMinLength} characters long.`);
  if (password.length > Limits.passwordMaxLength) fail(`The password must be at most ${Limits.passwordMaxLength} characters long.`);
  if (COMMON.has(password.toLowerCase())) fail('This password is too common; choose another.');
  if (/^(.)\1+$/.test(password)) fail('The password must not repeat one character.');
  if (ctx.phone) {
    const national = ctx.phone.replace(/\D/g, '').slice(-10);
    const digits = password.replace(/\D/g, '');
    if (digits.length >= 10 && digits.endsWith(national) && digits.length === password.replace(/[\s()+-]/g, '').length) {
      fail('The password must not be your phone number.');
    }
  }
}
