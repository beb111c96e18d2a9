/**
 * Tabs of the same browser share one server session (one refresh cookie). They tell each other
 * about activity, so an idle tab does not sign out a person busy in another one, and about
 * signing out, so every tab leaves together. Nothing secret goes over the channel.
 */
export type TabMessage =
  | { type: 'activity'; apiAt: number; inputAt: number }
  | { type: 'signed-out'; reason: 'logout' | 'idle' };

const channel: BroadcastChannel | null =
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('cabinet-session');

// In Node (the test runner) an open channel would keep the process alive.
(channel as { unref?: () => void } | null)?.unref?.();

const listeners = new Set<(message: TabMessage) => void>();

channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
  listeners.forEach((listener) => listener(event.data));
});

export function postToTabs(message: TabMessage): void {
  try {
    channel?.postMessage(message);
  } catch {
    // A closed channel (page being unloaded): nothing to tell.
  }
}

export function onTabMessage(listener: (message: TabMessage) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
