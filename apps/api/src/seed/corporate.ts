import type { DataSource } from 'typeorm';
import type { Services } from '../app';
import { innWithCheckDigit } from '../modules/corporate';
import { LedgerService, type PostInput } from '../modules/ledger';
import { ManualClock, type Clock } from '../platform/clock';

/** The demo company's people (README lists them): an administrator, two employees with logins, an accountant. */
export const CORPORATE_DEMO_CUSTOMERS = [
  { note: 'company administrator (ООО «Северная звезда»): lines, employees, limits, spending, closing documents at /company', phone: '+79210000070', password: 'demo12345', surname: 'Смирнова', name: 'Ольга', patronymic: 'Викторовна', email: 'director@sev-zvezda.example.ru' },
  { note: 'employee of the company: sees only their own line (+7 921 000-00-71)', phone: '+79210000071', password: 'demo12345', surname: 'Орлов', name: 'Денис' },
  { note: 'employee of the company whose line is over its monthly limit (incoming calls only)', phone: '+79210000072', password: 'demo12345', surname: 'Белова', name: 'Анна' },
  { note: 'the company’s accountant (viewer): spending reports and closing documents, changes nothing', phone: '+79210000074', password: 'demo12345', surname: 'Зайцева', name: 'Марина' },
];

const LINES = [
  { msisdn: '+79210000071', iccid: '8970199210000007101', operator: 'megafon', tariffCode: 'megafon-vse', employee: 'Денис Орлов', department: 'Продажи', phone: '+79210000071', limit: 1500_00 },
  { msisdn: '+79210000072', iccid: '8970199210000007202', operator: 'megafon', tariffCode: 'megafon-vse', employee: 'Анна Белова', department: 'Продажи', phone: '+79210000072', limit: 700_00 },
  { msisdn: '+79210000073', iccid: '8970199210000007303', operator: 'tele2', tariffCode: 'tele2-black', employee: 'Игорь Петров', department: 'Логистика', phone: null, limit: null },
];

/**
 * The demo company, made through the product's services: a mobile account with three lines, registered as
 * ООО «Северная звезда»; two past months of charges per line (refs naming the line, as the product's own);
 * employees bound, limits set (Анна's line is over hers this period, so it takes incoming calls only and
 * she got an SMS); the accountant's viewer grant; the last two months' invoices and acts. Only when the
 * administrator was created just now.
 */
export async function seedCorporate(ds: DataSource, services: Services, clock: Clock, createdPhones: string[]): Promise<void> {
  if (!createdPhones.includes('+79210000070')) return;
  const [owner] = await ds.query('SELECT id FROM customers WHERE phone = $1', ['+79210000070']);
  const accountId = await ds.transaction((em) => services.accounts.openMobileAccount(em, { customerId: owner.id, lines: LINES.map(({ msisdn, iccid, operator, tariffCode }) => ({ msisdn, iccid, operator, tariffCode })) }));
  const lines: { id: string; msisdn: string }[] = await ds.query('SELECT id, msisdn FROM mobile_lines WHERE account_id = $1', [accountId]);
  const lineId = (msisdn: string) => lines.find((l) => l.msisdn === msisdn)!.id;

  // Two past months: a bank transfer on the 2nd, each line's monthly fee on the 3rd, some usage on the 15th.
  const now = clock.now();
  const past = new ManualClock(now);
  const ledger = new LedgerService(past);
  const at = (monthsAgo: number, day: number, minute = 0) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, day, 9, minute));
  const entries: (Omit<PostInput, 'accountId'> & { at: Date })[] = [];
  entries.push({ at: at(3, 20), amount: 2000_00n, kind: 'adjustment', ref: 'demo-corporate-opening', description: 'Начальный остаток' });
  for (const m of [2, 1]) {
    entries.push({ at: at(m, 2), amount: 3000_00n, kind: 'payment', ref: `demo-corporate-transfer-${m}`, description: 'Оплата по счёту, платёжное поручение' });
    LINES.forEach((l, i) => {
      const fee = l.tariffCode === 'tele2-black' ? 500_00n : 650_00n;
      entries.push({ at: at(m, 3, i), amount: -fee, kind: 'monthly_fee', ref: `monthly:${lineId(l.msisdn)}:demo-${m}`, description: `Абонентская плата, ${l.msisdn}` });
    });
    entries.push({ at: at(m, 15), amount: -(m === 1 ? 184_50n : 96_00n), kind: 'usage', ref: `usage:demo:${lineId('+79210000071')}:${m}`, description: 'Сверх пакета: роуминг' });
  }
  await ds.transaction(async (em) => {
    for (const e of entries) {
      past.set(e.at);
      const { at: _at, ...input } = e;
      await ledger.post(em, { accountId, ...input });
    }
    // This period: Анна's calls over the package (730 ₽ — over her 700 ₽ limit).
    await services.ledger.post(em, { accountId, amount: 1500_00n, kind: 'payment', ref: 'demo-corporate-transfer-0', description: 'Оплата по счёту, платёжное поручение' });
    await services.ledger.post(em, { accountId, amount: -730_00n, kind: 'usage', ref: `usage:demo:${lineId('+79210000072')}:0`, description: 'Сверх пакета: междугородние вызовы' });
  });

  const company = await services.corporate.create(owner.id, {
    accountId,
    name: 'ООО «Северная звезда»',
    inn: innWithCheckDigit('781234567'),
    kpp: '781301001',
    legalAddress: '191025, г. Санкт-Петербург, Невский пр., д. 90, оф. 12',
  }, null);
  for (const l of LINES) {
    await services.corporate.bindEmployee(owner.id, company.id, lineId(l.msisdn), { name: l.employee, department: l.department, ...(l.phone ? { phone: l.phone } : {}) }, null);
    if (l.limit) await services.corporate.setLimit(owner.id, company.id, lineId(l.msisdn), { amount: l.limit, currency: 'RUB' }, null);
  }
  await services.accounts.grant(owner.id, accountId, { phone: '+79210000074', level: 'viewer' }, null);
  const month = (monthsAgo: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 15)).toISOString().slice(0, 7);
  for (const m of [2, 1]) await ds.transaction((em) => services.closingDocuments.issue(em, company.id, month(m)));
}
