import { onTabMessage, postToTabs } from './tab-sync';

/**
 * When this browser last did something the server counts as activity (an authenticated
 * request, in any tab) and when the person last touched a page. The idle watcher reads both.
 */
let lastApiCallAt = Date.now();
let lastInputAt = Date.now();
let lastPostedAt = 0;
const remoteListeners = new Set<() => void>();

/** Other tabs hear of activity at most every few seconds. */
const postEveryMs = 5_000;

function share(force = false): void {
  const now = Date.now();
  if (!force && now - lastPostedAt < postEveryMs) return;
  lastPostedAt = now;
  postToTabs({ type: 'activity', apiAt: lastApiCallAt, inputAt: lastInputAt });
}

onTabMessage((message) => {
  if (message.type !== 'activity') return;
  const before = Math.max(lastApiCallAt, lastInputAt);
  lastApiCallAt = Math.max(lastApiCallAt, message.apiAt);
  lastInputAt = Math.max(lastInputAt, message.inputAt);
  if (Math.max(lastApiCallAt, lastInputAt) > before) remoteListeners.forEach((listener) => listener());
});

export const activity = {
  apiCalled(): void {
    lastApiCallAt = Date.now();
    share();
  },
  userInput(): void {
    lastInputAt = Date.now();
    share();
  },
  /** "Continue" in the idle dialog: tell other tabs at once, so theirs closes too. */
  renewed(): void {
    lastApiCallAt = Date.now();
    lastInputAt = lastApiCallAt;
    share(true);
  },
  lastApiCallAt: (): number => lastApiCallAt,
  lastActiveAt: (): number => Math.max(lastApiCallAt, lastInputAt),
  /** Another tab was active (the idle warning here may close). */
  onRemoteActivity(listener: () => void): () => void {
    remoteListeners.add(listener);
    return () => {
      remoteListeners.delete(listener);
    };
  },
  /** Sign-in and tests: start counting from now. */
  reset(): void {
    lastApiCallAt = Date.now();
    lastInputAt = lastApiCallAt;
    lastPostedAt = 0;
  },
};
