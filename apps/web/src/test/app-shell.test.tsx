import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, signedIn } from './fake-api';
import { renderApp } from './render-app';

describe('signed-in shell', () => {
  it('has the name in the header, the modules in the navigation (future ones marked "скоро")', async () => {
    signedIn(createFakeApi());
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: /Здравствуйте/ });

    expect(screen.getByRole('banner')).toHaveTextContent('Иван Иванов');
    const nav = screen.getByRole('navigation', { name: 'Разделы кабинета' });
    expect(within(nav).getByRole('link', { name: 'Главная' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Профиль' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Счета и линии' })).toHaveAttribute('href', '/accounts');
    expect(within(nav).getByRole('link', { name: 'Тарифы' })).toHaveAttribute('href', '/tariffs');
    expect(within(nav).getByRole('link', { name: 'Платежи' })).toHaveAttribute('href', '/payments');
    expect(within(nav).getByRole('link', { name: 'Банковские карты' })).toHaveAttribute('href', '/cards');
    // Issue 7: applications and orders, and the beautiful-number catalog, are here now; issues 5 and 6: loans and bonus.
    expect(within(nav).getByRole('link', { name: 'Заявки' })).toHaveAttribute('href', '/orders');
    expect(within(nav).getByRole('link', { name: 'Красивые номера' })).toHaveAttribute('href', '/numbers');
    expect(within(nav).getByRole('link', { name: 'Займы' })).toHaveAttribute('href', '/loans');
    expect(within(nav).getByRole('link', { name: 'Бонусы' })).toHaveAttribute('href', '/bonus');
    // Support arrived with issue 8: no module is marked "скоро" any more.
    expect(within(nav).getByRole('link', { name: 'Поддержка' })).toHaveAttribute('href', '/support');
    expect(within(nav).queryByText('скоро')).not.toBeInTheDocument();
  });

  it('the phone menu button tells whether the menu is open and closes after choosing', async () => {
    signedIn(createFakeApi());
    const { user } = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: /Здравствуйте/ });

    const toggle = screen.getByRole('button', { name: 'Открыть меню' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAttribute('aria-controls', 'main-nav');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Закрыть меню' })).toHaveAttribute('aria-expanded', 'true');

    await user.click(within(screen.getByRole('navigation')).getByRole('link', { name: 'Профиль' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Профиль' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Открыть меню' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('an unknown address shows the 404 page', async () => {
    createFakeApi();
    renderApp('/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Страница не найдена' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'На главную' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('navigation', { name: 'Разделы кабинета' })).not.toBeInTheDocument();
  });

  it('a signed-in customer at an unknown address stays in the cabinet: their name, the navigation', async () => {
    signedIn(createFakeApi());
    renderApp('/accounts-old/7000001');
    // While the session is being restored, a loader: never the visitor's header and footer first.
    expect(screen.queryByRole('navigation', { name: 'Для новых абонентов' })).not.toBeInTheDocument();
    expect(await screen.findByRole('navigation', { name: 'Разделы кабинета' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Для новых абонентов' })).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Страница не найдена' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('Иван Иванов');
  });
});
