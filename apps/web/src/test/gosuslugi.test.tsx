import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, customer, json, noContent, problem, signedIn, token } from './fake-api';
import { renderApp } from './render-app';

const ticket = 'T'.repeat(43);
const ticketView = { phone: '+7 921 ***-**-51', displayName: 'Анна С.', methods: ['password', 'sms'], expiresAt: '2026-11-22T12:10:00Z', next: '/accounts' };
const identity = {
  provider: 'esia',
  subject: 'esia-1000002',
  linkedAt: '2026-11-20T09:00:00Z',
  verified: { surname: 'Сидорова', name: 'Анна', patronymic: 'Викторовна', birthDate: '1987-11-02', phone: '+79210000051', passport: { series: '4012', number: '654321', issuedAt: '2012-06-20', issuedBy: 'ГУ МВД' } },
};

describe('Gosuslugi sign-in', () => {
  it('when the sign-in is configured, then the sign-in page offers “Войти через Госуслуги” that leaves for the provider with where to come back', async () => {
    createFakeApi().on('GET', '/auth/esia/config', () => json(200, { enabled: true, standIn: true }));
    renderApp('/login?next=%2Fpayments');
    const link = await screen.findByRole('link', { name: 'Войти через Госуслуги' });
    expect(link).toHaveAttribute('href', '/api/v1/auth/esia/start?next=%2Fpayments');
  });

  it('when it is not configured, then there is no such button', async () => {
    createFakeApi().on('GET', '/auth/esia/config', () => json(200, { enabled: false, standIn: false }));
    renderApp('/login');
    await screen.findByRole('button', { name: 'Войти' });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Войти через Госуслуги' })).not.toBeInTheDocument());
  });

  it('when the Gosuslugi account is not confirmed, then the page says so and how to fix it', async () => {
    createFakeApi();
    renderApp('/login/gosuslugi?outcome=unconfirmed');
    expect(await screen.findByRole('alert')).toHaveTextContent('Ваша учётная запись на Госуслугах не подтверждена');
    expect(screen.getByText(/центре обслуживания/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Войти по паролю' })).toHaveAttribute('href', '/login');
  });

  it('when an existing customer confirms the link with a wrong and then the right password, then they are signed in where they were going', async () => {
    const api = createFakeApi()
      .on('GET', `/auth/esia/link/${ticket}`, () => json(200, ticketView))
      .once('POST', '/auth/esia/link', () => problem(400, 'wrong_password', { attemptsLeft: 4 }))
      .once('POST', '/auth/esia/link', () => json(200, token('access-esia')))
      .on('GET', '/accounts', () => json(200, { items: [] }))
      .on('GET', '/me', () => json(200, customer));
    const { user, location } = renderApp(`/login/gosuslugi?outcome=link_required&ticket=${ticket}`);

    const form = await screen.findByRole('form', { name: 'Привязка Госуслуг к кабинету' });
    expect(form).toHaveTextContent('Анна С., у нас уже есть личный кабинет с номером +7 921 ***-**-51');
    await user.type(within(form).getByLabelText('Пароль от личного кабинета'), 'not-hers');
    await user.click(within(form).getByRole('button', { name: 'Подтвердить и войти' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Неверный пароль.');

    await user.type(within(form).getByLabelText('Пароль от личного кабинета'), 'demo12345');
    await user.click(within(form).getByRole('button', { name: 'Подтвердить и войти' }));
    await waitFor(() => expect(location()).toBe('/accounts'));
    expect(api.callsTo('POST', '/auth/esia/link').map((c) => c.body)).toEqual([
      { ticket, password: 'not-hers' },
      { ticket, password: 'demo12345' },
    ]);
  });

  it('when the customer chooses the SMS code, then a code is sent and the link is confirmed with it', async () => {
    const api = createFakeApi()
      .on('GET', `/auth/esia/link/${ticket}`, () => json(200, ticketView))
      .on('POST', '/auth/esia/link/sms', () => json(202, { resendAfter: 60, codeTtl: 300 }))
      .on('POST', '/auth/esia/link', () => json(200, token()))
      .on('GET', '/accounts', () => json(200, { items: [] }))
      .on('GET', '/me', () => json(200, customer));
    const { user, location } = renderApp(`/login/gosuslugi?outcome=link_required&ticket=${ticket}`);
    const form = await screen.findByRole('form', { name: 'Привязка Госуслуг к кабинету' });
    await user.click(within(form).getByRole('radio', { name: 'Кодом из SMS' }));
    await user.click(within(form).getByRole('button', { name: 'Получить код' }));
    expect(await within(form).findByText('Код отправлен на +7 921 ***-**-51.')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Код из SMS'), '123456');
    await user.click(within(form).getByRole('button', { name: 'Подтвердить и войти' }));
    await waitFor(() => expect(location()).toBe('/accounts'));
    expect(api.callsTo('POST', '/auth/esia/link')[0]?.body).toEqual({ ticket, code: '123456' });
  });

  it('when the ticket has ended, then the page says to start again', async () => {
    createFakeApi().on('GET', `/auth/esia/link/${ticket}`, () => problem(404, 'esia_ticket_invalid'));
    renderApp(`/login/gosuslugi?outcome=link_required&ticket=${ticket}`);
    expect(await screen.findByRole('alert')).toHaveTextContent('Ссылка для привязки устарела');
    expect(screen.getByRole('button', { name: 'Попробовать ещё раз' })).toHaveAttribute('href', '/api/v1/auth/esia/start?next=%2F');
  });
});

describe('Gosuslugi in the profile', () => {
  it('shows the linked account with the verified data and unlinks it after a confirmation', async () => {
    let linked = true;
    const api = signedIn(createFakeApi())
      .on('GET', '/me/identities', () => json(200, { items: linked ? [identity] : [] }))
      .on('DELETE', '/me/identities/esia', () => {
        linked = false;
        return noContent();
      });
    const { user } = renderApp('/profile');
    const card = await screen.findByRole('article', { name: 'Госуслуги' });
    await within(card).findByText('Сидорова Анна Викторовна');
    expect(card).toHaveTextContent('серия 4012, номер ***321');
    await user.click(within(card).getByRole('button', { name: 'Отвязать Госуслуги' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Отвязать Госуслуги?' });
    expect(api.callsTo('DELETE', '/me/identities/esia')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Отвязать Госуслуги' }));
    expect(await within(card).findByText('Госуслуги отвязаны.')).toBeInTheDocument();
    expect(await within(card).findByText(/Не привязаны/)).toBeInTheDocument();
  });
});
