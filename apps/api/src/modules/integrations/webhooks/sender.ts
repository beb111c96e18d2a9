/** What came back from one try at a receiver. */
export interface WebhookResponse {
  /** The receiver's status; null when no answer came (refused, reset, timed out). */
  status: number | null;
  durationMs: number;
  error: string | null;
}

/** Sends one signed event. The real one posts over HTTP; tests may hand in their own. */
export type WebhookSender = (url: string, headers: Record<string, string>, body: string) => Promise<WebhookResponse>;

/** POST with a 10 s timeout; redirects are not followed (a 3xx is a failure, as Standard Webhooks says). */
export const httpWebhookSender: WebhookSender = async (url, headers, body) => {
  const started = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { status: res.status, durationMs: Math.round(performance.now() - started), error: ok ? null : `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? 'timeout after 10 s' : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { status: null, durationMs: Math.round(performance.now() - started), error: String(reason).slice(0, 500) };
  }
};
