import type { SupportChatDetailView, SupportMessageView } from '@cabinet/shared-types';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSseParser, mergeMessages } from '@/features/support/api/live';
import { createFakeApi, json, signedIn } from './fake-api';
import { renderApp } from './render-app';

const msg = (seq: number, over: Partial<SupportMessageView> = {}): SupportMessageView => ({
  id: `m-${seq}`,
  seq: String(seq),
  kind: 'message',
  author: 'customer',
  authorName: 'Иван',
  text: `Сообщение ${seq}`,
  attachment: null,
  createdAt: '2026-11-22T09:00:00Z',
  ...over,
});

const chat: SupportChatDetailView = {
  id: 'chat-1',
  number: 'S-100001',
  topic: 'technical',
  status: 'active',
  operatorName: 'Ольга',
  rating: null,
  createdAt: '2026-11-22T09:00:00Z',
  lastMessageAt: '2026-11-22T09:00:00Z',
  closedAt: null,
  messages: [],
};

/** A text/event-stream answer with these events, then the end (as the server ends a stream). */
function stream(events: SupportMessageView[]): Response {
  const text = `retry: 2000\n\n: ping\n\n${events.map((e) => `id: ${e.seq}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`).join('')}`;
  return new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

describe('support', () => {
  it('when the event stream comes in pieces, then the parser gives whole events and skips comments; merging keeps each message once, in order', () => {
    const parse = createSseParser();
    expect(parse('retry: 2000\n\n: ping\n\nid: 7\nevent: mess')).toEqual([]);
    expect(parse('age\ndata: {"a":1}\n\nid: 8\ndata: {"a":2}\r\n\r\n')).toEqual([
      { id: '7', event: 'message', data: '{"a":1}' },
      { id: '8', event: 'message', data: '{"a":2}' },
    ]);
    expect(mergeMessages([msg(1), msg(3)], [msg(3), msg(2), msg(10)]).map((m) => m.seq)).toEqual(['1', '2', '3', '10']);
  });

  it('when the customer opens a chat, then the messages come over the stream, and the reconnect after the server ends it sends Last-Event-ID and shows nothing twice', async () => {
    const api = signedIn(createFakeApi());
    api.on('GET', '/support/chats/chat-1', () => json(200, chat));
    // The server answers what comes after Last-Event-ID, then ends the stream; after the newest it stays open.
    const history = [msg(1, { text: 'Не работает интернет' }), msg(2, { kind: 'taken', author: 'system', authorName: 'Ольга', text: null })];
    api.on('GET', '/support/chats/chat-1/events', (r) => {
      const last = Number(r.headers.get('last-event-id') ?? 0);
      if (last < 2) return stream(history.filter((m) => Number(m.seq) > last));
      if (last === 2) return stream([msg(3, { author: 'operator', authorName: 'Ольга', text: 'Перезагрузите роутер' })]);
      return new Response(new ReadableStream(), { status: 200, headers: { 'content-type': 'text/event-stream' } });
    });
    renderApp('/support/chat-1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Обращение S-100001' }, { timeout: 5000 })).toBeInTheDocument();
    const log = await screen.findByRole('log', { name: 'Переписка' });
    expect(await within(log).findByText('Не работает интернет')).toBeInTheDocument();
    expect(within(log).getByText('Ольга взял(а) обращение', { exact: false })).toBeInTheDocument();
    expect(await within(log).findByText('Перезагрузите роутер', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(within(log).getByText('Оператор Ольга')).toBeInTheDocument();
    expect(within(log).getAllByRole('listitem')).toHaveLength(3);

    const streams = api.callsTo('GET', '/support/chats/chat-1/events').map((c) => [c.headers.get('last-event-id'), c.headers.get('authorization')]);
    expect(streams).toContainEqual(['0', 'Bearer access-1']);
    expect(streams).toContainEqual(['2', 'Bearer access-1']);
  });

  it('when a visitor searches the help page for «пароля», then the found questions are shown and a vote goes with the browser’s visitor id', async () => {
    const api = createFakeApi();
    api.on('GET', '/faq', () => json(200, { items: [] }));
    api.on('GET', '/faq/search', (r) =>
      json(200, {
        items:
          r.url.searchParams.get('q') === 'пароля'
            ? [{ id: 'q-1', categoryId: 'c-1', question: 'Как восстановить пароль?', answer: 'Нажмите «Забыли пароль?».', helpfulYes: 0, helpfulNo: 0, categoryTitle: 'Кабинет', snippet: '«пароль»' }]
            : [],
      }),
    );
    api.on('POST', '/faq/questions/q-1/votes', () => json(200, { questionId: 'q-1', helpful: true, helpfulYes: 1, helpfulNo: 0 }));
    const { user } = renderApp('/help');
    expect(await screen.findByRole('heading', { level: 1, name: 'Помощь' }, { timeout: 5000 })).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Поиск по частым вопросам' }), 'пароля');
    await user.click(screen.getByRole('button', { name: 'Найти' }));
    const found = await screen.findByRole('region', { name: 'Найдено' });
    await user.click(await within(found).findByText('Как восстановить пароль?'));
    await user.click(within(found).getByRole('button', { name: 'Да' }));
    expect(await within(found).findByText('Спасибо за отзыв')).toBeInTheDocument();
    const vote = api.callsTo('POST', '/faq/questions/q-1/votes')[0];
    expect(vote?.body).toMatchObject({ helpful: true, visitorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // A visitor gets the chat form with name and phone.
    expect(screen.getByLabelText('Телефон')).toBeInTheDocument();
    expect(screen.getByLabelText('Как к вам обращаться')).toBeInTheDocument();
  });
});
