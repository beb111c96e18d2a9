import pino, { type DestinationStream, type Logger } from 'pino';

/** Structured logs without secrets: tokens, cookies, passwords, codes and captcha answers are redacted. Stdout unless given a destination. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.code',
        '*.accessToken',
        '*.refreshToken',
      ],
      censor: '[redacted]',
    },
  }, destination);
}
