import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, customer, json, signedIn } from './fake-api';
import { renderApp } from './render-app';

const admin = { ...customer, role: 'admin' as const };
const partner = { id: 'p-1', name: 'АЗС «Север»', contactEmail: 'it@sever.example', description: null, status: 'active', activeKeys: 1, createdAt: '2026-11-01T09:00:00Z' };
const key = (over: Record<string, unknown> = {}) => ({
  id: 'k-1',
  partnerId: 'p-1',
  name: 'Кассы',
  prefix: '3f9a0c1b2d4e',
  scopes: ['bonus:purchases'],
  ipAllowlist: [],
  rateLimitPerMinute: 6000,
  state: 'active',
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  rotatedFromId: null,
  replacedById: null,
  createdAt: '2026-11-01T09:00:00Z',
  ...over,
});
const endpoint = { id: 'w-1', partnerId: 'p-1', url: 'https://crm.example/hooks', description: null, events: ['payment.succeeded'], status: 'active', disabledReason: null, failingSince: null, previousSecretExpiresAt: null, createdAt: '2026-11-01T09:00:00Z' };

function partnerApi() {
  return signedIn(createFakeApi(), admin)
    .on('GET', '/backoffice/partners/p-1', () => json(200, partner))
    .on('GET', '/backoffice/partners/p-1/api-keys', () => json(200, { items: [key()], nextCursor: null }))
    .on('GET', '/backoffice/partners/p-1/webhooks', () => json(200, { items: [endpoint] }));
}

describe('integrator back office', () => {
  it('when someone who is not an administrator opens it, then the console sends them away: a subscriber home, an operator to the console', async () => {
    signedIn(createFakeApi());
    const subscriber = renderApp('/backoffice/integrations');
    await waitFor(() => expect(subscriber.location()).toBe('/'));
    subscriber.unmount();
    signedIn(createFakeApi(), { ...admin, role: 'operator' });
    const operator = renderApp('/backoffice/integrations');
    await waitFor(() => expect(operator.location()).toBe('/backoffice'));
  });

  it('lists partners, and adding one opens its page', async () => {
    const api = partnerApi()
      .on('GET', '/backoffice/partners', () => json(200, { items: [partner], nextCursor: null }))
      .on('POST', '/backoffice/partners', () => json(201, partner));
    const { user, location } = renderApp('/backoffice/integrations');
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'АЗС «Север»' })).toHaveAttribute('href', '/backoffice/integrations/partners/p-1');

    const form = screen.getByRole('form', { name: 'Добавить партнёра' });
    await user.click(within(form).getByRole('button', { name: 'Добавить партнёра' }));
    expect(within(form).getByLabelText('Название')).toHaveAttribute('aria-invalid', 'true');
    await user.type(within(form).getByLabelText('Название'), 'АЗС «Север»');
    await user.type(within(form).getByLabelText('Почта для уведомлений'), 'it@sever.example');
    await user.click(within(form).getByRole('button', { name: 'Добавить партнёра' }));
    await waitFor(() => expect(location()).toBe('/backoffice/integrations/partners/p-1'));
    const post = api.callsTo('POST', '/backoffice/partners')[0]!;
    expect(post.body).toEqual({ name: 'АЗС «Север»', contactEmail: 'it@sever.example', description: null });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('issues a key with scopes and an allow-list and shows it once', async () => {
    const api = partnerApi().on('POST', '/backoffice/partners/p-1/api-keys', () => json(201, { ...key({ id: 'k-2', name: 'CRM' }), key: 'cab_3f9a0c1b2d4e_SECRETSECRETSECRETSECRETSECRET123' }));
    const { user } = renderApp('/backoffice/integrations/partners/p-1');
    await screen.findByRole('heading', { level: 1, name: 'АЗС «Север»' });
    await user.click(screen.getByText('Выпустить ключ', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Выпустить ключ' });
    await user.type(within(form).getByLabelText('Название ключа'), 'CRM');
    await user.click(within(form).getByRole('checkbox', { name: /webhooks:manage/ }));
    await user.type(within(form).getByLabelText('Разрешённые адреса'), '203.0.113.0/24, 198.51.100.7');
    await user.click(within(form).getByRole('button', { name: 'Выпустить ключ' }));

    const reveal = await screen.findByRole('region', { name: 'Новый ключ «CRM»' });
    expect(within(reveal).getByRole('status', { name: 'Новый ключ «CRM»' })).toHaveTextContent('cab_3f9a0c1b2d4e_SECRETSECRETSECRETSECRETSECRET123');
    expect(reveal).toHaveTextContent('больше он показан не будет');
    expect(api.callsTo('POST', '/backoffice/partners/p-1/api-keys')[0]?.body).toEqual({ name: 'CRM', scopes: ['webhooks:manage'], ipAllowlist: ['203.0.113.0/24', '198.51.100.7'] });
    await user.click(within(reveal).getByRole('button', { name: 'Я сохранил' }));
    expect(screen.queryByText(/SECRETSECRET/)).not.toBeInTheDocument();
  });

  it('rotates a key with an overlap window and revokes one only after a confirmation', async () => {
    const api = partnerApi()
      .on('POST', '/backoffice/api-keys/k-1/rotate', () => json(200, { created: { ...key({ id: 'k-3' }), key: 'cab_aaaaaaaaaaaa_NEWNEWNEWNEWNEWNEWNEWNEWNEWNEWNEW12' }, previous: key({ state: 'expiring', replacedById: 'k-3' }) }))
      .on('POST', '/backoffice/api-keys/k-1/revoke', () => json(200, key({ state: 'revoked' })));
    const { user } = renderApp('/backoffice/integrations/partners/p-1');
    const card = await screen.findByRole('article', { name: /Кассы/ });
    await user.click(within(card).getByRole('button', { name: 'Заменить ключ' }));
    const dialog = screen.getByRole('dialog', { name: 'Заменить ключ?' });
    await user.selectOptions(within(dialog).getByLabelText('Старый ключ работает ещё'), '72');
    await user.click(within(dialog).getByRole('button', { name: 'Заменить ключ' }));
    expect(await screen.findByText('cab_aaaaaaaaaaaa_NEWNEWNEWNEWNEWNEWNEWNEWNEWNEWNEW12')).toBeInTheDocument();
    expect(api.callsTo('POST', '/backoffice/api-keys/k-1/rotate')[0]?.body).toEqual({ overlapHours: 72 });

    await user.click(within(card).getByRole('button', { name: 'Отозвать' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Отозвать ключ?' });
    expect(api.callsTo('POST', '/backoffice/api-keys/k-1/revoke')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Отозвать' }));
    expect(await screen.findByText('Ключ «Кассы» отозван.')).toBeInTheDocument();
  });

  it('shows a key’s usage per day and its call log', async () => {
    signedIn(createFakeApi(), admin)
      .on('GET', '/backoffice/api-keys/k-1', () => json(200, key({ lastUsedAt: '2026-11-22T08:00:00Z' })))
      .on('GET', '/backoffice/api-keys/k-1/usage', () => json(200, { keyId: 'k-1', from: '2026-10-24', to: '2026-11-22', totalCalls: 12, totalErrors: 1, rows: [{ day: '2026-11-22', route: 'POST /integrations/usage', calls: 12, errors: 1, avgLatencyMs: 18 }] }))
      .on('GET', '/backoffice/api-keys/k-1/calls', () => json(200, { items: [{ at: '2026-11-22T08:00:00Z', method: 'POST', route: '/integrations/usage', status: 429, latencyMs: 3, ip: '203.0.113.5' }], nextCursor: null }));
    renderApp('/backoffice/integrations/keys/k-1');
    expect(await screen.findByText('Вызовов: 12, ошибок: 1 (2026-10-24 — 2026-11-22).')).toBeInTheDocument();
    const tables = await screen.findAllByRole('table');
    expect(within(tables[1]!).getByRole('row', { name: /429/ })).toHaveTextContent('203.0.113.5');
  });

  it('shows an endpoint’s delivery log and redelivers one', async () => {
    const delivery = { id: 'd-1', endpointId: 'w-1', eventId: 'msg_1', eventType: 'payment.succeeded', status: 'failed', attempts: 9, nextAttemptAt: null, lastAttemptAt: '2026-11-23T09:00:00Z', lastStatusCode: 500, createdAt: '2026-11-22T09:00:00Z', payload: { type: 'payment.succeeded', timestamp: '2026-11-22T09:00:00Z', data: {} }, attemptLog: [{ at: '2026-11-23T09:00:00Z', statusCode: 500, durationMs: 12, error: 'HTTP 500', manual: false }] };
    const api = signedIn(createFakeApi(), admin)
      .on('GET', '/backoffice/webhooks/w-1', () => json(200, endpoint))
      .on('GET', '/backoffice/webhooks/w-1/deliveries', () => json(200, { items: [delivery], nextCursor: null }))
      .on('POST', '/backoffice/webhooks/w-1/deliveries/d-1/redeliver', () => json(200, { ...delivery, status: 'succeeded', lastStatusCode: 200 }));
    const { user } = renderApp('/backoffice/integrations/webhooks/w-1');
    const item = await screen.findByRole('article', { name: /payment\.succeeded/ });
    expect(item).toHaveTextContent('не доставлено');
    expect(item).toHaveTextContent('9 попыток');
    await user.click(within(item).getByRole('button', { name: 'Отправить ещё раз' }));
    expect(await screen.findByText('Доставлено (ответ 200).')).toBeInTheDocument();
    expect(api.callsTo('POST', '/backoffice/webhooks/w-1/deliveries/d-1/redeliver')[0]?.headers.get('Idempotency-Key')).toBeTruthy();
  });
});
