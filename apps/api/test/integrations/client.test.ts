import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createCabinetClient, type components } from '@cabinet/client';
import { createTestContext, type TestContext } from '../support';
import { publishedDocument } from '../../src/cli/openapi';

/** packages/client: types generated from the OpenAPI document, openapi-fetch underneath. */
describe('the typed client (@cabinet/client)', () => {
  let t: TestContext;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestContext();
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    await t.close();
  });

  it('when the API changes, then the committed document and types are regenerated (this fails while they are stale)', () => {
    const script = path.join(__dirname, '../../../../packages/client/scripts/generate.mjs');
    const run = () => execFileSync(process.execPath, [script, '--check'], { input: JSON.stringify(publishedDocument()), stdio: ['pipe', 'pipe', 'pipe'] }).toString();
    expect(run()).toContain('up to date');
  });

  it('when an integrator posts usage with the client, then the typed answer is what the API stored', async () => {
    const owner = await t.createCustomer();
    const acc = await t.openMobileAccount(owner.id, { balance: 100_00 });
    const [{ msisdn }] = await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE id = $1', [acc.lineIds[0]]);
    const { key } = await t.createApiKey(['usage:write']);
    const cabinet = createCabinetClient({ baseUrl, apiKey: key });

    const record: components['schemas']['UsageRecordDto'] = { id: 'client-1', msisdn, type: 'sms', quantity: 2, occurredAt: '2026-11-22T08:00:00Z' };
    const { data, error, response } = await cabinet.POST('/integrations/usage', { params: { header: { 'Idempotency-Key': 'client-batch-1' } }, body: { records: [record] } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ accepted: 1, duplicates: 0, rejected: [], charged: { amount: 0, currency: 'RUB' } });
    expect(response.headers.get('ratelimit-limit')).toBe('6000');
    const [line] = await t.query<{ sms_left: number }>('SELECT sms_left FROM mobile_lines WHERE id = $1', [acc.lineIds[0]]);
    expect(line.sms_left).toBe(500 - 2);

    const me = await cabinet.GET('/integrations/me');
    expect(me.data?.scopes).toEqual(['usage:write']);
  });

  it('when the call is refused, then `error` is the typed problem with its stable code', async () => {
    const { key } = await t.createApiKey(['bonus:read']);
    const cabinet = createCabinetClient({ baseUrl, apiKey: key });
    const { data, error, response } = await cabinet.GET('/integrations/webhooks');
    expect(data).toBeUndefined();
    expect(response.status).toBe(403);
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('when an admin uses the client with an access token, then the back office answers through it too', async () => {
    const admin = await t.signInAdmin();
    const cabinet = createCabinetClient({ baseUrl, accessToken: admin.accessToken });
    const created = await cabinet.POST('/backoffice/partners', { body: { name: 'Клиентский партнёр', contactEmail: 'client@example.test' } });
    expect(created.response.status).toBe(201);
    const key = await cabinet.POST('/backoffice/partners/{partnerId}/api-keys', { params: { path: { partnerId: created.data!.id } }, body: { name: 'k', scopes: ['payments:read'] } });
    expect(key.data?.key).toMatch(/^cab_/);
    const list = await cabinet.GET('/backoffice/partners/{partnerId}/api-keys', { params: { path: { partnerId: created.data!.id }, query: { limit: 10 } } });
    expect(list.data?.items.map((k) => k.prefix)).toEqual([key.data!.prefix]);
  });
});
