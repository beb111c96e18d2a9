import { act, screen, within } from '@testing-library/react';
import type { FakeApi } from './fake-api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authConfig, createFakeApi, json, signedIn, token } from './fake-api';
import { renderApp } from './render-app';

async function advance(seconds: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(seconds * 1000);
  });
}

describe('idle timeout', () => {
  beforeEach(() => {
    // Testing Library drives fake timers only when it sees Jest's API; give it Vitest's.
    vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
    vi.useFakeTimers({ shouldAdvanceTime: false, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Signed in on the home page; the person's click there is time zero of the idle clock. */
  async function signedInHome(api: FakeApi = signedIn(createFakeApi())) {
    const view = renderApp('/', { fakeTimers: true });
    // vi.waitFor polls in real time (lazy pages load for real) and moves the fake clock along.
    const heading = await vi.waitFor(() => screen.getByRole('heading', { level: 1, name: /Здравствуйте/ }), {
      timeout: 5000,
    });
    await view.user.click(heading);
    return { api, ...view };
  }

  it('when nothing happens for 14 minutes, then it asks "are you still there?" with a countdown', async () => {
    await signedInHome();

    await advance(839);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    await advance(1);
    const dialog = screen.getByRole('alertdialog', { name: 'Вы ещё здесь?' });
    expect(dialog).toHaveTextContent('Сеанс завершится через 1:00');
    await advance(1);
    expect(dialog).toHaveTextContent('Сеанс завершится через 0:59');
    expect(within(dialog).getByRole('button', { name: 'Продолжить' })).toHaveFocus();
    expect(within(dialog).getByRole('button', { name: 'Выйти' })).toBeInTheDocument();
  });

  it('when "continue" is pressed, then the session is refreshed and the countdown starts over', async () => {
    const { api, user } = await signedInHome();
    api.on('POST', '/auth/refresh', () => json(200, token('renewed')));
    await advance(845);

    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Продолжить' }));
    await advance(0.1);

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(api.callsTo('POST', '/auth/refresh')).toHaveLength(2); // start-up + continue
    await advance(839);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await advance(1);
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
  });

  it('when nobody answers, then at 15 minutes it signs out to /login with a message', async () => {
    const { api, location } = await signedInHome();

    await advance(900);

    await vi.waitFor(() => screen.getByRole('heading', { level: 1, name: 'Вход в личный кабинет' }), { timeout: 5000 });
    expect(screen.getByRole('status')).toHaveTextContent('Сеанс завершён из-за бездействия.');
    expect(location()).toBe('/login');
    expect(api.callsTo('POST', '/auth/logout')).toHaveLength(1);
  });

  it('when the person types or clicks, then the idle clock starts over and the server session is kept alive', async () => {
    const { api, user } = await signedInHome();
    await advance(600);
    await user.keyboard('{Tab}');
    await advance(839);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await advance(1);
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    // Ten minutes without a request: the input also renewed the session on the server.
    expect(api.callsTo('POST', '/auth/refresh')).toHaveLength(2);
  });

  it('uses the timing from /auth/config', async () => {
    const { api } = await signedInHome(
      signedIn(createFakeApi()).on('GET', '/auth/config', () =>
        json(200, { ...authConfig, idleTimeoutSeconds: 300, idleWarningSeconds: 30 }),
      ),
    );
    expect(api.callsTo('GET', '/auth/config').length).toBeGreaterThan(0);

    await advance(270);
    expect(screen.getByRole('alertdialog')).toHaveTextContent('Сеанс завершится через 0:30');
  });
});
