import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { SupportMessageView } from '@cabinet/shared-types';

export interface SseEvent {
  id: string;
  event: string;
  data: SupportMessageView;
}

/** A live HTTP server of an app (one "API node"), for streams that supertest cannot read as they come. */
export async function listen(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** An EventSource-like reader: events as they arrive; `next(n)` waits for n more; `close()` hangs up. */
export function openStream(url: string, headers: Record<string, string>) {
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let status = 0;
  let ended = false;
  let buffer = '';
  const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } });
  const ready = new Promise<number>((resolve, reject) => {
    req.on('error', (err) => (ended ? resolve(status) : reject(err)));
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (!line || line.startsWith(':')) continue;
            const i = line.indexOf(':');
            fields[line.slice(0, i)] = line.slice(i + 1).replace(/^ /, '');
          }
          if (fields.data) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
        }
        waiters.splice(0).forEach((w) => w());
      });
      res.on('end', () => {
        ended = true;
        waiters.splice(0).forEach((w) => w());
      });
      resolve(status);
    });
  });
  return {
    events,
    ready,
    get ended() {
      return ended;
    },
    /** Resolves once `count` events have arrived in all (rejects after `ms`). */
    async until(count: number, ms = 10_000): Promise<SseEvent[]> {
      const deadline = Date.now() + ms;
      while (events.length < count) {
        if (ended) throw new Error(`stream ended with ${events.length} of ${count} events`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out with ${events.length} of ${count} events`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          waiters.push(() => {
            clearTimeout(t);
            r();
          });
        });
      }
      return events;
    },
    close() {
      ended = true;
      req.destroy();
    },
  };
}
