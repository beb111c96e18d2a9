import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { home500, minimum, tariff } from './account-fixtures';
import { accepted, beautiful } from './backoffice-fixtures';
import { createFakeApi, json, problem } from './fake-api';
import { renderApp } from './render-app';

const captcha = { id: '0b6f9c0e-6d1e-4c61-9a86-2c1f0b0e7a11', image: 'data:image/svg+xml;base64,PHN2Zy8+', expiresAt: '2026-11-22T09:05:00Z' };

describe('public connection application', () => {
  it('when a visitor fills the form, then it is sent without signing in and the tracking number is shown', async () => {
    const api = createFakeApi()
      .on('GET', '/tariffs', () => json(200, { items: [tariff(), minimum], nextCursor: null }))
      .on('POST', '/applications/mobile', () => json(201, accepted));
    const { user } = renderApp('/connect');

    await screen.findByRole('heading', { level: 1, name: 'Заявка на подключение' });
    await screen.findByRole('option', { name: /Минимум/ });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Тариф' }), 't-min');
    await user.type(screen.getByRole('textbox', { name: 'Как к вам обращаться' }), 'Мария');
    await user.type(screen.getByRole('textbox', { name: /Телефон для связи/ }), '8 921 555-01-01');
    await user.click(screen.getByRole('button', { name: 'Отправить заявку' }));
    // Without consent nothing is sent; the checkbox says why.
    expect(screen.getByRole('checkbox', { name: /Согласен/ })).toHaveAccessibleDescription('Без согласия заявку не принять');
    expect(api.callsTo('POST', '/applications/mobile')).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: /Согласен/ }));
    await user.click(screen.getByRole('button', { name: 'Отправить заявку' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Заявка принята' })).toBeInTheDocument();
    expect(screen.getByTestId('tracking-number')).toHaveTextContent('A-100001');
    const [call] = api.callsTo('POST', '/applications/mobile');
    expect(call!.body).toEqual({ name: 'Мария', phone: '8 921 555-01-01', tariffId: 't-min', consent: true });
    expect(call!.headers.get('Authorization')).toBeNull();
    expect(screen.getByRole('link', { name: 'Проверить статус заявки' })).toHaveAttribute('href', '/applications/status?number=A-100001');
  });

  it('when the API asks for a captcha (428), then the picture appears and the answer goes with the next try', async () => {
    const api = createFakeApi()
      .on('GET', '/tariffs', () => json(200, { items: [home500], nextCursor: null }))
      .once('POST', '/applications/internet', () => problem(428, 'captcha_required', { captcha }))
      .on('POST', '/applications/internet', () => json(201, { ...accepted, kind: 'internet', number: 'A-100002' }));
    const { user } = renderApp('/connect/internet');

    await screen.findByRole('option', { name: /Домашний 500/ });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Тариф' }), 't-h500');
    await user.type(screen.getByRole('textbox', { name: 'Улица' }), 'ул. Марата');
    await user.type(screen.getByRole('textbox', { name: 'Дом' }), '12');
    await user.type(screen.getByRole('textbox', { name: 'Квартира' }), '44');
    await user.type(screen.getByRole('textbox', { name: 'Фамилия, имя, отчество' }), 'Кузнецов Дмитрий');
    await user.type(screen.getByRole('textbox', { name: /Телефон для связи/ }), '+7 921 555-02-02');
    await user.click(screen.getByRole('checkbox', { name: /Согласен/ }));
    await user.click(screen.getByRole('button', { name: 'Отправить заявку' }));

    const answer = await screen.findByRole('textbox', { name: 'Символы с картинки' });
    expect(screen.getByRole('img', { name: 'Картинка с символами для проверки' })).toHaveAttribute('src', captcha.image);
    await user.type(answer, 'k3d8p');
    await user.click(screen.getByRole('button', { name: 'Отправить заявку' }));
    await screen.findByRole('heading', { level: 1, name: 'Заявка принята' });
    const calls = api.callsTo('POST', '/applications/internet');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body).toMatchObject({ address: { street: 'ул. Марата', house: '12', flat: '44' }, fullName: 'Кузнецов Дмитрий', captcha: { id: captcha.id, answer: 'k3d8p' } });
  });

  it('when a number was chosen in the catalog, then the form says so and sends it; only that operator’s tariffs are offered', async () => {
    const api = createFakeApi()
      .on('GET', '/tariffs', () => json(200, { items: [tariff(), tariff({ id: 't-black', provider: 'tele2', name: 'Черный' })], nextCursor: null }))
      .on('GET', '/numbers/n-1', () => json(200, { ...beautiful(), available: true }))
      .on('POST', '/applications/mobile', () => json(201, { ...accepted, chosenNumber: '+79217777777' }));
    const { user } = renderApp('/connect?numberId=n-1');

    expect(await screen.findByRole('note')).toHaveTextContent(/\+7 921 777-77-77/);
    const tariffs = screen.getByRole('combobox', { name: 'Тариф' });
    expect(within(tariffs).queryByRole('option', { name: /Черный/ })).not.toBeInTheDocument();
    await user.selectOptions(tariffs, 't-vse');
    await user.type(screen.getByRole('textbox', { name: 'Как к вам обращаться' }), 'Анна');
    await user.type(screen.getByRole('textbox', { name: /Телефон для связи/ }), '9215550303');
    await user.click(screen.getByRole('checkbox', { name: /Согласен/ }));
    await user.click(screen.getByRole('button', { name: 'Отправить заявку' }));
    await screen.findByRole('heading', { level: 1, name: 'Заявка принята' });
    expect(api.callsTo('POST', '/applications/mobile')[0]!.body).toMatchObject({ numberId: 'n-1', tariffId: 't-vse' });
  });

  it('when the phone has used its 3 applications today, then the answer says so', async () => {
    createFakeApi()
      .on('GET', '/tariffs', () => json(200, { items: [tariff()], nextCursor: null }))
      .on('POST', '/callback-requests', () => problem(429, 'application_limit_reached', { retryAfter: 3600 }));
    const { user } = renderApp('/callback');
    await user.type(await screen.findByRole('textbox', { name: /Телефон для связи/ }), '89215550404');
    await user.click(screen.getByRole('button', { name: 'Жду звонка' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('С этого телефона сегодня уже отправили 3 заявки');
  });
});

describe('application status', () => {
  it('when the number and phone match, then every status is listed with its time; when not, it says it found nothing', async () => {
    const api = createFakeApi()
      .once('GET', '/applications/status', () => problem(404, 'not_found'))
      .on('GET', '/applications/status', () =>
        json(200, {
          ...accepted,
          status: 'rejected',
          reason: 'Нет технической возможности',
          history: [
            { status: 'new', at: '2026-11-22T09:00:00Z', reason: null },
            { status: 'rejected', at: '2026-11-22T11:00:00Z', reason: 'Нет технической возможности' },
          ],
        }),
      );
    const { user } = renderApp('/applications/status');
    await user.type(await screen.findByRole('textbox', { name: /Номер заявки/ }), 'A-100001');
    await user.type(screen.getByRole('textbox', { name: 'Телефон для связи' }), '8 921 555-01-01');
    await user.click(screen.getByRole('button', { name: 'Узнать статус' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Заявку с таким номером и телефоном не нашли');

    await user.clear(screen.getByRole('textbox', { name: 'Телефон для связи' }));
    await user.type(screen.getByRole('textbox', { name: 'Телефон для связи' }), '8 921 555-01-02');
    await user.click(screen.getByRole('button', { name: 'Узнать статус' }));
    const history = await screen.findByRole('list', { name: 'История заявки' });
    expect(within(history).getAllByRole('listitem')).toHaveLength(2);
    expect(within(history).getAllByRole('listitem')[1]).toHaveTextContent(/Отклонена.*Нет технической возможности/);
    expect(api.callsTo('GET', '/applications/status')[1]!.url.searchParams.get('phone')).toBe('8 921 555-01-02');
  });
});
