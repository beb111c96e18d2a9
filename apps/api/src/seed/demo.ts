import 'reflect-metadata'; // the modules it seeds through carry decorators
import type { DataSource, EntityManager } from 'typeorm';
import type { Services } from '../app';
import type { NewCustomer } from '../modules/customers';
import { seedBonus } from '../modules/bonus';
import { seedNews } from '../modules/news';
import { LedgerService, type PostInput } from '../modules/ledger';
import { ManualClock, type Clock } from '../platform/clock';
import { seedBackoffice } from './backoffice';
import { seedSupport } from '../modules/support';
import type { BorrowerData } from '@cabinet/shared-types';
import { CONSENT_TEXTS } from '../modules/loans/consents';
import { seedCatalog } from './catalog';
import { CORPORATE_DEMO_CUSTOMERS, seedCorporate } from './corporate';
import { seedIntegrations } from './integrations';

/** The demo people README lists. */
export const DEMO_CUSTOMERS: (NewCustomer & { note: string })[] = [
  {
    note: 'subscriber with a mobile line',
    phone: '+79210000001',
    password: 'demo12345',
    surname: 'Иванов',
    name: 'Иван',
    patronymic: 'Петрович',
    birthDate: '1985-04-12',
    gender: 'male',
    email: 'ivanov@example.ru',
  },
  {
    note: 'home-internet subscriber, signs in by contract number',
    phone: '+79210000002',
    contractNumber: '100200300',
    password: 'demo12345',
    surname: 'Петрова',
    name: 'Анна',
    patronymic: 'Сергеевна',
    birthDate: '1990-09-01',
    gender: 'female',
    email: 'petrova@example.ru',
  },
  {
    note: 'new subscriber with an issued password (last 4 digits of the ICCID): must change it',
    phone: '+79210000003',
    password: '4821',
    surname: 'Сидоров',
    name: 'Олег',
    patronymic: null,
    mustChangePassword: true,
  },
  {
    note: 'operator (staff)',
    phone: '+79210000099',
    password: 'operator12345',
    surname: 'Смирнова',
    name: 'Ольга',
    patronymic: 'Викторовна',
    role: 'operator',
  },
  {
    note: 'administrator (staff): catalogs, money adjustments, staff accounts, audit log, partners and API keys',
    phone: '+79210000098',
    password: 'admin12345',
    surname: 'Кравцов',
    name: 'Андрей',
    patronymic: 'Николаевич',
    role: 'admin',
  },
  // issue 9: the Gosuslugi link demo
  {
    note: 'has a Gosuslugi test person with the same phone: links it with this password',
    phone: '+79210000051',
    password: 'demo12345',
    surname: 'Сидорова',
    name: 'Анна',
    patronymic: 'Викторовна',
    birthDate: '1987-11-02',
    gender: 'female',
  },
  {
    note: 'borrower: an active loan, a card in her own name (MARIIA KUZNETSOVA), passport on file',
    phone: '+79210000005',
    password: 'demo12345',
    surname: 'Кузнецова',
    name: 'Мария',
    patronymic: 'Андреевна',
    birthDate: '1992-03-08',
    gender: 'female',
    email: 'kuznetsova@example.ru',
  },
  {
    note: 'loan applicant whose application waits for an operator (payment 62 % of income)',
    phone: '+79210000006',
    password: 'demo12345',
    surname: 'Волков',
    name: 'Андрей',
    patronymic: 'Сергеевич',
    birthDate: '1988-07-21',
    gender: 'male',
  },
  ...CORPORATE_DEMO_CUSTOMERS,
  {
    note: 'mobile subscriber with a call blacklist and paid content services; the number to pay for without signing in',
    phone: '+79210000007',
    password: 'demo12345',
    surname: 'Соколова',
    name: 'Елена',
    patronymic: 'Викторовна',
    birthDate: '1990-09-15',
    gender: 'female',
  },
];

/** Creates whichever demo customers are missing, the catalog, and their accounts. Safe to run again. */
export async function seedDemo(ds: DataSource, services: Services, clock: Clock): Promise<typeof DEMO_CUSTOMERS> {
  const created: typeof DEMO_CUSTOMERS = [];
  await ds.transaction(async (em) => {
    await seedCatalog(em, clock);
    for (const c of DEMO_CUSTOMERS) {
      const exists = await services.customers.findCredentials(em, c.contractNumber ?? c.phone);
      if (exists) continue;
      const { note: _note, ...input } = c;
      const customer = await services.customers.create(em, input);
      created.push(c);
      if (c.phone === '+79210000001') {
        const accountId = await services.accounts.openMobileAccount(em, {
          customerId: customer.id,
          lines: [
            { msisdn: '+79210000001', iccid: '8970199210000000017', operator: 'megafon', tariffCode: 'megafon-vse' },
            { msisdn: '+79520000011', iccid: '8970120952000000115', operator: 'tele2', tariffCode: 'tele2-black' },
          ],
        });
        await postHistory(em, clock, accountId, [
          { monthsAgo: 6, day: 20, amount: 28500n, kind: 'adjustment', ref: 'demo-opening-balance', description: 'Начальный остаток' },
          ...monthly(5, [150000n, 100000n, 120000n, 130000n, 100000n], [
            { amount: -65000n, kind: 'monthly_fee', description: 'Абонентская плата «Без переплат. Всё», +7 921 000-00-01' },
            { amount: -50000n, kind: 'monthly_fee', description: 'Абонентская плата «Черный», +7 952 000-00-11' },
          ]),
          { monthsAgo: 3, day: 14, amount: -15000n, kind: 'option_fee', ref: 'demo-option-minutes', description: 'Опция «+300 минут», +7 921 000-00-01' },
          { monthsAgo: 2, day: 25, amount: -4250n, kind: 'usage', ref: 'demo-usage-overage', description: 'Сверх пакета: 17 минут, +7 952 000-00-11' },
        ]); // ends at 342,50 ₽
        // Some of this period's packages are used up already.
        await em.query(`UPDATE mobile_lines SET minutes_left = minutes_left - 412, sms_left = sms_left - 37, mb_left = mb_left - 16800 WHERE msisdn = '+79210000001'`);
        await em.query(`UPDATE mobile_lines SET minutes_left = minutes_left - 455, mb_left = mb_left - 29000 WHERE msisdn = '+79520000011'`);
      }
      if (c.phone === '+79210000007') await seedLineExtras(em, services, clock, customer.id);
      if (c.contractNumber === '100200300') {
        const accountId = await services.accounts.openInternetAccount(em, {
          customerId: customer.id,
          contractNumber: '100200300',
          address: 'Санкт-Петербург, ул. Садовая, д. 10, кв. 5',
          tariffCode: 'skynet-500',
        });
        await postHistory(em, clock, accountId, [
          { monthsAgo: 4, day: 10, amount: 120000n, kind: 'adjustment', ref: 'demo-opening-balance', description: 'Начальный остаток' },
          ...monthly(3, [75000n, 75000n, 75000n], [{ amount: -75000n, kind: 'monthly_fee', description: 'Абонентская плата «Домашний 500»' }]),
        ]); // ends at 1 200 ₽
        await em.query(`UPDATE internet_contracts SET traffic_mb = 183500 WHERE account_id = $1`, [accountId]);
        // Two speed tests in her history (issue 8): what support sees when she says the internet is slow.
        for (const [daysAgo, down, up, ping] of [[9, 212_400, 94_800, 9], [2, 468_300, 187_500, 7]]) {
          await em.query(
            `INSERT INTO speed_tests (id, customer_id, download_kbps, upload_kbps, latency_ms, download_bytes, upload_bytes, server_upload_kbps, user_agent, created_at)
             VALUES (gen_random_uuid(), $1, $2, $3, $4, 41943040, 16777216, $3, 'Демо: ноутбук Анны', $5)`,
            [customer.id, down, up, ping, new Date(clock.now().getTime() - daysAgo * 86_400_000)],
          );
        }
        await em.query(
          `INSERT INTO devices (customer_id, contract_id, mac, name, added_at)
           SELECT customer_id, id, m.mac, m.name, $2 FROM internet_contracts,
                  (VALUES ('3C:52:82:1A:2B:3C', 'Ноутбук Анны'), ('A4:83:E7:44:55:66', 'Телевизор')) AS m(mac, name)
            WHERE account_id = $1`,
          [accountId, clock.now()],
        );
      }
    }
    await seedBackoffice(em, clock);
    await seedIntegrations(em, clock);
    await seedSupport(em, clock);
  });
  // Support (issue 8): a chat of Иван waiting in the operator's queue.
  const [ivan] = await ds.query<{ id: string }[]>(`SELECT id FROM customers WHERE phone = '+79210000001'`);
  if (ivan && created.some((c) => c.phone === '+79210000001')) {
    await services.support.openForCustomer(ivan.id, { topic: 'technical', text: 'Здравствуйте! Вечером падает скорость мобильного интернета на второй SIM-карте. Что можно сделать?' });
  }
  await seedBonus(ds, { customers: services.customers, till: services.till, ttlMonths: services.bonusTtlMonths }, clock);
  await seedDemoLoans(ds, services, clock, created.map((c) => c.phone));
  await seedDemoContent(ds, services, clock, created.map((c) => c.phone));
  await seedCorporate(ds, services, clock, created.map((c) => c.phone));
  return created;
}

/**
 * News and promotions (one scheduled for tomorrow), and for Ivan (+79210000001) a few entries in the
 * notification centre, one of them read, so the badge and the list have something to show.
 */
async function seedDemoContent(ds: DataSource, services: Services, clock: Clock, createdPhones: string[]): Promise<void> {
  await ds.transaction((em) => seedNews(em, clock));
  if (!createdPhones.includes('+79210000001')) return;
  const [ivan] = await ds.query(`SELECT id FROM customers WHERE phone = '+79210000001'`);
  if (!ivan) return;
  await ds.transaction(async (em) => {
    const n = services.notifications;
    await n.notify(em, { event: 'payment.succeeded', customerId: ivan.id, title: 'Платёж зачислен', body: 'Платёж 500,00 ₽ зачислен на счёт. Спасибо!', link: '/payments' });
    await n.notify(em, { event: 'bonus.expiry', customerId: ivan.id, title: 'Бонусные баллы сгорают', body: '120 бонусных баллов сгорят 15 декабря. Потратьте их на АЗС.', link: '/bonus' });
    await n.notify(em, { event: 'balance.low', customerId: ivan.id, title: 'Низкий баланс', body: 'На счёте осталось 42,50 ₽. Пополните, чтобы связь не прервалась.', link: '/accounts' });
  });
  const [first] = await ds.query(`SELECT id FROM customer_notifications WHERE customer_id = $1 AND event_type = 'payment.succeeded' LIMIT 1`, [ivan.id]);
  if (first) await services.notifications.markRead(ivan.id, first.id);
}

/**
 * Line extras (issue 10): Elena's line has a blacklist that is on (two numbers) and two paid content
 * services — the "why is money disappearing" answer to click through. Her number is the one to pay for
 * without signing in (masked as «Елена С.»).
 */
async function seedLineExtras(em: EntityManager, services: Services, clock: Clock, customerId: string): Promise<void> {
  const accountId = await services.accounts.openMobileAccount(em, {
    customerId,
    lines: [{ msisdn: '+79210000007', iccid: '8970199210000000074', operator: 'megafon', tariffCode: 'megafon-vse' }],
  });
  await services.ledger.post(em, { accountId, amount: 800_00n, kind: 'adjustment', ref: 'demo-opening-balance', description: 'Начальный остаток' });
  const [line] = await em.query('SELECT id, period_start FROM mobile_lines WHERE account_id = $1', [accountId]);
  await em.query(
    `INSERT INTO line_blacklists (line_id, customer_id, account_id, enabled, charged_period, updated_at) VALUES ($1, $2, $3, true, $4, $5)`,
    [line.id, customerId, accountId, line.period_start, clock.now()],
  );
  await services.ledger.post(em, { accountId, amount: -30_00n, kind: 'service_fee', ref: `blacklist:${line.id}:${line.period_start.toISOString()}`, description: 'Чёрный список для +79210000007' });
  await em.query(
    `INSERT INTO line_blacklist_numbers (line_id, msisdn, customer_id, note, created_at) VALUES ($1, '+79001234567', $2, 'Коллекторы', $3), ($1, '+74950000000', $2, NULL, $3)`,
    [line.id, customerId, clock.now()],
  );
  await services.lineExtras.connectContent(em, { lineId: line.id, title: 'Гороскоп на каждый день', provider: 'АстроМедиа', kind: 'subscription', price: 99_00n });
  await services.lineExtras.connectContent(em, { lineId: line.id, title: 'Музыка без границ', provider: 'Звук+', kind: 'content', price: 199_00n });
}

/**
 * Demo loans, made the way a person makes them (application, decision, payout through the sandbox
 * acquirer): Maria Kuznetsova has a card in her name and an active "до зарплаты" loan; Andrey Volkov's
 * application waits in the operators' queue. Only for customers created just now.
 */
async function seedDemoLoans(ds: DataSource, services: Services, clock: Clock, createdPhones: string[]): Promise<void> {
  const loans = services.loans;
  const [short] = await ds.query(`SELECT id FROM loan_products WHERE code = 'do-zarplaty'`);
  const consents = CONSENT_TEXTS.map((c) => ({ kind: c.kind, version: c.version, accepted: true }));
  const meta = { ip: null, userAgent: 'seed' };
  const apply = async (phone: string, amount: number, termDays: number, borrower: BorrowerData) => {
    const [c] = await ds.query('SELECT id FROM customers WHERE phone = $1', [phone]);
    const draft = await loans.applications.create(c.id, { productId: short.id, amount: { amount, currency: 'RUB' }, termDays, verificationToken: loans.applications.verificationFor(phone) });
    await loans.applications.updateDraft(c.id, draft.id, { borrower });
    return { customerId: c.id as string, loan: await loans.applications.submit(c.id, draft.id, { consents }, meta) };
  };
  if (createdPhones.includes('+79210000005')) {
    const { customerId, loan } = await apply('+79210000005', 15_000_00, 30, {
      surname: 'Кузнецова', name: 'Мария', patronymic: 'Андреевна', birthDate: '1992-03-08', passportSeries: '4015', passportNumber: '482913', passportIssuedOn: '2012-04-10',
      registrationAddress: 'Санкт-Петербург, ул. Марата, д. 12, кв. 34', monthlyIncome: { amount: 95_000_00, currency: 'RUB' }, employment: 'employed', employer: 'ООО «Северный ветер»',
    });
    // The bank already knows her card (the sandbox acquirer's side), and the cabinet has it saved.
    const token = 'tok_demo_kuznetsova_2200';
    await ds.query(`INSERT INTO sandbox_acquirer_cards (token, last4, brand, exp_month, exp_year, holder, behaviour, created_at) VALUES ($1, '0004', 'mir', 12, 2030, 'MARIIA KUZNETSOVA', 'success', $2) ON CONFLICT DO NOTHING`, [token, clock.now()]);
    const [card] = await ds.query(
      `INSERT INTO saved_cards (customer_id, provider, token, last4, brand, exp_month, exp_year, holder, is_default, created_at) VALUES ($1, 'sandbox', $2, '0004', 'mir', 12, 2030, 'MARIIA KUZNETSOVA', true, $3) RETURNING id`,
      [customerId, token, clock.now()],
    );
    if (loan.status === 'approved') await loans.servicing.disburse(customerId, loan.id, card.id);
  }
  if (createdPhones.includes('+79210000006')) {
    await apply('+79210000006', 10_000_00, 30, {
      surname: 'Волков', name: 'Андрей', patronymic: 'Сергеевич', birthDate: '1988-07-21', passportSeries: '4009', passportNumber: '175320', passportIssuedOn: '2008-08-01',
      registrationAddress: 'Санкт-Петербург, пр. Просвещения, д. 5, кв. 7', monthlyIncome: { amount: 20_000_00, currency: 'RUB' }, employment: 'self_employed', employer: null,
    });
  }
}

type DemoEntry = Omit<PostInput, 'accountId'> & { monthsAgo: number; day: number; minute?: number };

/** For each of the last `months` months: a card top-up on the 2nd, then the fees of the period on the 3rd. */
function monthly(months: number, topUps: bigint[], fees: Omit<PostInput, 'accountId' | 'ref'>[]): DemoEntry[] {
  return topUps.flatMap((amount, i) => {
    const monthsAgo = months - i;
    return [
      { monthsAgo, day: 2, amount, kind: 'payment' as const, ref: `demo-top-up-${monthsAgo}`, description: 'Пополнение банковской картой' },
      ...fees.map((fee, j) => ({ ...fee, monthsAgo, day: 3, minute: j, ref: `demo-fee-${monthsAgo}-${j}` })),
    ];
  });
}

/**
 * A demo account's past months, so its history, chart and "last charges" look like a real one's: posted through
 * the ledger (balances and `balance_after` consistent) on a clock set back to each entry's day, oldest first.
 */
async function postHistory(em: EntityManager, clock: Clock, accountId: string, entries: DemoEntry[]): Promise<void> {
  const now = clock.now();
  const past = new ManualClock(now);
  const ledger = new LedgerService(past);
  const at = (e: DemoEntry) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - e.monthsAgo, e.day, 9, 30 + (e.minute ?? 0));
  for (const e of [...entries].sort((a, b) => at(a) - at(b))) {
    past.set(new Date(at(e)));
    const { monthsAgo: _m, day: _d, minute: _min, ...input } = e;
    await ledger.post(em, { accountId, ...input });
  }
}

export async function isEmpty(ds: DataSource): Promise<boolean> {
  const [row] = await ds.query('SELECT count(*)::int AS n FROM customers');
  return row.n === 0;
}

export function demoLoginsText(): string {
  return DEMO_CUSTOMERS.map((c) => `  ${(c.contractNumber ?? c.phone).padEnd(14)} ${c.password.padEnd(14)} ${c.note}`).join('\n');
}
