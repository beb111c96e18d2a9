import type { DataSource } from 'typeorm';
import type { Services } from '../app';
import type { NewCustomer } from '../modules/customers';
import type { Clock } from '../platform/clock';
import { seedBackoffice } from './backoffice';
import { seedCatalog } from './catalog';

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
    note: 'administrator (staff): catalogs, money adjustments, staff accounts, audit log',
    phone: '+79210000098',
    password: 'admin12345',
    surname: 'Кравцов',
    name: 'Андрей',
    patronymic: 'Николаевич',
    role: 'admin',
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
        await services.ledger.post(em, { accountId, amount: 34250n, kind: 'adjustment', ref: 'demo-opening-balance', description: 'Начальный остаток' });
        // Some of this period's packages are used up already.
        await em.query(`UPDATE mobile_lines SET minutes_left = minutes_left - 412, sms_left = sms_left - 37, mb_left = mb_left - 16800 WHERE msisdn = '+79210000001'`);
        await em.query(`UPDATE mobile_lines SET minutes_left = minutes_left - 455, mb_left = mb_left - 29000 WHERE msisdn = '+79520000011'`);
      }
      if (c.contractNumber === '100200300') {
        const accountId = await services.accounts.openInternetAccount(em, {
          customerId: customer.id,
          contractNumber: '100200300',
          address: 'Санкт-Петербург, ул. Садовая, д. 10, кв. 5',
          tariffCode: 'skynet-500',
        });
        await services.ledger.post(em, { accountId, amount: 120000n, kind: 'adjustment', ref: 'demo-opening-balance', description: 'Начальный остаток' });
        await em.query(`UPDATE internet_contracts SET traffic_mb = 183500 WHERE account_id = $1`, [accountId]);
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
  });
  return created;
}

export async function isEmpty(ds: DataSource): Promise<boolean> {
  const [row] = await ds.query('SELECT count(*)::int AS n FROM customers');
  return row.n === 0;
}

export function demoLoginsText(): string {
  return DEMO_CUSTOMERS.map((c) => `  ${(c.contractNumber ?? c.phone).padEnd(14)} ${c.password.padEnd(14)} ${c.note}`).join('\n');
}
