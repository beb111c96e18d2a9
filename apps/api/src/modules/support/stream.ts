import type { Request, Response } from 'express';
import type { SupportMessageView } from '@cabinet/shared-types';
import { AppError } from '../../platform/errors';
import { requestLog } from '../../platform/request-log';
import type { SupportBus } from './bus';

export interface StreamOptions {
  /** How long one response lives before the server ends it (the client reconnects with Last-Event-ID). */
  lifetimeMs: number;
  /** A comment line this often keeps proxies from closing an idle stream; each one also re-reads the table. */
  heartbeatMs: number;
}

/** `Last-Event-ID` (what EventSource sends on reconnect), else `?lastEventId=`, else 0: from the start. */
export function resumePoint(req: Request, query: { lastEventId?: string }): string {
  const raw = req.get('last-event-id') ?? query.lastEventId ?? '0';
  if (!/^\d{1,18}$/.test(raw)) throw AppError.validation([{ field: 'Last-Event-ID', code: 'isEventId', message: 'Last-Event-ID must be the id of an event of this stream' }]);
  return raw;
}

/**
 * A Server-Sent Events stream of one chat: every event after `from`, then each new one as it is written
 * on any node (the bus wakes the stream; the rows are read from PostgreSQL, so a reconnect with
 * Last-Event-ID gets exactly what it missed). Resolves when the stream ends.
 */
export async function streamChat(
  req: Request,
  res: Response,
  opts: StreamOptions & { bus: SupportBus; chatId: string; from: string; read: (after: string) => Promise<SupportMessageView[]> },
): Promise<void> {
  let last = opts.from;
  let pending = true;
  let closed = false;
  let wakeUp: (() => void) | null = null;
  const wake = () => {
    pending = true;
    wakeUp?.();
  };
  const unsubscribe = await opts.bus.subscribe(opts.chatId, wake);
  const onClose = () => {
    closed = true;
    wakeUp?.();
  };
  res.on('close', onClose);
  const ends = setTimeout(onClose, opts.lifetimeMs);
  try {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    while (!closed) {
      if (pending) {
        pending = false;
        for (const e of await opts.read(last)) {
          if (closed) break;
          res.write(`id: ${e.seq}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`);
          last = e.seq;
        }
        continue;
      }
      const beat = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), opts.heartbeatMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      wakeUp = null;
      if (beat && !closed) {
        res.write(': ping\n\n');
        pending = true;
      }
    }
  } catch (err) {
    requestLog(req)?.warn({ err }, 'support stream ended by an error');
  } finally {
    clearTimeout(ends);
    unsubscribe();
    res.off('close', onClose);
    if (!res.writableEnded) res.end();
  }
}
