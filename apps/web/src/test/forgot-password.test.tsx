import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { authConfig, createFakeApi, json, noContent, problem } from './fake-api';
import { renderApp } from './render-app';

const sent = { resendAfter: 60, codeTtl: 300, surnameRequired: false };

describe('forgot password', () => {
  it('when a code is asked for and entered with a new password, then sign-in opens with a note and the login filled in', async () => {
    const api = createFakeApi()
      .on('POST', '/auth/password-reset', () => json(202, sent))
      .on('POST', '/auth/password-reset/confirm', () => noContent());
    const { user, location } = renderApp('/forgot-password');

    await user.type(await screen.findByLabelText('Телефон или номер договора'), '8 921 000-00-01');
    await user.click(screen.getByRole('button', { name: 'Получить код' }));

    expect(await screen.findByText(/Шаг 2 из 2/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Код действует 5 мин.');
    expect(screen.getByRole('button', { name: 'Отправить код ещё раз' })).toBeDisabled();
    expect(screen.getByText(/Отправить код повторно можно через 1:00/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Код из SMS'), '123456');
    await user.type(screen.getByLabelText('Новый пароль'), 'Sever-Veter-2026');
    await user.type(screen.getByLabelText('Повторите новый пароль'), 'Sever-Veter-2026');
    await user.click(screen.getByRole('button', { name: 'Сменить пароль' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Вход в личный кабинет' })).toBeInTheDocument();
    expect(location()).toBe('/login');
    expect(screen.getByRole('status')).toHaveTextContent('Пароль изменён. Войдите с новым паролем.');
    expect(screen.getByLabelText('Телефон или номер договора')).toHaveValue('8 921 000-00-01');
    expect(api.callsTo('POST', '/auth/password-reset')[0]?.body).toEqual({ login: '8 921 000-00-01' });
    expect(api.callsTo('POST', '/auth/password-reset/confirm')[0]?.body).toEqual({
      login: '8 921 000-00-01',
      code: '123456',
      newPassword: 'Sever-Veter-2026',
    });
  });

  it('when the code is wrong, then it says how many tries are left, under the code field', async () => {
    createFakeApi()
      .on('POST', '/auth/password-reset', () => json(202, sent))
      .on('POST', '/auth/password-reset/confirm', () => problem(400, 'otp_invalid', { attemptsLeft: 2 }));
    const { user } = renderApp('/forgot-password');
    await user.type(await screen.findByLabelText('Телефон или номер договора'), '100200300');
    await user.click(screen.getByRole('button', { name: 'Получить код' }));

    await user.type(await screen.findByLabelText('Код из SMS'), '000000');
    await user.type(screen.getByLabelText('Новый пароль'), 'Sever-Veter-2026');
    await user.type(screen.getByLabelText('Повторите новый пароль'), 'Sever-Veter-2026');
    await user.click(screen.getByRole('button', { name: 'Сменить пароль' }));

    await vi.waitFor(() =>
      expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toContain('Неверный код. Осталось 2 попытки.'),
    );
    expect(screen.getByLabelText('Код из SMS')).toHaveAccessibleDescription('Неверный код. Осталось 2 попытки.');
    expect(screen.getByLabelText('Код из SMS')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Код из SMS')).toHaveFocus();
  });

  it('when the passwords differ or the code is not 6 digits, then nothing is sent', async () => {
    const api = createFakeApi().on('POST', '/auth/password-reset', () => json(202, sent));
    const { user } = renderApp('/forgot-password');
    await user.type(await screen.findByLabelText('Телефон или номер договора'), '100200300');
    await user.click(screen.getByRole('button', { name: 'Получить код' }));

    await user.type(await screen.findByLabelText('Код из SMS'), '12');
    await user.type(screen.getByLabelText('Новый пароль'), 'short');
    await user.type(screen.getByLabelText('Повторите новый пароль'), 'other');
    await user.click(screen.getByRole('button', { name: 'Сменить пароль' }));

    expect(screen.getByLabelText('Код из SMS')).toHaveAccessibleDescription('Код — это 6 цифр из SMS');
    expect(screen.getByLabelText('Новый пароль')).toHaveAccessibleDescription(expect.stringContaining('Не короче 8 символов'));
    expect(screen.getByLabelText('Повторите новый пароль')).toHaveAccessibleDescription('Пароли не совпадают');
    expect(api.callsTo('POST', '/auth/password-reset/confirm')).toHaveLength(0);
  });

  it('when the deployment asks for the surname, then step 1 asks for it and sends it', async () => {
    const api = createFakeApi()
      .on('GET', '/auth/config', () => json(200, { ...authConfig, passwordResetRequiresSurname: true }))
      .on('POST', '/auth/password-reset', () => json(202, { ...sent, surnameRequired: true }));
    const { user } = renderApp('/forgot-password');

    await user.type(await screen.findByLabelText('Телефон или номер договора'), '+79210000001');
    await user.click(screen.getByRole('button', { name: 'Получить код' }));
    expect(screen.getByLabelText('Фамилия')).toHaveFocus();

    await user.type(screen.getByLabelText('Фамилия'), 'Иванов');
    await user.click(screen.getByRole('button', { name: 'Получить код' }));
    await screen.findByLabelText('Код из SMS');
    expect(api.callsTo('POST', '/auth/password-reset')[0]?.body).toEqual({ login: '+79210000001', surname: 'Иванов' });
  });

  it('when the dev inbox is on, then a link to it is offered; when it is off, not', async () => {
    createFakeApi().on('GET', '/dev/outbox', () => json(200, { items: [], nextCursor: null }));
    renderApp('/forgot-password');
    expect(await screen.findByRole('link', { name: /тестовый почтовый ящик/i })).toHaveAttribute('href', '/dev/inbox');
  });

  it('when the dev inbox answers 404 (production), then there is no link', async () => {
    createFakeApi();
    renderApp('/forgot-password');
    await screen.findByRole('heading', { level: 1, name: 'Восстановление пароля' });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(screen.queryByRole('link', { name: /тестовый почтовый ящик/i })).not.toBeInTheDocument();
  });

  it('when the countdown ends, then the code can be sent again', async () => {
    vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const api = createFakeApi().on('POST', '/auth/password-reset', () => json(202, sent));
      const { user } = renderApp('/forgot-password', { fakeTimers: true });
      const login = await vi.waitFor(() => screen.getByLabelText('Телефон или номер договора'), { timeout: 5000 });
      await user.type(login, '100200300');
      await user.click(screen.getByRole('button', { name: 'Получить код' }));
      const resend = await vi.waitFor(() => screen.getByRole('button', { name: 'Отправить код ещё раз' }));
      expect(resend).toBeDisabled();

      await act(async () => {
        await vi.advanceTimersByTimeAsync(60_000);
      });
      expect(resend).toBeEnabled();
      await user.click(resend);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(10);
      });
      expect(api.callsTo('POST', '/auth/password-reset')).toHaveLength(2);
      expect(resend).toBeDisabled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('when a code was sent a moment ago (429 otp_resend_too_soon), then step 2 opens with the wait', async () => {
    createFakeApi().on('POST', '/auth/password-reset', () =>
      problem(429, 'otp_resend_too_soon', { retryAfter: 42 }),
    );
    const { user } = renderApp('/forgot-password');
    await user.type(await screen.findByLabelText('Телефон или номер договора'), '100200300');
    await user.click(screen.getByRole('button', { name: 'Получить код' }));

    expect(await screen.findByLabelText('Код из SMS')).toBeInTheDocument();
    expect(screen.getByText(/Отправить код повторно можно через 0:42/)).toBeInTheDocument();
  });
});
