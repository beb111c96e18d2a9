import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabMessage } from '@/shared/session/tab-sync';
import { createFakeApi, signedIn } from './fake-api';
import { renderApp } from './render-app';

/** Another tab of the same browser, as the app sees it: the same BroadcastChannel name. */
function otherTab() {
  const channel = new BroadcastChannel('cabinet-session');
  return {
    post: (message: TabMessage) => channel.postMessage(message),
    close: () => channel.close(),
  };
}

describe('several tabs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when another tab signs out, then this one goes to sign-in as well', async () => {
    signedIn(createFakeApi());
    const { location } = renderApp('/profile');
    await screen.findByRole('heading', { level: 1, name: 'Профиль' });
    const tab = otherTab();

    tab.post({ type: 'signed-out', reason: 'logout' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Вход в личный кабинет' })).toBeInTheDocument();
    expect(location()).toBe('/login');
    tab.close();
  });

  it('when another tab is in use, then the idle warning here closes', async () => {
    vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    signedIn(createFakeApi());
    const { user } = renderApp('/', { fakeTimers: true });
    const heading = await vi.waitFor(() => screen.getByRole('heading', { level: 1, name: /Здравствуйте/ }), {
      timeout: 5000,
    });
    await user.click(heading);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(845_000);
    });
    expect(screen.getByRole('alertdialog', { name: 'Вы ещё здесь?' })).toBeInTheDocument();
    const tab = otherTab();

    tab.post({ type: 'activity', apiAt: Date.now(), inputAt: Date.now() });

    await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    tab.close();
  });
});
