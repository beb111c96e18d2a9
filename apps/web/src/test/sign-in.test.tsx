import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, customer, json, problem, signedIn, token } from './fake-api';
import { renderApp } from './render-app';

const captcha = { id: 'cap-1', image: 'data:image/svg+xml;base64,PHN2Zy8+', expiresAt: '2026-11-22T12:00:00Z' };

async function fillAndSubmit(user: ReturnType<typeof renderApp>['user'], login: string, password: string) {
  await user.type(await screen.findByLabelText('Телефон или номер договора'), login);
  await user.type(screen.getByLabelText('Пароль'), password);
  await user.click(screen.getByRole('button', { name: 'Войти' }));
}

describe('sign-in page', () => {
  it('when the password is right, then the home page greets the customer and the token is used', async () => {
    const api = createFakeApi()
      .on('POST', '/auth/login', () => json(200, token('access-42')))
      .on('GET', '/me', () => json(200, customer));
    const { user, location } = renderApp('/login');

    await fillAndSubmit(user, '8 921 000-00-01', 'demo12345');

    expect(await screen.findByRole('heading', { level: 1, name: 'Здравствуйте, Иван Иванович!' })).toBeInTheDocument();
    expect(location()).toBe('/');
    expect(api.callsTo('POST', '/auth/login')[0]?.body).toEqual({ login: '8 921 000-00-01', password: 'demo12345' });
    expect(api.callsTo('GET', '/me')[0]?.headers.get('Authorization')).toBe('Bearer access-42');
    expect(screen.getByText('+7 921 000-00-01')).toBeInTheDocument();
  });

  it('when the fields are empty, then each says so and focus goes to the first', async () => {
    createFakeApi();
    const { user } = renderApp('/login');

    await user.click(await screen.findByRole('button', { name: 'Войти' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Проверьте поля формы.');
    const login = screen.getByLabelText('Телефон или номер договора');
    expect(login).toHaveAttribute('aria-invalid', 'true');
    expect(login).toHaveAccessibleDescription(expect.stringContaining('Заполните это поле'));
    expect(login).toHaveFocus();
  });

  it('when the password is wrong, then the error is announced and the password cleared', async () => {
    createFakeApi().on('POST', '/auth/login', () => problem(401, 'invalid_credentials'));
    const { user } = renderApp('/login');

    await fillAndSubmit(user, '+79210000001', 'wrong-one');

    expect(await screen.findByRole('alert')).toHaveTextContent('Неверный логин или пароль.');
    expect(screen.getByLabelText('Пароль')).toHaveValue('');
    expect(screen.queryByRole('img', { name: 'Картинка с символами для проверки' })).not.toBeInTheDocument();
  });

  it('when a failure says the next try needs a captcha, then the picture appears and its answer is sent', async () => {
    const api = createFakeApi()
      .once('POST', '/auth/login', () => problem(401, 'invalid_credentials', { captcha }))
      .once('POST', '/auth/login', () => json(200, token()))
      .on('GET', '/me', () => json(200, customer));
    const { user } = renderApp('/login');

    await fillAndSubmit(user, '100200300', 'wrong-one');
    const picture = await screen.findByRole('img', { name: 'Картинка с символами для проверки' });
    expect(picture).toHaveAttribute('src', captcha.image);

    await user.type(screen.getByLabelText('Пароль'), 'demo12345');
    await user.type(screen.getByLabelText('Символы с картинки'), 'x7k2');
    await user.click(screen.getByRole('button', { name: 'Войти' }));

    expect(await screen.findByRole('heading', { level: 1, name: /Здравствуйте/ })).toBeInTheDocument();
    expect(api.callsTo('POST', '/auth/login')[1]?.body).toEqual({
      login: '100200300',
      password: 'demo12345',
      captcha: { id: 'cap-1', answer: 'x7k2' },
    });
  });

  it('when the captcha answer is wrong, then it says so and shows the new picture; "another picture" fetches one more', async () => {
    const second = { ...captcha, id: 'cap-2', image: 'data:image/svg+xml;base64,Mg==' };
    const third = { ...captcha, id: 'cap-3', image: 'data:image/svg+xml;base64,Mw==' };
    const api = createFakeApi()
      .once('POST', '/auth/login', () => problem(428, 'captcha_required', { captcha }))
      .once('POST', '/auth/login', () => problem(428, 'captcha_invalid', { captcha: second }))
      .on('POST', '/auth/captcha', () => json(200, third));
    const { user } = renderApp('/login');

    await fillAndSubmit(user, '+79210000001', 'demo12345');
    expect(await screen.findByRole('alert')).toHaveTextContent('Введите символы с картинки.');
    expect(screen.getByLabelText('Символы с картинки')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Пароль'), 'demo12345');
    await user.type(screen.getByLabelText('Символы с картинки'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Войти' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Символы с картинки введены неверно');
    expect(screen.getByRole('img', { name: 'Картинка с символами для проверки' })).toHaveAttribute('src', second.image);
    expect(screen.getByLabelText('Символы с картинки')).toHaveValue('');

    await user.click(screen.getByRole('button', { name: 'Другая картинка' }));
    await waitFor(() =>
      expect(screen.getByRole('img', { name: 'Картинка с символами для проверки' })).toHaveAttribute('src', third.image),
    );
    expect(api.callsTo('POST', '/auth/captcha')).toHaveLength(1);
  });

  it('when the login is locked, then it says until what time', async () => {
    createFakeApi().on('POST', '/auth/login', () =>
      problem(423, 'login_locked', { lockedUntil: '2026-11-22T11:05:00.000Z' }),
    );
    const { user } = renderApp('/login');

    await fillAndSubmit(user, '+79210000001', 'wrong-one');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Слишком много неудачных попыток. Вход заблокирован до 14:05.',
    );
  });

  it('when too many requests were made, then it says how long to wait (from Retry-After)', async () => {
    createFakeApi().on('POST', '/auth/login', () => problem(429, 'rate_limited', {}, { 'Retry-After': '30' }));
    const { user } = renderApp('/login');

    await fillAndSubmit(user, '+79210000001', 'demo12345');

    expect(await screen.findByRole('alert')).toHaveTextContent('Повторите через 30 секунд.');
  });

  it('when the API names invalid fields, then they are shown under the fields', async () => {
    createFakeApi().on('POST', '/auth/login', () =>
      problem(400, 'validation_failed', {
        errors: [{ field: 'login', code: 'maxLength', message: 'login must be shorter than or equal to 32 characters' }],
      }),
    );
    const { user } = renderApp('/login');

    await fillAndSubmit(user, '1'.repeat(40), 'demo12345');

    expect(await screen.findByRole('alert')).toHaveTextContent('Проверьте правильность заполнения полей.');
    expect(screen.getByLabelText('Телефон или номер договора')).toHaveAccessibleDescription(
      expect.stringContaining('Слишком длинное значение'),
    );
  });

  it('when the account is blocked, then it says so', async () => {
    createFakeApi().on('POST', '/auth/login', () => problem(403, 'account_blocked'));
    const { user } = renderApp('/login');
    await fillAndSubmit(user, '+79210000001', 'demo12345');
    expect(await screen.findByRole('alert')).toHaveTextContent('Учётная запись заблокирована');
  });

  it('when the password was issued, then the forced change comes first and then the home page', async () => {
    const api = createFakeApi()
      .on('POST', '/auth/login', () => json(200, token('access-1', true)))
      .on('POST', '/me/password', () => json(200, { endedSessions: 0 }))
      .on('GET', '/me', () => json(200, customer));
    const { user, location } = renderApp('/login');

    await fillAndSubmit(user, '+79210000001', 'issued-1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Смените пароль' })).toBeInTheDocument();
    expect(location()).toBe('/change-password');
    await user.type(screen.getByLabelText('Текущий пароль'), 'issued-1');
    await user.type(screen.getByLabelText('Новый пароль'), 'my-own-pass-7');
    await user.type(screen.getByLabelText('Повторите новый пароль'), 'my-own-pass-7');
    await user.click(screen.getByRole('button', { name: 'Сменить пароль' }));

    expect(await screen.findByRole('heading', { level: 1, name: /Здравствуйте/ })).toBeInTheDocument();
    expect(api.callsTo('POST', '/me/password')[0]?.body).toEqual({
      currentPassword: 'issued-1',
      newPassword: 'my-own-pass-7',
    });
  });

  it('when signed in with ?next=/sessions, then it goes there', async () => {
    createFakeApi()
      .on('POST', '/auth/login', () => json(200, token()))
      .on('GET', '/me', () => json(200, customer))
      .on('GET', '/me/sessions', () => json(200, { items: [], nextCursor: null }));
    const { user, location } = renderApp('/login?next=%2Fsessions');
    await fillAndSubmit(user, '+79210000001', 'demo12345');
    expect(await screen.findByRole('heading', { level: 1, name: 'Устройства и сеансы' })).toBeInTheDocument();
    expect(location()).toBe('/sessions');
  });

  it('when next points outside the site, then sign-in goes home instead', async () => {
    createFakeApi()
      .on('POST', '/auth/login', () => json(200, token()))
      .on('GET', '/me', () => json(200, customer));
    const { user, location } = renderApp('/login?next=%2F%2Fevil.example%2Fphish');
    await fillAndSubmit(user, '+79210000001', 'demo12345');
    expect(await screen.findByRole('heading', { level: 1, name: /Здравствуйте/ })).toBeInTheDocument();
    expect(location()).toBe('/');
  });

  it('when a session is already there, then /login goes straight on', async () => {
    signedIn(createFakeApi());
    const { location } = renderApp('/login');
    expect(await screen.findByRole('heading', { level: 1, name: /Здравствуйте/ })).toBeInTheDocument();
    expect(location()).toBe('/');
  });

  it('the page can be switched to English', async () => {
    createFakeApi();
    const { user } = renderApp('/login');
    const switcher = await screen.findByRole('group', { name: 'Язык' });
    await user.click(within(switcher).getByRole('button', { name: 'EN' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to your cabinet' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(within(screen.getByRole('group', { name: 'Language' })).getByRole('button', { name: 'EN' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });
});
