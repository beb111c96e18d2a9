/**
 * "One of everything" for a customer, made through the product's own API, and the id of each for a path
 * parameter of the OpenAPI document. The authorization sweep and the fuzzer read every route from the
 * route table / document, so a new route is covered the day it is added — and a route whose path names a
 * thing this file cannot find fails the sweep with "no fixture for …": add it here.
 */
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { productIds, verifyPhone } from '../loans/helpers';
import type { TestContext, TestCustomer } from '../support';

export interface Everything {
  customer: TestCustomer;
  password: string;
  token: string;
  /** A second session of the customer (its id is the `sessions` fixture; `token` stays valid). */
  otherSessionId: string;
  /** A registered person this customer has not invited yet. */
  invitablePhone: string;
  ids: Record<string, string>;
}

const rub = (amount: number) => ({ amount, currency: 'RUB' });

export async function makeEverything(t: TestContext, label: string): Promise<Everything> {
  const password = `${label}-pass-123`;
  const customer = await t.createCustomer({ password, surname: label });
  const mobile = await t.openMobileAccount(customer.id, { balance: 5000_00, lines: [{ tariffCode: 'megafon-vse' }, { tariffCode: 'megafon-vse' }] });
  const internet = await t.openInternetAccount(customer.id, { balance: 5000_00 });
  const other = await t.signIn(customer.phone, password);
  const token = (await t.signIn(customer.phone, password)).accessToken;
  const auth = t.bearer(token);
  // The session id is the access token's `sid` claim.
  const otherSessionId = (JSON.parse(Buffer.from(other.accessToken.split('.')[1], 'base64url').toString()) as { sid: string }).sid;

  const device = await t.http.post(`/api/v1/accounts/${internet.accountId}/contract/devices`).set(auth).send({ mac: 'aa:bb:cc:00:00:01', name: 'Роутер' }).expect(201);
  const friend = await t.createCustomer();
  const invitable = await t.createCustomer();
  const grant = await t.http.post(`/api/v1/accounts/${mobile.accountId}/grants`).set(auth).send({ phone: friend.phone, level: 'viewer' }).expect(201);
  const [option] = await t.query<{ id: string }>(`SELECT id FROM tariff_options WHERE code = 'megafon-plus-10gb'`);
  await t.http.post(`/api/v1/accounts/${mobile.accountId}/lines/${mobile.lineIds[0]}/options`).set(auth).send({ optionId: option.id }).expect(204);
  const binding = await t.http.post('/api/v1/cards').set(auth).send({}).expect(201);
  await t.payOnAcquirerPage(binding.body.confirmation.url);
  const [{ id: cardId }] = await t.query<{ id: string }>('SELECT id FROM saved_cards WHERE customer_id = $1', [customer.id]);
  const payment = await t.http
    .post('/api/v1/payments')
    .set(auth)
    .set('Idempotency-Key', randomUUID())
    .send({ accountId: mobile.accountId, amount: rub(300_00), method: 'saved_card', cardId })
    .expect(201);
  const rule = await t.http
    .post(`/api/v1/accounts/${mobile.accountId}/autopay`)
    .set(auth)
    .send({ kind: 'threshold', cardId, amount: rub(300_00), threshold: rub(100_00) })
    .expect(201);

  const bonusCard = await t.http.post('/api/v1/bonus/cards/virtual').set(auth).expect(201);
  const loan = await t.http
    .post('/api/v1/loans')
    .set(auth)
    .send({ productId: (await productIds(t)).short, amount: rub(5_000_00), termDays: 14, verificationToken: await verifyPhone(t, customer.phone) })
    .expect(201);
  // An optional service chosen on the draft: its refund route then finds it (and answers 409 service_not_paid).
  await t.http.patch(`/api/v1/loans/${loan.body.id}`).set(auth).send({ services: ['insurance'] }).expect(200);
  const [simTariff] = await t.query<{ id: string }>(`SELECT id FROM tariffs WHERE code = 'tele2-black'`);
  const order = await t.http
    .post('/api/v1/orders/sim')
    .set(auth)
    .send({ accountId: mobile.accountId, tariffId: simTariff.id, delivery: 'courier', address: 'Санкт-Петербург, Невский пр., д. 1, кв. 1' })
    .expect(201);
  // A browser that allows push notifications (nothing listens at the endpoint; deliveries would only be retried).
  const browserKey = createECDH('prime256v1');
  browserKey.generateKeys();
  const pushSubscription = await t.http
    .post('/api/v1/me/push-subscriptions')
    .set(auth)
    .send({ endpoint: `http://127.0.0.1:9/push/${label}-${randomUUID()}`, keys: { p256dh: browserKey.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') } })
    .expect(201);

  // An entry of the notification centre (what the system told this customer).
  const [notice] = await t.ds.transaction(async (em) => {
    await t.services.notifications.notify(em, { event: 'balance.low', customerId: customer.id, title: 'Низкий баланс', body: 'Осталось мало' });
    return em.query('SELECT id FROM customer_notifications WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 1', [customer.id]);
  });
  const company = await t.http
    .post('/api/v1/corporate/companies')
    .set(auth)
    .send({ accountId: mobile.accountId, name: `ООО «${label}»`, inn: '7707083893', kpp: '773601001', legalAddress: 'г. Москва, ул. Вавилова, д. 19' })
    .expect(201);
  await t.ds.transaction((em) => t.services.closingDocuments.issue(em, company.body.id, '2026-10'));
  const [document] = await t.query<{ id: string }>(`SELECT id FROM closing_documents WHERE company_id = $1 AND kind = 'act'`, [company.body.id]);
  // Line extras (issue 10): a blacklisted number and a paid content service on the first line.
  const blocked = `+7921${String(process.pid % 1000).padStart(3, '0')}${label.length.toString().padStart(4, '0')}`;
  await t.http.post(`/api/v1/accounts/${mobile.accountId}/lines/${mobile.lineIds[0]}/blacklist/numbers`).set(auth).send({ msisdn: blocked }).expect(201);
  const contentService = await t.ds.transaction((em) => t.services.lineExtras.connectContent(em, { lineId: mobile.lineIds[0], title: 'Гороскоп', provider: 'Астро', kind: 'subscription', price: 15_00n }));
  const chat = await t.http.post('/api/v1/support/chats').set(auth).send({ topic: 'technical', text: 'Не работает интернет' }).expect(201);
  const attachment = await t.http
    .post(`/api/v1/support/chats/${chat.body.id}/attachments`)
    .set(auth)
    .send({ fileName: 'photo.png', contentBase64: Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(16)]).toString('base64') })
    .expect(201);

  return {
    customer,
    password,
    token,
    otherSessionId,
    invitablePhone: invitable.phone,
    ids: {
      mobileAccount: mobile.accountId,
      internetAccount: internet.accountId,
      lines: mobile.lineIds[0],
      grants: grant.body.id,
      options: option.id,
      devices: device.body.id,
      sessions: otherSessionId,
      payments: payment.body.id,
      cards: cardId,
      autopay: rule.body.id,
      'bonus/cards': bonusCard.body.id,
      orders: order.body.id,
      loans: loan.body.id,
      services: 'insurance',
      notifications: notice.id,
      companies: company.body.id,
      documents: document.id,
      'blacklist/numbers': blocked,
      'content-services': contentService,
      'support/chats': chat.body.id,
      attachments: attachment.body.id,
      'push-subscriptions': pushSubscription.body.id,
    },
  };
}

/**
 * Bodies for routes whose rules JSON Schema cannot say (one field required by another's value): what a
 * customer would send. Keyed `METHOD /openapi/path`.
 */
export function bodyHints(e: Everything): Record<string, Record<string, unknown>> {
  return {
    'POST /accounts/{accountId}/autopay': { kind: 'threshold', cardId: e.ids.cards, amount: rub(300_00), threshold: rub(100_00) },
    'POST /accounts/{accountId}/grants': { phone: e.invitablePhone, level: 'viewer' },
  };
}

/** Parameters whose values are not owned by anybody (catalog, provider names): the sweep skips them. */
export const PUBLIC_PARAMS: Record<string, string> = {
  '/tariffs/{id}': 'the public catalog',
  '/payments/callbacks/{provider}': 'the acquirer’s name',
  '/bonus/statements/{month}': 'a calendar month of the caller’s own points',
  '/bonus/rewards/{code}/redemptions': 'a reward of the public catalog',
  '/me/promotions/{id}/join': 'a published promotion, open to every customer',
  '/pay/{id}': 'a payment made without signing in: its id is the payer’s only key to it',
  '/support/faq/questions/{id}/votes': 'a question of the public FAQ',
};

/**
 * The owner's id for a path parameter: named by the path segment before it (`/cards/{id}` → cards), the
 * account by the kind the route needs (`/contract`, `deferred-payment` → the internet contract).
 */
export function fixtureFor(e: Everything, path: string, param: string): string | undefined {
  const segments = path.split('/');
  const at = segments.indexOf(`{${param}}`);
  const resource = segments[at - 1];
  if (resource === 'accounts') {
    return /\/contract(\/|$)|\/deferred-payment/.test(path) ? e.ids.internetAccount : e.ids.mobileAccount;
  }
  // `/bonus/cards/{id}` is a loyalty card, `/cards/{id}` a bank card: the more specific name wins.
  return e.ids[`${segments[at - 2]}/${resource}`] ?? e.ids[resource];
}

/** `/accounts/{accountId}` → `/accounts/:accountId`, the route table's form. */
export const toExpressPath = (openApiPath: string) => openApiPath.replace(/\{(\w+)\}/g, ':$1');
