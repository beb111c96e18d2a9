import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, customer, json, problem, signedIn } from './fake-api';
import { renderApp } from './render-app';

function section(name: string) {
  return screen.getByRole('article', { name });
}

describe('profile page', () => {
  it('shows the personal data with the phone formatted', async () => {
    signedIn(createFakeApi());
    renderApp('/profile');
    const personal = await screen.findByRole('article', { name: 'Личные данные' });
    expect(personal).toHaveTextContent('Иванов Иван Иванович');
    expect(personal).toHaveTextContent('+7 921 000-00-01');
    expect(personal).toHaveTextContent('12.04.1985');
    expect(personal).toHaveTextContent('100200300');
  });

  it('when the password is changed with "end other sessions", then it says how many ended', async () => {
    const api = signedIn(createFakeApi()).on('POST', '/me/password', () => json(200, { endedSessions: 2 }));
    const { user } = renderApp('/profile');
    await screen.findByRole('article', { name: 'Смена пароля' });
    const form = within(section('Смена пароля'));

    await user.type(form.getByLabelText('Текущий пароль'), 'demo12345');
    await user.type(form.getByLabelText('Новый пароль'), 'Sever-Veter-2026');
    await user.type(form.getByLabelText('Повторите новый пароль'), 'Sever-Veter-2026');
    await user.click(form.getByRole('checkbox', { name: 'Завершить сеансы на других устройствах' }));
    await user.click(form.getByRole('button', { name: 'Сменить пароль' }));

    expect(await form.findByText('Пароль изменён. Завершено 2 сеанса на других устройствах.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/me/password')[0]?.body).toEqual({
      currentPassword: 'demo12345',
      newPassword: 'Sever-Veter-2026',
      endOtherSessions: true,
    });
    expect(form.getByLabelText('Текущий пароль')).toHaveValue('');
  });

  it('when the current password is wrong, then the field says so', async () => {
    signedIn(createFakeApi()).on('POST', '/me/password', () => problem(400, 'wrong_password'));
    const { user } = renderApp('/profile');
    await screen.findByRole('article', { name: 'Смена пароля' });
    const form = within(section('Смена пароля'));

    await user.type(form.getByLabelText('Текущий пароль'), 'nope-nope');
    await user.type(form.getByLabelText('Новый пароль'), 'Sever-Veter-2026');
    await user.type(form.getByLabelText('Повторите новый пароль'), 'Sever-Veter-2026');
    await user.click(form.getByRole('button', { name: 'Сменить пароль' }));

    await form.findByRole('alert', {}, { timeout: 3000 });
    expect(form.getByLabelText('Текущий пароль')).toHaveAccessibleDescription('Неверный пароль.');
    expect(form.getByLabelText('Текущий пароль')).toHaveFocus();
  });

  it('when the phone is changed, then a code goes to the new number and confirming it updates the profile', async () => {
    const changed = { ...customer, phone: '+79215554433' };
    const api = signedIn(createFakeApi())
      .on('POST', '/me/phone', () => json(202, { phone: '+79215554433', resendAfter: 60, codeTtl: 300 }))
      .on('POST', '/me/phone/confirm', () => json(200, changed));
    const { user } = renderApp('/profile');
    await screen.findByRole('article', { name: 'Номер телефона' });
    const phone = within(section('Номер телефона'));

    await user.type(phone.getByLabelText('Новый номер телефона'), '8 (921) 555-44-33');
    await user.type(phone.getByLabelText('Пароль от кабинета'), 'demo12345');
    await user.click(phone.getByRole('button', { name: 'Получить код' }));

    expect(await phone.findByText('Код отправлен в SMS на номер +7 921 555-44-33.')).toBeInTheDocument();
    await user.type(phone.getByLabelText('Код из SMS'), '654321');
    await user.click(phone.getByRole('button', { name: 'Подтвердить' }));

    expect(await phone.findByText('Номер телефона изменён: +7 921 555-44-33.')).toBeInTheDocument();
    expect(section('Личные данные')).toHaveTextContent('+7 921 555-44-33');
    expect(api.callsTo('POST', '/me/phone')[0]?.body).toEqual({ password: 'demo12345', phone: '8 (921) 555-44-33' });
    expect(api.callsTo('POST', '/me/phone/confirm')[0]?.body).toEqual({ code: '654321' });
  });

  it('when a borrower changes the phone, then the profile says it waits for an operator (the old number still signs in)', async () => {
    const api = signedIn(createFakeApi())
      .on('POST', '/me/phone', () => json(202, { phone: '+79215554433', resendAfter: 60, codeTtl: 300 }))
      .on('POST', '/me/phone/confirm', () => json(200, { ...customer, pendingPhone: '+79215554433' }));
    const { user } = renderApp('/profile');
    const phone = within(await screen.findByRole('article', { name: 'Номер телефона' }));
    await user.type(phone.getByLabelText('Новый номер телефона'), '8 (921) 555-44-33');
    await user.type(phone.getByLabelText('Пароль от кабинета'), 'demo12345');
    await user.click(phone.getByRole('button', { name: 'Получить код' }));
    await user.type(await phone.findByLabelText('Код из SMS'), '654321');
    await user.click(phone.getByRole('button', { name: 'Подтвердить' }));
    expect(await phone.findByText(/Новый номер \+7 921 555-44-33 ждёт подтверждения: оператор позвонит/)).toBeInTheDocument();
    expect(api.callsTo('POST', '/me/phone/confirm')).toHaveLength(1);
  });

  it('when the new phone belongs to someone else, then the phone field says so', async () => {
    signedIn(createFakeApi()).on('POST', '/me/phone', () => problem(409, 'phone_taken'));
    const { user } = renderApp('/profile');
    await screen.findByRole('article', { name: 'Номер телефона' });
    const phone = within(section('Номер телефона'));
    await user.type(phone.getByLabelText('Новый номер телефона'), '+79210000002');
    await user.type(phone.getByLabelText('Пароль от кабинета'), 'demo12345');
    await user.click(phone.getByRole('button', { name: 'Получить код' }));
    expect(await phone.findByText('Этот номер уже привязан к другой учётной записи.', { selector: 'small' })).toBeInTheDocument();
  });

  it('when the e-mail is removed, then null is sent and the profile says there is none', async () => {
    const api = signedIn(createFakeApi()).on('PUT', '/me/email', () => json(200, { ...customer, email: null }));
    const { user } = renderApp('/profile');
    await screen.findByRole('article', { name: 'Электронная почта' });
    const email = within(section('Электронная почта'));

    await user.type(email.getByLabelText('Пароль от кабинета'), 'demo12345');
    await user.click(email.getByRole('button', { name: 'Удалить адрес' }));

    expect(await email.findByText('Адрес удалён.')).toBeInTheDocument();
    expect(email.getByText('Адрес не указан.')).toBeInTheDocument();
    expect(api.callsTo('PUT', '/me/email')[0]?.body).toEqual({ password: 'demo12345', email: null });
  });
});
