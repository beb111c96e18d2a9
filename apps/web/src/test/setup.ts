import '@testing-library/jest-dom/vitest';
import { SESSION_HINT_COOKIE } from '@cabinet/shared-types';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { i18n } from '@/shared/i18n/i18n';
import { activity } from '@/shared/session/activity';
import { sessionStore } from '@/shared/session/session-store';

// findBy…/waitFor wait only as long as they must, up to 5 s (1 s by default): on a loaded 2-core machine a
// lazy page can take more than a second to appear.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no layout: the router's scroll-to-top is a no-op here.
window.scrollTo = () => undefined;

beforeEach(async () => {
  // A fresh page load without the API's session hint (fake-api's `withSessionCookie()` sets it).
  document.cookie = `${SESSION_HINT_COOKIE}=; path=/; max-age=0`;
  sessionStore.reset();
  activity.reset();
  await i18n.changeLanguage('ru');
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  cleanup();
});
