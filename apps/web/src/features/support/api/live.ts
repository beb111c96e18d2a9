import type { SupportMessageView } from '@cabinet/shared-types';
import { useEffect, useRef, useState } from 'react';
import { API_BASE, refreshSession } from '@/shared/api/client';
import { sessionStore } from '@/shared/session/session-store';
import { chatBase, sideOptions, type ChatSide } from './chats';

export interface ParsedEvent {
  id: string | null;
  event: string;
  data: string;
}

/**
 * A Server-Sent Events parser (the text/event-stream format): feed it chunks, it gives back whole
 * events. Comments (`: ping`) and `retry:` lines are skipped.
 */
export function createSseParser() {
  let buffer = '';
  return (chunk: string): ParsedEvent[] => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    const out: ParsedEvent[] = [];
    let at: number;
    while ((at = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      let id: string | null = null;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = value;
        else if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length) out.push({ id, event, data: data.join('\n') });
    }
    return out;
  };
}

/** Messages by `seq`, oldest first, each once. */
export function mergeMessages(list: SupportMessageView[], more: SupportMessageView[]): SupportMessageView[] {
  if (!more.length) return list;
  const seen = new Set(list.map((m) => m.seq));
  const next = [...list, ...more.filter((m) => !seen.has(m.seq))];
  return next.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0));
}

/**
 * The chat live: a fetch-based EventSource (it can send the bearer token or the visitor's token, which
 * EventSource cannot). When the server ends the stream or the network drops, it reconnects with
 * `Last-Event-ID` — the newest event it has — so nothing is lost or shown twice.
 */
export function useChatStream(side: ChatSide | null, chatId: string, onEvent?: (m: SupportMessageView) => void) {
  const [state, setState] = useState<{ key: string; list: SupportMessageView[] }>({ key: '', list: [] });
  const [connected, setConnected] = useState(false);
  const callback = useRef(onEvent);
  callback.current = onEvent;
  const sideKey = side ? `${side.kind}:${side.kind === 'visitor' ? side.token : ''}` : '';
  const key = `${sideKey}/${chatId}`;

  useEffect(() => {
    if (!side || !chatId) return;
    const abort = new AbortController();
    let last = '0';
    let delay = 1000;
    const run = async () => {
      while (!abort.signal.aborted) {
        try {
          const opts = sideOptions(side);
          const headers: Record<string, string> = { Accept: 'text/event-stream', 'Last-Event-ID': last, ...opts.headers };
          const token = opts.auth === false ? null : sessionStore.getState().accessToken;
          if (token) headers.Authorization = `Bearer ${token}`;
          const res = await fetch(`${API_BASE}${chatBase(side)}/${encodeURIComponent(chatId)}/events`, { headers, signal: abort.signal, credentials: 'same-origin' });
          if (res.status === 401 && opts.auth !== false) {
            if (!(await refreshSession().catch(() => null))) return;
            continue;
          }
          if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
          setConnected(true);
          delay = 1000;
          const parse = createSseParser();
          const reader = res.body.getReader();
          const decoder = new TextDecoder();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            const batch: SupportMessageView[] = [];
            for (const e of parse(decoder.decode(value, { stream: true }))) {
              const m = JSON.parse(e.data) as SupportMessageView;
              batch.push(m);
              if (e.id) last = e.id;
            }
            if (batch.length) {
              setState((prev) => ({ key, list: mergeMessages(prev.key === key ? prev.list : [], batch) }));
              for (const m of batch) callback.current?.(m);
            }
          }
        } catch {
          if (abort.signal.aborted) return;
        }
        setConnected(false);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    };
    void run();
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the side and chat are keyed by `key`
  }, [key]);

  return { messages: state.key === key ? state.list : [], connected };
}
