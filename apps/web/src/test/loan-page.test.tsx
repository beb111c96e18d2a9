import type { LoanExtensionOffer, LoanView } from '@cabinet/shared-types';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { en } from '@/features/loans/i18n/en';
import { ru } from '@/features/loans/i18n/ru';
import type { Dictionary } from '@/shared/i18n/dictionary';
import { browser } from '@/shared/lib/browser';
import { createFakeApi, customer, json, problem, signedIn } from './fake-api';

/** The review pages live in the back-office console: staff only. */
const operator = { ...customer, role: 'operator' as const };
import { loan, otherCard, ownCard, rub, shortProduct, instalmentProduct } from './loan-fixtures';
import { payment } from './payment-fixtures';
import { renderApp } from './render-app';

const plain = (value: string | null | undefined) => (value ?? '').replace(/[\u00a0\u202f]/g, ' ');

function setup(view: LoanView, cards = [ownCard]) {
  const api = signedIn(createFakeApi())
    .on('GET', `/loans/${view.id}`, () => json(200, view))
    .on('GET', '/cards', () => json(200, { items: cards }))
    .on('GET', '/loans/products', () => json(200, { items: [shortProduct, instalmentProduct] }));
  return api;
}

describe('the loan page', () => {
  it('shows the debt now, the next payment, the schedule as a table and a chart, the payments and the status history', async () => {
    setup(loan());
    renderApp('/loans/loan-1');
    await screen.findByRole('heading', { level: 1, name: 'Заём З-000042 Действует' });
    const debt = screen.getByRole('region', { name: /^Долг на/ });
    expect(plain(debt.textContent)).toContain('Основной долг10 000 ₽');
    expect(plain(debt.textContent)).toContain('Проценты по сегодня800 ₽');
    expect(plain(debt.textContent)).toContain('Неустойка54,79 ₽');
    expect(plain(debt.textContent)).toContain('Всего10 854,79 ₽');
    expect(plain(debt.textContent)).toContain('Следующий платёж12 400 ₽ до 22 дек. 2026 г.');
    const table = screen.getByRole('table', { name: 'График платежей' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(plain(within(table).getAllByRole('row')[1]!.textContent)).toBe('122 дек. 2026 г.12 400 ₽10 000 ₽2 400 ₽0 ₽следующий');
    expect(screen.getByRole('img', { name: /Остаток основного долга/ })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Выдача и платежи' })).toBeInTheDocument();
    expect(screen.getAllByText(/Деньги зачислены на карту •••• 1111/).length).toBeGreaterThan(0);
  });

  it('repay: shows where the money goes before confirming, refuses more than the debt, pays with the saved card under an Idempotency-Key', async () => {
    const api = setup(loan());
    api.on('POST', '/loans/loan-1/repayments', () => json(201, payment({ id: 'p-9', purpose: 'loan_repayment', loanId: 'loan-1', accountId: null, accountNumber: null, status: 'succeeded', confirmation: null, amount: rub(3_000_00) })));
    const { user } = renderApp('/loans/loan-1');
    await user.click(await screen.findByRole('button', { name: 'Погасить' }));
    const dialog = await screen.findByRole('dialog', { name: 'Погашение займа' });
    const amount = within(dialog).getByLabelText('Сумма, ₽');
    expect(amount).toHaveValue('10854,79');

    await user.clear(amount);
    await user.type(amount, '20000');
    expect(amount).toHaveAccessibleDescription(/Не больше долга: 10\s854,79\s₽/);
    expect(within(dialog).getByRole('button', { name: /^Оплатить/ })).toBeDisabled();

    await user.clear(amount);
    await user.type(amount, '3000');
    const facts = plain(within(dialog).getByText('Куда пойдут деньги').nextElementSibling?.textContent);
    // Penalty first, then interest to today, then principal.
    expect(facts).toBe('Неустойка54,79 ₽Проценты800 ₽Основной долг2 145,21 ₽Останется7 854,79 ₽');
    await user.click(within(dialog).getByRole('button', { name: /^Оплатить 3\s000\s₽$/ }));

    await screen.findByText(/Платёж 3\s000\s₽ зачислен\./);
    const sent = api.callsTo('POST', '/loans/loan-1/repayments')[0]!;
    expect(sent.body).toEqual({ amount: rub(3_000_00), method: 'saved_card', cardId: 'card-1' });
    expect(sent.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('repay with a new card goes to the acquirer’s page and comes back to the loan', async () => {
    const api = setup(loan(), [ownCard]);
    api.on('POST', '/loans/loan-1/repayments', () => json(201, payment({ purpose: 'loan_repayment', loanId: 'loan-1', accountId: null, accountNumber: null })));
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
    const { user } = renderApp('/loans/loan-1');
    await user.click(await screen.findByRole('button', { name: 'Погасить' }));
    const dialog = await screen.findByRole('dialog', { name: 'Погашение займа' });
    await user.click(within(dialog).getByRole('button', { name: /^Весь долг/ }));
    await user.click(within(dialog).getByRole('radio', { name: /Новая карта/ }));
    expect(within(dialog).getByText('заём будет погашен')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: /^Оплатить 10\s854,79\s₽$/ }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/api/sandbox/acquirer/pay/sbx_1'));
    expect(api.callsTo('POST', '/loans/loan-1/repayments')[0]!.body).toEqual({ amount: rub(10_854_79), method: 'bank_card', returnUrl: '/loans/loan-1?payment={id}' });
  });

  it('back from the acquirer (?payment=), it reads the payment until it settles and says how it went', async () => {
    const api = setup(loan());
    api
      .once('GET', '/payments/p-5', () => json(200, payment({ id: 'p-5', purpose: 'loan_repayment', loanId: 'loan-1', status: 'pending' })))
      .on('GET', '/payments/p-5', () => json(200, payment({ id: 'p-5', purpose: 'loan_repayment', loanId: 'loan-1', status: 'succeeded', confirmation: null, amount: rub(4_000_00) })));
    renderApp('/loans/loan-1?payment=p-5');
    expect(await screen.findByText(/Платёж 4\s000\s₽ зачислен\./, undefined, { timeout: 4000 })).toBeInTheDocument();
  });

  it('extend: the days, then interest to date, the fee and the new due date, before paying', async () => {
    const api = setup(loan());
    const offer = (days: number): LoanExtensionOffer => ({
      available: true,
      reason: null,
      minDays: 7,
      maxDays: 30,
      days,
      interest: rub(800_00),
      penalty: rub(0),
      fee: rub(300_00),
      total: rub(1_100_00),
      dueOn: '2026-12-22',
      newDueOn: new Date(Date.UTC(2026, 11, 22 + days)).toISOString().slice(0, 10),
      extensionsLeft: 3,
    });
    api
      .on('GET', '/loans/loan-1/extension', (req) => json(200, offer(Number(req.url.searchParams.get('days')))))
      .on('POST', '/loans/loan-1/extension', () => json(201, payment({ purpose: 'loan_extension', loanId: 'loan-1', status: 'succeeded', confirmation: null, amount: rub(1_100_00) })));
    const { user } = renderApp('/loans/loan-1');
    await user.click(await screen.findByRole('button', { name: 'Продлить' }));
    const dialog = await screen.findByRole('dialog', { name: 'Продление займа' });
    fireEvent.change(within(dialog).getByLabelText('Продлить на'), { target: { value: '20' } });
    await waitFor(() => expect(plain(dialog.textContent)).toContain('Новый срок возврата11 янв. 2027 г.'));
    expect(plain(dialog.textContent)).toContain('Проценты по сегодня800 ₽');
    expect(plain(dialog.textContent)).toContain('Плата за продление300 ₽');
    expect(plain(dialog.textContent)).toContain('Можно продлить ещё 3 раза');
    await user.click(within(dialog).getByRole('button', { name: /^Оплатить 1\s100\s₽ и продлить$/ }));
    await screen.findByText(/Оплачено 1\s100\s₽: заём продлён\./);
    expect(api.callsTo('POST', '/loans/loan-1/extension')[0]!.body).toEqual({ days: 20, method: 'saved_card', cardId: 'card-1' });
  });

  it('approved: pick a card; a card in another name is refused with the reason in words', async () => {
    const approved = loan({ status: 'approved', debt: null, nextPayment: null, schedule: [], operations: [], payout: null, approvalValidUntil: '2026-11-29T09:00:00Z', contract: { ...loan().contract!, issuedOn: null } });
    const api = setup(approved, [ownCard, otherCard]);
    api.on('POST', '/loans/loan-1/disburse', (req) =>
      (req.body as { cardId: string }).cardId === 'card-2' ? problem(409, 'card_holder_mismatch') : json(200, loan({ status: 'disbursed', debt: null, nextPayment: null })),
    );
    const { user } = renderApp('/loans/loan-1');
    const panel = await screen.findByRole('region', { name: 'Получить деньги' });
    expect(plain(panel.textContent)).toContain('только на именную карту');
    await user.click(within(panel).getByRole('radio', { name: /4444 · PETR SIDOROV/ }));
    await user.click(within(panel).getByRole('button', { name: 'Получить деньги на карту' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('Карта оформлена не на вас');
    await user.click(within(panel).getByRole('radio', { name: /1111 · IVAN IVANOV/ }));
    await user.click(within(panel).getByRole('button', { name: 'Получить деньги на карту' }));
    await screen.findByText(/Переводим деньги на карту •••• 1111/);
    expect(api.callsTo('POST', '/loans/loan-1/disburse').map((c) => c.body)).toEqual([{ cardId: 'card-2' }, { cardId: 'card-1' }]);
  });
});

describe('the optional services of a loan', () => {
  const paid = { code: 'insurance', name: 'Страхование от несчастного случая', price: rub(990_00), status: 'paid' as const, paymentId: 'p-9', paidAt: '2026-11-22T09:03:00Z', refundableUntil: '2026-12-06T09:03:00Z', refundable: true, refundedAt: null };
  const late = { ...paid, code: 'legal', name: 'Юридическая консультация онлайн, подписка на 3 месяца', price: rub(1_490_00), paymentId: 'p-10', refundable: false };

  it('lists the bought services apart from the debt; while the window is open, «Отказаться и вернуть деньги» refunds under an Idempotency-Key', async () => {
    const view = loan({ services: [paid, late] });
    const api = setup(view);
    api.on('POST', '/loans/loan-1/services/insurance/refund', () => json(200, { ...paid, status: 'refunded', refundable: false, refundedAt: '2026-11-30T10:00:00Z' }));
    const { user } = renderApp('/loans/loan-1');
    const section = await screen.findByRole('region', { name: 'Дополнительные услуги' });
    expect(plain(section.textContent)).toContain('Страхование от несчастного случая — 990 ₽');
    expect(plain(section.textContent)).toContain('Отказаться с возвратом денег можно до 6 дек');
    expect(plain(section.textContent)).toContain('Срок отказа с возвратом (14 дней) истёк.');
    // The debt does not include them.
    expect(plain(screen.getByRole('region', { name: /^Долг на/ }).textContent)).toContain('Всего10 854,79 ₽');
    const buttons = within(section).getAllByRole('button', { name: 'Отказаться и вернуть деньги' });
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toHaveAccessibleDescription(/Оплачена\. Отказаться с возвратом денег можно до/);
    await user.click(buttons[0]!);
    expect(await within(section).findByText('990 ₽ вернутся на карту, которой оплачена услуга.')).toBeInTheDocument();
    const calls = api.callsTo('POST', '/loans/loan-1/services/insurance/refund');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('approved with a service chosen: before taking the money it says the service is charged separately, not in the loan', async () => {
    const chosen = { ...paid, status: 'selected' as const, paymentId: null, paidAt: null, refundableUntil: null, refundable: false };
    const approved = loan({ status: 'approved', debt: null, nextPayment: null, schedule: [], operations: [], payout: null, approvalValidUntil: '2026-11-29T09:00:00Z', services: [chosen] });
    setup(approved);
    renderApp('/loans/loan-1');
    const panel = await screen.findByRole('region', { name: 'Получить деньги' });
    expect(plain(panel.textContent)).toContain('Вы выбрали дополнительные услуги (Страхование от несчастного случая): 990 ₽ спишем с этой же карты отдельным платежом');
    const section = screen.getByRole('region', { name: 'Дополнительные услуги' });
    expect(plain(section.textContent)).toContain('Выбрана: оплата отдельно после выдачи денег.');
    expect(within(section).queryByRole('button')).toBeNull();
  });

  it('a refund the API refuses (past 14 days) is said in words', async () => {
    const api = setup(loan({ services: [paid] }));
    api.on('POST', '/loans/loan-1/services/insurance/refund', () => problem(409, 'service_refund_period_over'));
    const { user } = renderApp('/loans/loan-1');
    const section = await screen.findByRole('region', { name: 'Дополнительные услуги' });
    await user.click(within(section).getByRole('button', { name: 'Отказаться и вернуть деньги' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent('Срок отказа с возвратом денег (14 дней) уже истёк.');
  });
});

describe('the loans list', () => {
  it('lists loans with their status, the debt and the next payment', async () => {
    signedIn(createFakeApi()).on('GET', '/loans', () => json(200, { items: [loan(), loan({ id: 'loan-2', number: 'З-000041', status: 'repaid', debt: null, nextPayment: null })], nextCursor: null }));
    renderApp('/loans');
    await screen.findByRole('heading', { level: 1, name: 'Займы' });
    const items = await screen.findAllByRole('article');
    expect(plain(items[0]!.textContent)).toContain('Заём З-000042Действует');
    expect(plain(items[0]!.textContent)).toContain('Долг сегодня10 854,79 ₽');
    expect(plain(items[1]!.textContent)).toContain('Погашен');
    expect(screen.getByRole('link', { name: 'Новый заём' })).toHaveAttribute('href', '/loans/calculator');
  });
});

describe('the back office pages of loans', () => {
  it('an operator opens an application from the queue and approves it with a comment', async () => {
    const item = {
      id: 'loan-7',
      number: 'З-000007',
      status: 'in_review',
      customer: { id: 'c-7', name: 'Волков Андрей Сергеевич', phone: '+79210000006' },
      product: { id: shortProduct.id, name: shortProduct.name, kind: 'short' },
      amount: rub(10_000_00),
      termDays: 30,
      monthlyIncome: rub(20_000_00),
      paymentToIncome: 0.62,
      submittedAt: '2026-11-22T09:00:00Z',
      decision: { outcome: 'in_review', reason: 'payment_to_income_high', note: null, at: '2026-11-22T09:00:00Z' },
    };
    const view = { ...item, borrower: { surname: 'Волков', name: 'Андрей', passportSeries: '4009', passportNumber: '175320' }, rules: [{ rule: 'payment_to_income', outcome: 'review', detail: '62 %' }], bureau: [], history: [], consents: [] };
    const api = signedIn(createFakeApi(), operator)
      .on('GET', '/backoffice/loan-applications', () => json(200, { items: [item], nextCursor: null }))
      .on('GET', '/backoffice/loan-applications/loan-7', () => json(200, view))
      .on('POST', '/backoffice/loan-applications/loan-7/approve', () => json(200, { ...view, status: 'approved' }));
    const { user } = renderApp('/backoffice/loans');
    await screen.findByRole('heading', { level: 1, name: 'Заявки на займы' });
    const row = await screen.findByRole('row', { name: /З-000007/ });
    expect(plain(row.textContent)).toContain('62 %');
    await user.click(within(row).getByRole('button', { name: 'Открыть' }));
    await screen.findByRole('heading', { name: /Заявка З-000007/ });
    expect(screen.getByText(/Платёж к доходу/).closest('li')).toHaveTextContent('на решение специалиста');
    await user.type(screen.getByLabelText('Комментарий'), 'Доход подтверждён');
    await user.click(screen.getByRole('button', { name: 'Одобрить' }));
    await waitFor(() => expect(api.callsTo('POST', '/backoffice/loan-applications/loan-7/approve')[0]?.body).toEqual({ comment: 'Доход подтверждён' }));
  });

  it('an operator confirms a phone change with the passport the person named; a mismatch is said', async () => {
    const request = { id: 'pc-1', customer: { id: 'c-1', name: 'Кузнецова Мария Андреевна' }, oldPhone: '+79210000005', newPhone: '+79115557001', status: 'pending', requestedAt: '2026-11-22T09:00:00Z', decidedAt: null, note: null };
    const api = signedIn(createFakeApi(), operator)
      .on('GET', '/backoffice/phone-changes', () => json(200, { items: [request], nextCursor: null }))
      .on('POST', '/backoffice/phone-changes/pc-1/confirm', () => problem(409, 'identity_mismatch'));
    const { user } = renderApp('/backoffice/phone-changes');
    await screen.findByText('+7 921 000-00-05 → +7 911 555-70-01');
    await user.type(screen.getByLabelText('Серия'), '4015');
    await user.type(screen.getByLabelText('Номер'), '111111');
    await user.click(screen.getByRole('button', { name: 'Паспорт совпал — подтвердить' }));
    expect(await screen.findByText('Паспортные данные не совпадают с данными клиента — номер не сменён.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/backoffice/phone-changes/pc-1/confirm')[0]!.body).toEqual({ passportSeries: '4015', passportNumber: '111111' });
  });
});

describe('the texts of the loans feature', () => {
  const keys = (d: Dictionary, prefix = ''): string[] =>
    Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`] : keys(v, `${prefix}${k}.`)));
  it('English has every key Russian has, and no extra ones', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(ru as unknown as Dictionary))].sort());
  });
});
