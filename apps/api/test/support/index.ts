/**
 * Test helpers for Cabinet's API — ours and QA teams'. One import gives a whole product on a fresh
 * database with a clock you move:
 *
 *   const t = await createTestContext();
 *   const ivan = await t.createCustomer({ password: 'secret-pass-1' });
 *   const { accessToken } = await t.signIn(ivan.phone, 'secret-pass-1');
 *   await t.http.get('/api/v1/me').set(t.bearer(accessToken)).expect(200);
 *   t.clock.advanceMinutes(16);
 *   await t.close();
 *
 * Needs the Jest global setup of apps/api (jest.config.js), which provides a PostgreSQL
 * (embedded, or the one in DATABASE_URL).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { TokenResponse } from '@cabinet/shared-types';
import { createApp, createServices, type Services } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { openDatabase } from '../../src/db/data-source';
import { ManualClock } from '../../src/platform/clock';
import { createLogger } from '../../src/platform/logger';
import { guardNestedConnections } from '../../src/db/connection-guard';
import type { NewCustomer } from '../../src/modules/customers';
import { patternsOf } from '../../src/modules/numbers';
import { seedCatalog } from '../../src/seed/catalog';
import { issueCardBatch, seedBonusCatalog } from '../../src/modules/bonus';

export { ManualClock };

/** Where the clock of every test context starts, unless told otherwise. */
export const TEST_START = new Date('2026-11-22T09:00:00.000Z');

/**
 * Records the text of every query any pg client of this process sends (whitespace folded) until `stop()`:
 * for suites that assert how many round trips a request costs, or that one did not happen. A named prepared
 * statement shows as `[name] SQL`.
 */
export function watchQueries(): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const original = Client.prototype.query;
  (Client.prototype as unknown as { query: unknown }).query = function (this: Client, ...args: unknown[]) {
    const q = args[0];
    const name = typeof q === 'string' ? undefined : (q as { name?: string } | undefined)?.name;
    const text = (typeof q === 'string' ? q : String((q as { text?: string } | undefined)?.text)).replace(/\s+/g, ' ');
    seen.push(name ? `[${name}] ${text}` : text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  return { seen, stop: () => void (Client.prototype.query = original) };
}

export interface TestCustomer {
  id: string;
  phone: string;
  password: string;
  contractNumber: string | null;
  surname: string;
}

export interface SignedIn extends TokenResponse {
  /** The `Cookie` header value carrying the refresh token. */
  refreshCookie: string;
}

export interface TestContext {
  /** The Express app, for `supertest(app)`. */
  app: Express;
  /** `supertest(app)`: `t.http.post('/api/v1/auth/login').send(...)`. */
  http: ReturnType<typeof request>;
  ds: DataSource;
  clock: ManualClock;
  config: Config;
  services: Services;
  /** A customer in the database, ready to sign in. Phone numbers are unique per context. */
  createCustomer(over?: Partial<NewCustomer>): Promise<TestCustomer>;
  /**
   * A mobile account of this customer with lines on demo-catalog tariffs (`megafon-vse`, `tele2-black`, …)
   * and an opening balance in kopecks posted through the ledger.
   */
  openMobileAccount(customerId: string, opts?: { balance?: number; creditLimit?: number; lines?: { tariffCode: string; operator?: string }[] }): Promise<{ accountId: string; lineIds: string[] }>;
  /** An internet account and contract of this customer. */
  openInternetAccount(customerId: string, opts?: { balance?: number; tariffCode?: string; contractNumber?: string }): Promise<{ accountId: string; contractId: string }>;
  /** An integrator API key with these scopes; returns the key to send as `Authorization: Bearer <key>`. */
  createApiKey(scopes: string[], name?: string): Promise<{ id: string; key: string }>;
  /** An administrator (role `admin`), signed in: what the back office of partners, keys and webhooks needs. */
  signInAdmin(): Promise<{ id: string; phone: string; accessToken: string }>;
  /** A partner (integrator) made through the back-office API by an administrator; with a key of these scopes when given. */
  createPartner(opts?: { name?: string; contactEmail?: string; scopes?: string[] }): Promise<{ id: string; key: string | null; keyId: string | null }>;
  /** Writes the integrator call log noted in memory (it is written in batches, about a second after the calls). */
  flushCallLog(): Promise<void>;
  /** Signs in through the API; fails the test unless it answers 200. */
  signIn(login: string, password: string): Promise<SignedIn>;
  bearer(accessToken: string): { Authorization: string };
  /** The newest SMS (or e-mail) sent to this recipient, from the outbox. */
  lastMessage(to: string): Promise<{ body: string; createdAt: Date } | null>;
  /** The 6-digit code in the newest SMS to this phone. */
  lastSmsCode(phone: string): Promise<string>;
  /** The answer of a captcha challenge, as a person would read it off the picture. */
  captchaAnswer(id: string): Promise<string>;
  /**
   * Delivers the sandbox acquirer's queued callbacks to the product's callback endpoint, signed as the
   * acquirer signs them, through supertest. Returns how many were accepted (2xx).
   */
  deliverCallbacks(): Promise<number>;
  /**
   * Pays a pending card payment on the sandbox acquirer's own page, as a payer's browser would:
   * posts the card form (and the 3-D Secure code, if asked), then delivers the callback. Returns the
   * URL the browser ends up at.
   */
  payOnAcquirerPage(confirmationUrl: string, card?: { number?: string; exp?: string; cvc?: string; holder?: string; code?: string; deliver?: boolean }): Promise<string>;
  /** Printed plastic bonus cards of a new batch, not activated yet (13-digit numbers). */
  issueBonusCards(count?: number): Promise<string[]>;
  /**
   * A member of the bonus program: a customer with an activated plastic card and, if asked, points
   * credited through the bonus service's `accrue` (as another module would).
   */
  createBonusMember(opts?: { points?: number; customer?: Partial<NewCustomer> }): Promise<TestCustomer & { cardNumber: string }>;
  /** An API key with `bonus:purchases` (a till). */
  createTill(name?: string): Promise<{ id: string; key: string }>;
  /** A staff member (`operator` or `admin`), signed in: their id and access token. */
  createStaff(role: 'operator' | 'admin', over?: Partial<NewCustomer>): Promise<TestCustomer & { accessToken: string }>;
  /** A number in stock (a catalog number unless `category` is `regular`); unique per context unless given. */
  stockNumber(opts?: { msisdn?: string; operator?: string; category?: string }): Promise<{ id: string; msisdn: string }>;
  /**
   * POSTs a public form as a visitor would: when the product asks for a captcha (428), reads the
   * picture's answer and sends the form again with it.
   */
  postPublic(path: string, body: Record<string, unknown>): Promise<request.Response>;
  /** Runs SQL on this context's database (assert what is stored). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

let phoneSeq = 0;

export interface TestContextOptions {
  /** Environment overrides, as the product would read them (e.g. `{ PASSWORD_RESET_REQUIRE_SURNAME: '1' }`). */
  env?: Record<string, string>;
  now?: Date;
}

export async function createTestContext(opts: TestContextOptions = {}): Promise<TestContext> {
  const adminUrl = process.env.CABINET_TEST_ADMIN_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('No test PostgreSQL: run through apps/api/jest.config.js (its globalSetup starts one) or set DATABASE_URL.');
  const dbName = `cabinet_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;

  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: 'test-secret-test-secret-test-secret-42',
      LOG_LEVEL: 'silent',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cabinet-test-data-')),
      SERVE_WEB: '0',
      RATE_LIMIT_AUTH_PER_MINUTE: '1000',
      RATE_LIMIT_OTP_PER_MINUTE: '1000',
      // A support chat's SSE response ends soon here, so a suite that reads one (or the fuzzer) gets its answer.
      SUPPORT_STREAM_SECONDS: '1',
      ...opts.env,
    }),
    databaseUrl: url.toString(),
  };
  const ds = await openDatabase(url.toString(), { poolSize: 5 });
  // A transaction that asks for a second connection wedges the API under load (every pool connection held,
  // each waiting for another); two queries at once on its connection break with pg 9. Here either fails the
  // request, so the suite that does it names the place (TEST_NESTED_LOG=<file>: list every case there instead).
  guardNestedConnections(ds, (stack) => {
    if (process.env.TEST_NESTED_LOG) appendFileSync(process.env.TEST_NESTED_LOG, `${stack}\n---\n`);
    else throw new Error(`A transaction misused its connection (a second one asked for, or two queries at once): use its EntityManager, one query at a time.\n${stack}`);
  });
  const clock = new ManualClock(opts.now ?? TEST_START);
  // TEST_LOG_LEVEL=error shows what a 500 in a suite was (the product logs nothing by default here).
  const deps = { config, ds, clock, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') };
  const services = createServices(deps);
  const app = createApp({ ...deps, services });
  await ds.transaction((em) => seedCatalog(em, clock)); // the demo tariff and option catalogs
  await ds.transaction((em) => seedBonusCatalog(em)); // the bonus rewards catalog
  let bonusSerial = 0;
  const http = request(app);

  const t: TestContext = {
    app,
    http,
    ds,
    clock,
    config,
    services,
    async createCustomer(over = {}) {
      phoneSeq += 1;
      const phone = over.phone ?? `+7999${String(process.pid % 1000).padStart(3, '0')}${String(phoneSeq).padStart(4, '0')}`;
      const password = over.password ?? 'correct-horse-9';
      const c = await ds.transaction((em) =>
        services.customers.create(em, { surname: 'Тестов', name: 'Тест', ...over, phone, password }),
      );
      return { id: c.id, phone: c.phone, password, contractNumber: c.contractNumber, surname: c.surname };
    },
    async openMobileAccount(customerId, opts = {}) {
      const lines = opts.lines ?? [{ tariffCode: 'megafon-vse' }];
      return ds.transaction(async (em) => {
        const accountId = await services.accounts.openMobileAccount(em, {
          customerId,
          creditLimit: BigInt(opts.creditLimit ?? 0),
          lines: lines.map((l) => {
            phoneSeq += 1;
            const n = String(phoneSeq).padStart(4, '0');
            return { msisdn: `+7998${String(process.pid % 1000).padStart(3, '0')}${n}`, iccid: `8970199${process.pid}${n}`.slice(0, 19), operator: l.operator ?? l.tariffCode.split('-')[0], tariffCode: l.tariffCode };
          }),
        });
        if (opts.balance) await services.ledger.post(em, { accountId, amount: BigInt(opts.balance), kind: 'adjustment', ref: 'test-opening-balance' });
        const rows: { id: string }[] = await em.query('SELECT id FROM mobile_lines WHERE account_id = $1 ORDER BY created_at, msisdn', [accountId]);
        return { accountId, lineIds: rows.map((r) => r.id) };
      });
    },
    async openInternetAccount(customerId, opts = {}) {
      phoneSeq += 1;
      return ds.transaction(async (em) => {
        const accountId = await services.accounts.openInternetAccount(em, {
          customerId,
          contractNumber: opts.contractNumber ?? `5${process.pid % 1000}${String(phoneSeq).padStart(5, '0')}`,
          address: 'Санкт-Петербург, Невский пр., д. 1, кв. 1',
          tariffCode: opts.tariffCode ?? 'skynet-100',
        });
        if (opts.balance) await services.ledger.post(em, { accountId, amount: BigInt(opts.balance), kind: 'adjustment', ref: 'test-opening-balance' });
        const [c] = await em.query('SELECT id FROM internet_contracts WHERE account_id = $1', [accountId]);
        return { accountId, contractId: c.id };
      });
    },
    async createApiKey(scopes, name = 'Test integrator') {
      return ds.transaction((em) => services.apiKeys.create(em, { name, scopes: scopes as never }));
    },
    async signInAdmin() {
      const admin = await t.createCustomer({ role: 'admin', password: 'admin-pass-123', surname: 'Админов' });
      const { accessToken } = await t.signIn(admin.phone, 'admin-pass-123');
      return { id: admin.id, phone: admin.phone, accessToken };
    },
    async createPartner(opts = {}) {
      phoneSeq += 1;
      const admin = await t.signInAdmin();
      const res = await http
        .post('/api/v1/backoffice/partners')
        .set(t.bearer(admin.accessToken))
        .send({ name: opts.name ?? `Partner ${process.pid}-${phoneSeq}`, contactEmail: opts.contactEmail ?? `partner${phoneSeq}@example.test` });
      if (res.status !== 201) throw new Error(`createPartner answered ${res.status}: ${JSON.stringify(res.body)}`);
      if (!opts.scopes) return { id: res.body.id, key: null, keyId: null };
      const k = await http.post(`/api/v1/backoffice/partners/${res.body.id}/api-keys`).set(t.bearer(admin.accessToken)).send({ name: 'Test key', scopes: opts.scopes });
      if (k.status !== 201) throw new Error(`creating a partner key answered ${k.status}: ${JSON.stringify(k.body)}`);
      return { id: res.body.id, key: k.body.key, keyId: k.body.id };
    },
    flushCallLog: () => services.apiCalls.flush(),
    async signIn(login, password) {
      const res = await http.post('/api/v1/auth/login').send({ login, password });
      if (res.status !== 200) throw new Error(`signIn(${login}) answered ${res.status}: ${JSON.stringify(res.body)}`);
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('cabinet_refresh='));
      if (!cookie) throw new Error('signIn: no refresh cookie was set');
      return { ...(res.body as TokenResponse), refreshCookie: cookie.split(';')[0] };
    },
    bearer: (accessToken) => ({ Authorization: `Bearer ${accessToken}` }),
    async lastMessage(to) {
      const [row] = await ds.query(
        'SELECT body, created_at FROM notification_outbox WHERE recipient = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
        [to],
      );
      return row ? { body: row.body, createdAt: row.created_at } : null;
    },
    async lastSmsCode(phone) {
      const msg = await t.lastMessage(phone);
      const code = /\b(\d{6})\b/.exec(msg?.body ?? '')?.[1];
      if (!code) throw new Error(`No SMS with a code to ${phone}; last message: ${msg?.body ?? 'none'}`);
      return code;
    },
    async captchaAnswer(id) {
      const [row] = await ds.query('SELECT answer FROM captcha_challenges WHERE id = $1', [id]);
      if (!row) throw new Error(`No captcha challenge ${id}`);
      return row.answer;
    },
    async deliverCallbacks() {
      // Sent with no transaction of the acquirer's open (this context's connection guard would fail the callback's request otherwise).
      const { sent } = await services.acquirer.deliverDue(async (body, headers) => {
        const res = await http.post('/api/v1/payments/callbacks/sandbox').set(headers).send(body);
        return res.status >= 200 && res.status < 300;
      });
      return sent;
    },
    async payOnAcquirerPage(confirmationUrl, card = {}) {
      const id = confirmationUrl.split('/').pop() as string;
      let res = await http
        .post(`/api/sandbox/acquirer/pay/${id}`)
        .type('form')
        .send({ number: card.number ?? '4111 1111 1111 1111', exp: card.exp ?? '12/30', cvc: card.cvc ?? '123', holder: card.holder ?? 'IVAN IVANOV' });
      if (res.status !== 303) throw new Error(`the card page answered ${res.status}: ${res.text.slice(0, 300)}`);
      let location = res.headers.location as string;
      if (location.startsWith('/api/sandbox/acquirer/3ds/')) {
        res = await http.post(location).type('form').send({ code: card.code ?? '123456' });
        location = res.headers.location as string;
      }
      if (card.deliver !== false) await t.deliverCallbacks();
      return location;
    },
    async issueBonusCards(count = 1) {
      const first = bonusSerial + 1;
      bonusSerial += count;
      return ds.transaction((em) => issueCardBatch(em, clock, { code: `TEST-${first}`, name: 'Test batch', price: 10000, batch: 90, size: count, firstSerial: first }));
    },
    async createBonusMember(opts = {}) {
      const customer = await t.createCustomer(opts.customer);
      const [cardNumber] = await t.issueBonusCards(1);
      await services.bonus.attachCard(customer.id, cardNumber, { ip: null, userAgent: null });
      if (opts.points) {
        await ds.transaction((em) => services.bonus.accrue(em, { customerId: customer.id, points: opts.points!, ref: `test-opening-${cardNumber}`, description: 'Тестовое начисление' }));
      }
      return { ...customer, cardNumber };
    },
    createTill: (name = 'Test till') => t.createApiKey(['bonus:purchases'], name),
    async createStaff(role, over = {}) {
      const c = await t.createCustomer({ surname: role === 'admin' ? 'Админов' : 'Операторов', name: 'Сотрудник', ...over, role });
      const s = await t.signIn(c.phone, c.password);
      return { ...c, accessToken: s.accessToken };
    },
    async stockNumber(opts = {}) {
      phoneSeq += 1;
      const operator = opts.operator ?? 'megafon';
      const msisdn = opts.msisdn ?? `+7997${String(process.pid % 1000).padStart(3, '0')}${String(phoneSeq).padStart(4, '0')}`;
      const [row] = await ds.query(
        `INSERT INTO phone_numbers (msisdn, operator, category, patterns, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id, msisdn`,
        [msisdn, operator, opts.category ?? 'gold', patternsOf(msisdn), clock.now()],
      );
      return row;
    },
    async postPublic(path, body) {
      const first = await http.post(path).send(body);
      if (first.status !== 428 || !first.body.captcha) return first;
      const answer = await t.captchaAnswer(first.body.captcha.id);
      return http.post(path).send({ ...body, captcha: { id: first.body.captcha.id, answer } });
    },
    query: (sql, params) => ds.query(sql, params),
    async close() {
      await services.apiCalls.close();
      await services.support.bus.close();
      await services.changes.close();
      await ds.destroy();
      const a = new Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await a.end();
    },
  };
  return t;
}
