import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, json, noContent, problem, signedIn } from './fake-api';
import { renderApp } from './render-app';

const challenge = { challengeId: '6f1c2a9e-0d5b-4f7e-9a31-1c2d3e4f5a6b', question: 'Девичья фамилия матери', attemptsLeft: 3, expiresAt: '2026-11-22T09:05:00Z' };

describe('security question', () => {
  it('when the phone is lost, then the sign-in page leads to the question; a wrong answer shows the tries left, the right one sets the password', async () => {
    const api = createFakeApi()
      .on('POST', '/auth/password-reset/question', () => json(200, challenge))
      .once('POST', '/auth/password-reset/question/confirm', () => problem(400, 'security_answer_invalid', { attemptsLeft: 2 }))
      .on('POST', '/auth/password-reset/question/confirm', () => noContent());
    const { user } = renderApp('/login');
    await user.click(await screen.findByRole('link', { name: /Ответьте на контрольный вопрос/ }, { timeout: 5000 }));
    await screen.findByRole('heading', { level: 1, name: 'Восстановление по контрольному вопросу' }, { timeout: 5000 });
    await user.type(screen.getByRole('textbox', { name: 'Телефон или номер договора' }), '+79210000001');
    await user.click(screen.getByRole('button', { name: 'Показать вопрос' }));
    expect(await screen.findByText('Вопрос: Девичья фамилия матери')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Ответ' }), 'Петрова');
    await user.type(screen.getByLabelText('Новый пароль'), 'Novyi-Parol-2026');
    await user.click(screen.getByRole('button', { name: 'Сменить пароль' }));
    expect(await screen.findByText('Ответ неверный.')).toBeInTheDocument();
    expect(screen.getByText('Осталось попыток: 2')).toBeInTheDocument();
    await user.clear(screen.getByRole('textbox', { name: 'Ответ' }));
    await user.type(screen.getByRole('textbox', { name: 'Ответ' }), 'Смирнова');
    await user.click(screen.getByRole('button', { name: 'Сменить пароль' }));
    expect(await screen.findByText(/Пароль изменён/)).toBeInTheDocument();
    expect(api.callsTo('POST', '/auth/password-reset/question/confirm')[1]!.body).toEqual({ challengeId: challenge.challengeId, answer: 'Смирнова', newPassword: 'Novyi-Parol-2026' });
  });

  it('when the question is set in the profile, then the password goes with it and the new question is shown', async () => {
    const api = signedIn(createFakeApi())
      .on('GET', '/me/security-question', () => json(200, { question: null, setAt: null }))
      .on('PUT', '/me/security-question', () => json(200, { question: 'Кличка первой собаки', setAt: '2026-11-22T09:00:00Z' }));
    const { user } = renderApp('/profile');
    const card = await screen.findByRole('form', { name: 'Контрольный вопрос' }, { timeout: 5000 });
    await user.type(within(card).getByRole('textbox', { name: /^Вопрос/ }), 'Кличка первой собаки');
    await user.type(within(card).getByRole('textbox', { name: /^Ответ/ }), 'Шарик');
    await user.type(within(card).getByLabelText('Текущий пароль'), 'demo12345');
    await user.click(within(card).getByRole('button', { name: 'Сохранить вопрос' }));
    await waitFor(() => expect(screen.getByText('Сейчас: «Кличка первой собаки»')).toBeInTheDocument());
    expect(api.callsTo('PUT', '/me/security-question')[0]!.body).toEqual({ question: 'Кличка первой собаки', answer: 'Шарик', password: 'demo12345' });
    expect(card).toBeInTheDocument();
  });
});
