import '@picocss/pico/css/pico.min.css';
import './styles.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { initLanguage, loadRussianRest } from './shared/i18n/i18n';
import { bootShellPaths, dismissBootShell } from './shared/lib/boot-shell';
import { hasSessionHint } from './shared/session/session-store';

const root = document.getElementById('root');
if (!root) throw new Error('No #root element in index.html');

// The installable app: the service worker caches the shell and shows push notifications (built app only).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  };
  // public/boot.js may start the app after the page has loaded (behind the static sign-in page).
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);
}

// A visitor without a session on /login (or /, which sends them there) sees the sign-in page first: its texts are in
// the first download, the rest of the Russian ones follow once it is up.
const signInFirst = !hasSessionHint() && bootShellPaths.includes(window.location.pathname);

void initLanguage({ firstScreen: signInFirst }).finally(() => {
  const app = createRoot(root);
  // A transition: React renders the first screen in slices and gives the main thread back in between (taps, input,
  // the paint of index.html's static sign-in page) instead of in one long task.
  startTransition(() => {
    app.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
  // The sign-in page removes index.html's static copy of itself; should it never come (a chunk that failed to
  // load), the copy, which cannot be used, does not stay in the way.
  setTimeout(dismissBootShell, 15_000);
  if (signInFirst) {
    const later = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 500));
    later(() => void loadRussianRest().catch(() => undefined), { timeout: 3000 });
  }
});
