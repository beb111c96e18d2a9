import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * The request id and the one access-log line per request, on the app's pino logger.
 *
 * This replaces pino-http, which built a child logger and its serializers for every request even at
 * `LOG_LEVEL=warn`, when it wrote nothing: a third of what a `GET /health` cost (bench/routes.ts). Here a
 * request pays for its id and, only when `info` is on, for one line written when the answer has gone.
 * A handler that has something to say about its request asks `requestLog(req)` for a logger that carries
 * the request id; that child is made then, not for every request.
 */
export function requestLogging(logger: Logger): RequestHandler {
  const writesAccessLog = logger.isLevelEnabled('info');
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    res.setHeader('X-Request-Id', id);
    (req as LoggedRequest)[LOG] = { logger, id, child: undefined };
    if (writesAccessLog) {
      const started = performance.now();
      res.once('close', () => {
        const line = {
          req: { id, method: req.method, url: req.originalUrl.split('?')[0] },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        };
        if (!res.writableFinished) logger.warn(line, 'request aborted');
        else if (res.statusCode >= 500) logger.error(line, 'request failed');
        else logger.info(line, 'request completed');
      });
    }
    next();
  };
}

/** The app's logger bound to this request's id (undefined for a request that did not pass `requestLogging`). */
export function requestLog(req: Request): Logger | undefined {
  const entry = (req as LoggedRequest)[LOG];
  if (!entry) return undefined;
  entry.child ??= entry.logger.child({ reqId: entry.id });
  return entry.child;
}

const LOG = Symbol('cabinet.requestLog');
type LoggedRequest = Request & { [LOG]?: { logger: Logger; id: string; child: Logger | undefined } };
