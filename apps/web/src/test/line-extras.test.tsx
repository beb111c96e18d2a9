import type { BlacklistView, ContentServiceListView } from '@cabinet/shared-types';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mobileAccount } from './account-fixtures';
import { createFakeApi, json, problem, signedIn } from './fake-api';
import { renderApp } from './render-app';

const rub = (amount: number) => ({ amount, currency: 'RUB' as const });
const blacklist = (over: Partial<BlacklistView> = {}): BlacklistView => ({ lineId: 'l-1', enabled: false, fee: rub(30_00), count: 0, max: 300, items: [], ...over });
const content: ContentServiceListView = {
  items: [
    { id: 's-1', title: 'Гороскоп', provider: 'АстроМедиа', kind: 'subscription', price: rub(99_00), status: 'active', connectedAt: '2026-11-01T00:00:00Z', switchedOffAt: null, charged: rub(198_00) },
  ],
  monthlyTotal: rub(99_00),
};

function setup() {
  const account = mobileAccount();
  return signedIn(createFakeApi())
    .on('GET', '/accounts', () => json(200, { items: [account], nextCursor: null }))
    .on('GET', '/accounts/a-1', () => json(200, account))
    .on('GET', '/accounts/a-1/lines/l-1/content-services', () => json(200, content))
    .on('GET', '/accounts/a-1/lines/l-1/blacklist', () => json(200, blacklist()));
}

describe('line extras tab', () => {
  it('when a line has a paid subscription, then its price and cost are shown and one click switches it off', async () => {
    const api = setup().on('POST', '/accounts/a-1/lines/l-1/content-services/s-1/off', () => json(200, { ...content.items[0], status: 'off', switchedOffAt: '2026-11-22T09:00:00Z' }));
    const { user } = renderApp('/accounts/a-1/extras');
    const section = await screen.findByRole('region', { name: 'Платные подписки' }, { timeout: 5000 });
    expect(section).toHaveTextContent(/Гороскоп/);
    expect(section.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/99 ₽ за период/);
    expect(section.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/Списано всего: 198 ₽/);
    await user.click(within(section).getByRole('button', { name: 'Отключить: Гороскоп' }));
    expect(await within(section).findByText(/больше списаний не будет/)).toBeInTheDocument();
    expect(api.callsTo('POST', '/accounts/a-1/lines/l-1/content-services/s-1/off')[0]!.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('when a number is added to the blacklist, then it is sent as E.164; the cap and the switch speak in words', async () => {
    const api = setup()
      .once('POST', '/accounts/a-1/lines/l-1/blacklist/numbers', () => json(201, blacklist({ count: 1, items: [{ msisdn: '+79215550001', note: null, createdAt: '2026-11-22T09:00:00Z' }] })))
      .on('POST', '/accounts/a-1/lines/l-1/blacklist/numbers', () => problem(409, 'blacklist_full'))
      .on('PUT', '/accounts/a-1/lines/l-1/blacklist', () => json(200, blacklist({ enabled: true })));
    const { user } = renderApp('/accounts/a-1/extras');
    const section = await screen.findByRole('region', { name: 'Чёрный список' }, { timeout: 5000 });
    await user.type(within(section).getByRole('textbox', { name: 'Номер для блокировки' }), '8 921 555-00-01');
    await user.click(within(section).getByRole('button', { name: 'Добавить' }));
    expect(await within(section).findByRole('button', { name: 'Убрать +7 921 555-00-01' })).toBeInTheDocument();
    expect(api.callsTo('POST', '/accounts/a-1/lines/l-1/blacklist/numbers')[0]!.body).toEqual({ msisdn: '+79215550001' });

    await user.type(within(section).getByRole('textbox', { name: 'Номер для блокировки' }), '8 921 555-00-02');
    await user.click(within(section).getByRole('button', { name: 'Добавить' }));
    expect(await within(section).findByText(/уже 300 номеров/)).toBeInTheDocument();

    await user.click(within(section).getByRole('checkbox', { name: 'Чёрный список включён' }));
    expect(await within(section).findByText(/Чёрный список включён, списано/)).toBeInTheDocument();
    expect(api.callsTo('PUT', '/accounts/a-1/lines/l-1/blacklist')[0]!.body).toEqual({ enabled: true });
  });
});
