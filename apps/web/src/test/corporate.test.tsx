import type { ClosingDocumentView, CompanyView, CorporateLineView, SpendingReport } from '@cabinet/shared-types';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { en } from '@/features/corporate/i18n/en';
import { ru } from '@/features/corporate/i18n/ru';
import { browser } from '@/shared/lib/browser';
import { mobileAccount } from './account-fixtures';
import { createFakeApi, customer, json, noContent, problem, signedIn } from './fake-api';
import { renderApp } from './render-app';

const slow = { timeout: 5000 };
const rub = (amount: number) => ({ amount, currency: 'RUB' as const });
const plain = (value: string | null | undefined) => (value ?? '').replace(/[\u00a0\u202f]/g, ' ');

const company = (overrides: Partial<CompanyView> = {}): CompanyView => ({
  id: 'co-1',
  accountId: 'a-1',
  accountNumber: '7000001',
  name: 'ООО «Северная звезда»',
  inn: '7812345671',
  kpp: '781301001',
  legalAddress: 'г. Санкт-Петербург, Невский пр., д. 90',
  access: 'owner',
  balance: rub(1250_00),
  lineCount: 2,
  createdAt: '2026-11-01T09:00:00Z',
  ...overrides,
});

const line = (overrides: Partial<CorporateLineView> = {}): CorporateLineView => ({
  lineId: 'l-71',
  msisdn: '+79210000071',
  operator: 'megafon',
  tariffName: 'Без переплат. Всё',
  status: 'active',
  blockReason: null,
  restriction: null,
  restrictionReason: null,
  restrictedAt: null,
  employee: { name: 'Денис Орлов', department: 'Продажи', phone: '+79210000071' },
  monthlyLimit: rub(1500_00),
  spent: rub(834_50),
  periodStart: '2026-11-22T09:00:00Z',
  periodEnd: '2026-12-22T09:00:00Z',
  ...overrides,
});

const restricted = line({ lineId: 'l-72', msisdn: '+79210000072', employee: { name: 'Анна Белова', department: 'Продажи', phone: null }, monthlyLimit: rub(700_00), spent: rub(730_00), restriction: 'incoming_only', restrictionReason: 'spending_limit' });

const act: ClosingDocumentView = { id: 'd-1', kind: 'act', period: '2026-10', number: 'АКТ-7000001-202610', amount: rub(1984_50), vat: rub(357_86), createdAt: '2026-11-01T00:25:00Z' };

function setup(view = company(), lines = [line(), restricted]) {
  return signedIn(createFakeApi())
    .on('GET', '/corporate/companies', () => json(200, { items: [view], nextCursor: null }))
    .on('GET', `/corporate/companies/${view.id}`, () => json(200, view))
    .on('GET', `/corporate/companies/${view.id}/lines`, () => json(200, { items: lines, nextCursor: null }))
    .on('GET', `/corporate/companies/${view.id}/documents`, () => json(200, { items: [act], nextCursor: null }))
    .on('GET', '/accounts', () => json(200, { items: [mobileAccount()], nextCursor: null }));
}

describe('the corporate cabinet', () => {
  it('the English dictionary has every key of the Russian one', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${p}${k}`] : keys(v as object, `${p}${k}.`)));
    expect(keys(en).sort()).toEqual(keys(ru).sort());
  });

  it('an administrator sees the lines with spending, limits and the restricted one, and sets a limit', async () => {
    const api = setup();
    api.on('PUT', '/corporate/companies/co-1/lines/l-71/limit', (r) => json(200, line({ monthlyLimit: (r.body as { amount: { amount: number; currency: 'RUB' } }).amount })));
    const { user } = renderApp('/company/co-1');
    await screen.findByRole('heading', { level: 1, name: 'ООО «Северная звезда»' }, slow);
    const table = await screen.findByRole('table', { name: 'Номера компании' }, slow);
    const rows = within(table).getAllByRole('row');
    expect(plain(rows[1]!.textContent)).toContain('Денис Орлов');
    expect(plain(rows[1]!.textContent)).toContain('834,50 ₽');
    expect(plain(rows[1]!.textContent)).toContain('1 500 ₽');
    expect(within(rows[2]!).getByText('Только входящие')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Лимит: +7 921 000-00-71' }));
    const dialog = await screen.findByRole('dialog', { name: 'Лимит для +7 921 000-00-71' });
    const amount = within(dialog).getByLabelText('Лимит в месяц, ₽');
    expect(amount).toHaveValue('1500');
    await user.clear(amount);
    await user.type(amount, '0');
    await user.click(within(dialog).getByRole('button', { name: 'Сохранить' }));
    expect(amount).toHaveAccessibleDescription(/Введите сумму больше нуля/);
    expect(api.callsTo('PUT', '/corporate/companies/co-1/lines/l-71/limit')).toHaveLength(0);
    await user.clear(amount);
    await user.type(amount, '2000');
    await user.click(within(dialog).getByRole('button', { name: 'Сохранить' }));
    expect(plain((await screen.findByText(/Лимит для \+7 921 000-00-71: 2\s000\s₽\./)).textContent)).toBe('Лимит для +7 921 000-00-71: 2 000 ₽.');
    expect(api.callsTo('PUT', '/corporate/companies/co-1/lines/l-71/limit')[0]!.body).toEqual({ amount: rub(2000_00) });
  });

  it('an administrator lifts a limit and binds an employee by phone; an unknown phone is said at the field', async () => {
    const api = setup();
    api.on('DELETE', '/corporate/companies/co-1/lines/l-72/limit', () => noContent());
    api.once('PUT', '/corporate/companies/co-1/lines/l-72/employee', () => problem(404, 'customer_not_found'));
    api.on('PUT', '/corporate/companies/co-1/lines/l-72/employee', () => json(200, restricted));
    const { user } = renderApp('/company/co-1/lines');
    await user.click(await screen.findByRole('button', { name: 'Лимит: +7 921 000-00-72' }, slow));
    await user.click(within(await screen.findByRole('dialog', { name: /Лимит для/ })).getByRole('button', { name: 'Снять лимит' }));
    await screen.findByText('Лимит для +7 921 000-00-72 снят.');
    expect(api.callsTo('DELETE', '/corporate/companies/co-1/lines/l-72/limit')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Сотрудник: +7 921 000-00-72' }));
    const dialog = await screen.findByRole('dialog', { name: 'Сотрудник на номере +7 921 000-00-72' });
    expect(within(dialog).getByLabelText('Имя и фамилия')).toHaveValue('Анна Белова');
    await user.type(within(dialog).getByLabelText('Телефон для входа (необязательно)'), '9210000072');
    await user.click(within(dialog).getByRole('button', { name: 'Сохранить' }));
    expect(await within(dialog).findByText('Абонент с таким телефоном не зарегистрирован.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Сохранить' }));
    await screen.findByText('Анна Белова — на номере +7 921 000-00-72.');
    expect(api.callsTo('PUT', '/corporate/companies/co-1/lines/l-72/employee')[1]!.body).toEqual({ name: 'Анна Белова', department: 'Продажи', phone: '9210000072' });
  });

  it('an employee sees only their line: no balance, no reports, no documents, no actions', async () => {
    setup(company({ access: 'line_manager', balance: null, lineCount: 1 }), [line()]);
    renderApp('/company/co-1/documents');
    const table = await screen.findByRole('table', { name: 'Номера компании' }, slow);
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByText(/Ваш рабочий номер/)).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Разделы компании' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Лимит/ })).not.toBeInTheDocument();
    expect(screen.queryByText(/Баланс счёта/)).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Закрывающие документы' })).not.toBeInTheDocument();
  });

  it('the documents tab lists acts by month and downloads the PDF with the token', async () => {
    const api = setup();
    api.on('GET', '/corporate/companies/co-1/documents/d-1/pdf', () => new Response('%PDF-1.3', { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': "attachment; filename*=UTF-8''%D0%90%D0%9A%D0%A2.pdf" } }));
    const save = vi.spyOn(browser, 'saveFile').mockImplementation(() => undefined);
    const { user } = renderApp('/company/co-1/documents');
    const nav = await screen.findByRole('navigation', { name: 'Разделы компании' }, slow);
    expect(within(nav).getByRole('link', { name: 'Документы' })).toHaveAttribute('aria-current', 'page');
    const row = within(await screen.findByRole('table', { name: 'Счета и акты по месяцам' })).getAllByRole('row')[1]!;
    expect(plain(row.textContent)).toContain('октябрь 2026');
    expect(plain(row.textContent)).toContain('1 984,50 ₽');
    await user.click(within(row).getByRole('button', { name: 'Скачать PDF: Акт № АКТ-7000001-202610' }));
    await waitFor(() => expect(save).toHaveBeenCalledWith(expect.anything(), 'АКТ.pdf'));
    expect(api.callsTo('GET', '/corporate/companies/co-1/documents/d-1/pdf')[0]!.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('the spending tab shows employees, departments and the total, and exports CSV for the period', async () => {
    const report: SpendingReport = {
      from: '2026-10-01',
      to: '2026-10-31',
      byLine: [{ lineId: 'l-71', msisdn: '+79210000071', employee: 'Денис Орлов', department: 'Продажи', spent: rub(834_50) }],
      byDepartment: [{ department: 'Продажи', lines: 1, spent: rub(834_50) }],
      accountWide: rub(0),
      total: rub(834_50),
    };
    const api = setup();
    api.on('GET', '/corporate/companies/co-1/spending', () => json(200, report));
    api.on('GET', '/corporate/companies/co-1/spending.csv', () => new Response('\uFEFFНомер;Сотрудник', { status: 200, headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="spending.csv"' } }));
    const save = vi.spyOn(browser, 'saveFile').mockImplementation(() => undefined);
    const { user } = renderApp('/company/co-1/spending');
    const from = await screen.findByLabelText('С', {}, slow);
    await user.clear(from);
    await user.type(from, '2026-10-01');
    const to = screen.getByLabelText('По');
    await user.clear(to);
    await user.type(to, '2026-10-31');
    await user.click(screen.getByRole('button', { name: 'Показать' }));
    await waitFor(() => expect(api.callsTo('GET', '/corporate/companies/co-1/spending').some((c) => c.url.searchParams.get('from') === '2026-10-01' && c.url.searchParams.get('to') === '2026-10-31')).toBe(true));
    expect(plain(within(await screen.findByRole('table', { name: 'По отделам' })).getAllByRole('row')[1]!.textContent)).toBe('Продажи1834,50 ₽');
    await user.click(screen.getByRole('button', { name: 'Скачать CSV' }));
    await waitFor(() => expect(save).toHaveBeenCalledWith(expect.anything(), 'spending.csv'));
    expect(api.callsTo('GET', '/corporate/companies/co-1/spending.csv')[0]!.url.searchParams.get('from')).toBe('2026-10-01');
  });

  it('registering a company checks the INN as typed and posts once with an Idempotency-Key', async () => {
    const api = signedIn(createFakeApi(), customer)
      .on('GET', '/corporate/companies', () => json(200, { items: [], nextCursor: null }))
      .on('GET', '/accounts', () => json(200, { items: [mobileAccount()], nextCursor: null }))
      .on('POST', '/corporate/companies', () => json(201, company({ id: 'co-9' })))
      .on('GET', '/corporate/companies/co-9', () => json(200, company({ id: 'co-9' })))
      .on('GET', '/corporate/companies/co-9/lines', () => json(200, { items: [], nextCursor: null }));
    const { user, location } = renderApp('/company');
    await screen.findByText('Вы пока не администрируете ни одной компании.', {}, slow);
    await user.type(await screen.findByLabelText('Название организации'), 'ООО «Ромашка»');
    await user.type(screen.getByLabelText('ИНН'), '7707083890');
    await user.type(screen.getByLabelText('КПП'), '773601001');
    await user.type(screen.getByLabelText('Юридический адрес'), 'г. Москва, ул. Вавилова, д. 19');
    await user.click(screen.getByRole('button', { name: 'Подключить' }));
    expect(screen.getByLabelText('ИНН')).toHaveAccessibleDescription(/контрольной цифры/);
    expect(api.callsTo('POST', '/corporate/companies')).toHaveLength(0);
    await user.clear(screen.getByLabelText('ИНН'));
    await user.type(screen.getByLabelText('ИНН'), '7707083893');
    await user.click(screen.getByRole('button', { name: 'Подключить' }));
    await waitFor(() => expect(location()).toBe('/company/co-9'));
    const sent = api.callsTo('POST', '/corporate/companies')[0]!;
    expect(sent.body).toEqual({ accountId: 'a-1', name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', legalAddress: 'г. Москва, ул. Вавилова, д. 19' });
    expect(sent.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
