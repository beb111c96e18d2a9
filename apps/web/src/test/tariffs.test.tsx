import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { black, home500, minimum, tariff } from './account-fixtures';
import { createFakeApi, json } from './fake-api';
import { renderApp } from './render-app';

describe('public tariff catalog', () => {
  it('is open without signing in and filters by kind and operator (the API is asked, the URL remembers)', async () => {
    const all = [tariff(), minimum, black, home500];
    const api = createFakeApi().on('GET', '/tariffs', (request) => {
      const kind = request.url.searchParams.get('kind');
      const provider = request.url.searchParams.get('provider');
      const items = all.filter((t) => (!kind || t.kind === kind) && (!provider || t.provider === provider));
      return json(200, { items, nextCursor: null });
    });
    const { user, location } = renderApp('/tariffs');

    expect(await screen.findByRole('heading', { level: 1, name: 'Тарифы' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Тарифы' });
    expect(within(list).getAllByRole('article')).toHaveLength(4);
    expect(screen.getByText('Найдено 4 тарифа')).toBeInTheDocument();
    const home = within(list).getByRole('article', { name: 'Домашний 500' });
    expect(home).toHaveTextContent('500 Мбит/с');
    expect(within(list).getByRole('article', { name: 'Минимум' }).textContent?.replace(/\u00a0/g, ' ')).toContain(
      '350 ₽ в месяц',
    );
    expect(screen.getByRole('link', { name: /Войти в личный кабинет/ })).toHaveAttribute('href', '/login');

    await user.click(screen.getByRole('radio', { name: 'Мобильная связь' }));
    await screen.findByText('Найдено 3 тарифа');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Оператор' }), 'megafon');
    await screen.findByText('Найдено 2 тарифа');
    expect(location()).toBe('/tariffs?kind=mobile&provider=megafon');
    const last = api.callsTo('GET', '/tariffs').at(-1)!;
    expect(last.url.searchParams.get('kind')).toBe('mobile');
    expect(last.url.searchParams.get('provider')).toBe('megafon');
    expect(last.headers.get('Authorization')).toBeNull();
    expect(screen.queryByRole('article', { name: 'Черный' })).not.toBeInTheDocument();
  });

  it('the sign-in page links to it', async () => {
    createFakeApi();
    renderApp('/login');
    expect(await screen.findByRole('link', { name: 'Посмотреть тарифы' })).toHaveAttribute('href', '/tariffs');
  });
});
