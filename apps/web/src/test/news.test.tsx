import type { NewsItemView, PromotionView, StaffNewsItemView } from '@cabinet/shared-types';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { admin } from './backoffice-fixtures';
import { createFakeApi, json, problem, signedIn } from './fake-api';
import { renderApp } from './render-app';

const news: NewsItemView = {
  id: 'n-1',
  kind: 'news',
  slug: 'new-cabinet',
  title: 'Новый личный кабинет',
  summary: 'Платежи, заявки, займы и бонусы — в одном месте.',
  body: 'Первый абзац.\n\nВторой абзац.',
  imageUrl: '/api/v1/news/new-cabinet/image?v=1',
  imageAlt: 'Фиолетовый баннер',
  publishedAt: '2026-11-20T09:00:00.000Z',
  startsAt: null,
  endsAt: null,
};
const promo: PromotionView = {
  ...news,
  id: 'p-1',
  kind: 'promotion',
  slug: 'double-gigabytes',
  title: 'Удвоенный трафик',
  summary: 'Весь месяц вдвое больше гигабайт.',
  imageUrl: null,
  imageAlt: null,
  joinedAt: null,
  open: true,
};

describe('news (public)', () => {
  it('lists news and promotions with pictures for a visitor, and the newsletter form sends a confirmation link', async () => {
    const api = createFakeApi()
      .on('GET', '/news', () => json(200, { items: [promo, news], nextCursor: null }))
      .on('POST', '/newsletter/subscriptions', ({ body }) => json(202, { email: (body as { email: string }).email, status: 'pending' }));
    const { user } = renderApp('/news');

    const item = await screen.findByRole('article', { name: 'Новый личный кабинет' });
    expect(within(item).getByRole('img', { name: 'Фиолетовый баннер' })).toHaveAttribute('src', news.imageUrl);
    expect(within(item).getByRole('link', { name: 'Новый личный кабинет' })).toHaveAttribute('href', '/news/new-cabinet');
    expect(within(screen.getByRole('article', { name: 'Удвоенный трафик' })).getByText('Акция')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Электронная почта'), 'anna@example.ru');
    await user.click(screen.getByRole('button', { name: 'Подписаться' }));
    expect(await screen.findByText('Письмо со ссылкой для подтверждения отправлено на anna@example.ru.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/newsletter/subscriptions')[0]?.body).toEqual({ email: 'anna@example.ru' });
    expect(api.callsTo('GET', '/news')[0]?.headers.get('Authorization')).toBeNull();
  });

  it('shows one item with its paragraphs; an unknown address is a not-found page', async () => {
    createFakeApi().on('GET', '/news/new-cabinet', () => json(200, news));
    renderApp('/news/new-cabinet');
    expect(await screen.findByRole('heading', { level: 1, name: 'Новый личный кабинет' })).toBeInTheDocument();
    expect(screen.getByText('Второй абзац.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Фиолетовый баннер' })).toBeInTheDocument();
  });
});

describe('promotions', () => {
  it('when a customer joins a promotion, then the join is sent once and the page shows since when they take part', async () => {
    let joined: string | null = null;
    const api = signedIn(createFakeApi())
      .on('GET', '/me/promotions', () => json(200, { items: [{ ...promo, joinedAt: joined }], nextCursor: null }))
      .on('POST', '/me/promotions/p-1/join', () => {
        joined = '2026-11-22T10:00:00.000Z';
        return json(200, { promotionId: 'p-1', joinedAt: joined, created: true });
      });
    const { user } = renderApp('/promotions');
    const card = await screen.findByRole('article', { name: 'Удвоенный трафик' });
    await user.click(within(card).getByRole('button', { name: 'Участвовать' }));
    expect(await within(card).findByRole('status')).toHaveTextContent(/Вы участвуете с/);
    expect(within(card).queryByRole('button', { name: 'Участвовать' })).not.toBeInTheDocument();
    expect(api.callsTo('POST', '/me/promotions/p-1/join')).toHaveLength(1);
  });

  it('when the promotion has closed meanwhile, then the API’s refusal is shown', async () => {
    signedIn(createFakeApi())
      .on('GET', '/me/promotions', () => json(200, { items: [promo], nextCursor: null }))
      .on('POST', '/me/promotions/p-1/join', () => problem(409, 'promotion_closed'));
    const { user } = renderApp('/promotions');
    await user.click(await screen.findByRole('button', { name: 'Участвовать' }));
    expect(await screen.findByText('Акция сейчас не принимает участников.')).toBeInTheDocument();
  });
});

describe('newsletter pages', () => {
  it('confirms the subscription from the e-mail link', async () => {
    const api = createFakeApi().on('POST', '/newsletter/confirm', () => json(200, { email: 'anna@example.ru', status: 'confirmed' }));
    renderApp('/newsletter/confirm?token=abc');
    expect(await screen.findByText('Подписка для anna@example.ru подтверждена. Спасибо!')).toBeInTheDocument();
    expect(api.callsTo('POST', '/newsletter/confirm')[0]?.body).toEqual({ token: 'abc' });
  });

  it('unsubscribes only when the button is pressed (opening the link changes nothing), without signing in', async () => {
    const api = createFakeApi().on('POST', '/newsletter/unsubscribe', ({ url }) =>
      url.searchParams.get('token') === 'good' ? json(200, { email: 'anna@example.ru', status: 'unsubscribed' }) : problem(400, 'newsletter_token_invalid'),
    );
    const { user } = renderApp('/newsletter/unsubscribe?email=anna%40example.ru&token=good');
    const button = await screen.findByRole('button', { name: 'Отписаться' });
    expect(screen.getByText('Больше не присылать новости на anna@example.ru?')).toBeInTheDocument();
    expect(api.callsTo('POST', '/newsletter/unsubscribe')).toHaveLength(0);
    await user.click(button);
    expect(await screen.findByText('Готово: anna@example.ru больше не получит рассылку.')).toBeInTheDocument();
    const call = api.callsTo('POST', '/newsletter/unsubscribe')[0];
    expect(call?.url.searchParams.get('email')).toBe('anna@example.ru');
    expect(call?.headers.get('Authorization')).toBeNull();
  });

  it('when the link is not valid for the address, then it says so', async () => {
    createFakeApi().on('POST', '/newsletter/unsubscribe', () => problem(400, 'newsletter_token_invalid'));
    const { user } = renderApp('/newsletter/unsubscribe?email=vera%40example.ru&token=bad');
    await user.click(await screen.findByRole('button', { name: 'Отписаться' }));
    expect(await screen.findByText(/Ссылка неверна или устарела/)).toBeInTheDocument();
  });
});

describe('back-office news editor', () => {
  it('when an admin schedules a post, then it is sent with a publication time and an Idempotency-Key, and the list shows it scheduled', async () => {
    let items: StaffNewsItemView[] = [];
    const api = signedIn(createFakeApi(), admin)
      .on('GET', '/backoffice/summary', () => json(200, { items: [] }))
      .on('GET', '/backoffice/news', () => json(200, { items }))
      .on('POST', '/backoffice/news', ({ body }) => {
        const b = body as StaffNewsItemView;
        const created: StaffNewsItemView = { ...news, ...b, id: 'n-9', state: 'scheduled', scheduledAt: b.publishedAt, archivedAt: null, participants: 0, createdAt: b.publishedAt, updatedAt: b.publishedAt };
        items = [created];
        return json(201, created);
      });
    const { user } = renderApp('/backoffice/news');
    await screen.findByRole('heading', { level: 1, name: 'Новости и акции' });
    await user.type(screen.getByLabelText('Адрес страницы'), 'winter-sale');
    await user.type(screen.getByLabelText('Заголовок'), 'Зимняя распродажа');
    await user.type(screen.getByLabelText('Кратко'), 'Скидки');
    await user.type(screen.getByLabelText('Текст'), 'Подробности');
    await user.type(screen.getByLabelText('Опубликовать'), '2026-12-24T10:00');
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));

    await waitFor(() => expect(api.callsTo('POST', '/backoffice/news')).toHaveLength(1));
    const call = api.callsTo('POST', '/backoffice/news')[0]!;
    expect(call.headers.get('Idempotency-Key')).toBeTruthy();
    expect(call.body).toMatchObject({ kind: 'news', slug: 'winter-sale', title: 'Зимняя распродажа', publishedAt: new Date('2026-12-24T10:00').toISOString() });
    const list = await screen.findByRole('list', { name: 'Новости и акции' });
    expect(await within(list).findByText(/запланирована/)).toBeInTheDocument();
  });
});
