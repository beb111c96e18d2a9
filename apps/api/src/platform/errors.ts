import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorCode, FieldError, Problem } from '@cabinet/shared-types';
import type { Logger } from 'pino';
import { requestLog } from './request-log';

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  423: 'Locked',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export type ProblemExtras = Omit<Partial<Problem>, 'type' | 'title' | 'status' | 'code' | 'detail'>;

/** The one error type services throw. The error middleware renders it as RFC 9457 problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }

  static validation(errors: FieldError[], detail = 'The request has invalid fields.'): AppError {
    return new AppError('validation_failed', 400, detail, { errors });
  }
  static notFound(what = 'The resource'): AppError {
    return new AppError('not_found', 404, `${what} was not found.`);
  }
}

export function toProblem(err: AppError, instance?: string): Problem {
  return {
    type: `https://cabinet.example/problems/${err.code.replace(/_/g, '-')}`,
    title: TITLES[err.status] ?? 'Error',
    status: err.status,
    detail: err.detail,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...err.extras,
  };
}

export function sendProblem(res: Parameters<RequestHandler>[1], err: AppError, instance?: string): void {
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res.status(err.status).type('application/problem+json').send(JSON.stringify(toProblem(err, instance)));
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', 404, `No route ${req.method} ${req.path}.`));
};

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** One mapper: AppError as is, body-parser failures as 4xx, a lost database connection as 503, anything else logged and answered as a bare 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) return;
    const instance = req.originalUrl.split('?')[0];
    if (err instanceof AppError) return sendProblem(res, err, instance);
    const e = err as BodyParserError;
    if (e?.type === 'entity.parse.failed')
      return sendProblem(res, new AppError('malformed_json', 400, 'The body is not valid JSON.'), instance);
    if (e?.type === 'entity.too.large')
      return sendProblem(res, new AppError('payload_too_large', 413, 'The body is too large.'), instance);
    if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
      return sendProblem(res, new AppError('unsupported_media_type', 415, 'Unsupported body encoding.'), instance);
    if (err instanceof URIError && e.status === 400)
      // The router could not percent-decode a path segment (`%ED%A0%80` is not UTF-8).
      return sendProblem(res, AppError.validation([{ field: 'path', code: 'encoding', message: 'The URL path is not valid percent-encoded UTF-8.' }]), instance);
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose)
      return sendProblem(res, new AppError('validation_failed', e.status, e.message), instance);
    if (lostDatabase(err)) {
      // The connection went away under the request (a restart or failover of PostgreSQL): the transaction it was in
      // rolled back. A route of several steps may have finished some; every such POST takes an Idempotency-Key, so
      // sending the request again with the same key is what the client should do.
      (requestLog(req) ?? logger).warn({ err }, 'database connection lost during the request');
      return sendProblem(
        res,
        new AppError('service_unavailable', 503, 'The database connection was lost while handling the request. Send it again (with the same Idempotency-Key where the route takes one).', {}, { 'Retry-After': '1' }),
        instance,
      );
    }
    (requestLog(req) ?? logger).error({ err }, 'unhandled error');
    sendProblem(res, new AppError('internal_error', 500, 'Something went wrong on our side.'), instance);
  };
}

/**
 * The database connection ended under the request: PostgreSQL's admin shutdown or crash codes (57P01–57P03, class
 * 08), the socket closing, or TypeORM refusing a query runner whose connection was dropped meanwhile.
 */
export function lostDatabase(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string; driverError?: { code?: string; message?: string } } | null;
  if (!e) return false;
  if (e.name === 'QueryRunnerAlreadyReleasedError' || e.name === 'QueryRunnerProviderAlreadyReleasedError') return true;
  const code = e.driverError?.code ?? e.code;
  if (typeof code === 'string' && (/^57P0[123]$/.test(code) || code.startsWith('08'))) return true;
  const message = e.driverError?.message ?? e.message ?? '';
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(message);
}
