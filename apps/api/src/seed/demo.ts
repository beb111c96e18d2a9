import type { DataSource } from 'typeorm';
import type { Services } from '../app';
import type { NewCustomer } from '../modules/customers';

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
];

/** Creates whichever demo customers are missing. Safe to run again. Returns what it created. */
export async function seedDemo(ds: DataSource, services: Services): Promise<typeof DEMO_CUSTOMERS> {
  const created: typeof DEMO_CUSTOMERS = [];
  await ds.transaction(async (em) => {
    for (const c of DEMO_CUSTOMERS) {
      const exists = await services.customers.findCredentials(em, c.contractNumber ?? c.phone);
      if (exists) continue;
      const { note: _note, ...input } = c;
      await services.customers.create(em, input);
      created.push(c);
    }
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
