import type { CreateLoanRequest, LoanView } from '@cabinet/shared-types';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { wizardStore } from '@/features/loans/components/wizard-store';
import { customer, createFakeApi, json, problem, signedIn, token } from './fake-api';
import { calculation, instalmentProduct, loan, rub, shortProduct } from './loan-fixtures';
import { renderApp } from './render-app';

const plain = (value: string | null | undefined) => (value ?? '').replace(/[\u00a0\u202f]/g, ' ');

const services = [
  { code: 'insurance', name: 'Страхование от несчастного случая', description: 'Страховка на срок займа.', price: rub(990_00), refundDays: 14 },
  { code: 'legal', name: 'Юридическая консультация онлайн, подписка на 3 месяца', description: 'Консультации юриста.', price: rub(1_490_00), refundDays: 14 },
];

function catalog(api: ReturnType<typeof createFakeApi>) {
  return api
    .on('GET', '/loans/products', () => json(200, { items: [shortProduct, instalmentProduct] }))
    .on('GET', '/loans/calculator', (req) => json(200, calculation(Number(req.url.searchParams.get('amount')), Number(req.url.searchParams.get('termDays')))))
    .on('GET', '/loans/services', () => json(200, { items: services }))
    .on('GET', '/loans/consents', () =>
      json(200, {
        items: [
          { kind: 'terms', version: 'terms-2026-11', title: 'Общие условия', text: 'Текст условий' },
          { kind: 'personal_data', version: 'pd-2026-11', title: 'Персональные данные', text: 'Текст согласия' },
          { kind: 'credit_bureau', version: 'cb-2026-11', title: 'Кредитная история', text: 'Текст согласия на запрос' },
        ],
      }),
    );
}

beforeEach(() => {
  localStorage.clear();
  wizardStore.reset();
});

describe('the public loan calculator', () => {
  it('shows the figures from the API and follows the sliders', async () => {
    const api = catalog(createFakeApi());
    renderApp('/loans/calculator');
    await screen.findByRole('heading', { level: 1, name: 'Калькулятор займа' });
    const figures = await screen.findByRole('region', { name: 'Расчёт' });
    await waitFor(() => expect(plain(figures.textContent)).toContain('Вернуть'));

    fireEvent.change(screen.getByLabelText('Сумма'), { target: { value: String(10_000_00) } });
    fireEvent.change(screen.getByLabelText('Срок'), { target: { value: '30' } });
    await waitFor(() => expect(plain(figures.textContent)).toContain('12 400 ₽'));
    expect(plain(figures.textContent)).toContain('Переплата2 400 ₽');
    expect(plain(figures.textContent)).toContain('292 % годовых');
    expect(plain(figures.textContent)).toMatch(/не больше 100 % от суммы займа/);
    expect(plain(screen.getByLabelText('Сумма').getAttribute('aria-valuetext'))).toBe('10 000 ₽');
    const last = api.callsTo('GET', '/loans/calculator').at(-1)!;
    expect(Object.fromEntries(last.url.searchParams)).toEqual({ productId: 'prod-short', amount: '1000000', termDays: '30' });
  });

  it('when “apply” is pressed, the wizard starts at step 1 with the chosen amount, kept as a draft in this browser', async () => {
    catalog(createFakeApi());
    const { user, location } = renderApp('/loans/calculator?product=do-zarplaty&amount=500000&term=14');
    await screen.findByRole('heading', { level: 1, name: 'Калькулятор займа' });
    expect(screen.getByLabelText('Сумма')).toHaveValue(String(5_000_00));
    await user.click(screen.getByRole('button', { name: 'Оформить заявку' }));
    await screen.findByRole('heading', { level: 1, name: 'Заявка на заём' });
    expect(location()).toBe('/loans/apply');
    const steps = screen.getByRole('list', { name: 'Шаг 1 из 4' });
    expect(within(steps).getByText('Сумма и срок').closest('li')).toHaveAttribute('aria-current', 'step');
    expect(JSON.parse(localStorage.getItem('cabinet.loanWizard') ?? '{}')).toMatchObject({ productId: 'prod-short', amount: 5_000_00, termDays: 14, step: 'amount', loanId: null });
    expect(localStorage.getItem('cabinet.loanWizard')).not.toMatch(/token/i);
  });
});

describe('the application wizard', () => {
  it('a new person: code by SMS, a password (the phone becomes the login), personal data, three consents, then the loan page', async () => {
    const api = catalog(createFakeApi());
    let draft = loan({ status: 'draft', debt: null, nextPayment: null, borrower: {}, contract: null, schedule: [], operations: [], payout: null, decision: null, history: [{ status: 'draft', at: '2026-11-22T09:00:00Z', note: null }] });
    api
      .on('POST', '/loans/phone-verification', () => json(202, { phone: '+79215550101', resendAfter: 60, codeTtl: 300 }))
      .on('POST', '/loans/phone-verification/confirm', () => json(200, { verificationToken: 'vt-1', expiresIn: 1800, phone: '+79215550101', registered: false }))
      .on('POST', '/loans/registration', () => {
        signedIn(api, { ...customer, phone: '+79215550101', surname: '', name: '', patronymic: null });
        api.on('GET', '/loans', () => json(200, { items: [], nextCursor: null }));
        return json(201, token('access-new'));
      })
      .on('POST', '/loans', () => json(201, draft))
      .on('GET', '/loans/loan-1', () => json(200, draft))
      .on('PATCH', '/loans/loan-1', (req) => {
        draft = { ...draft, borrower: (req.body as { borrower: LoanView['borrower'] }).borrower };
        return json(200, draft);
      })
      .on('POST', '/loans/loan-1/submit', () => json(200, loan({ status: 'approved', debt: null, nextPayment: null })));
    const { user, location } = renderApp('/loans/apply');

    await screen.findByRole('heading', { level: 1, name: 'Заявка на заём' });
    await user.click(await screen.findByRole('button', { name: 'Продолжить' }));
    await user.type(await screen.findByLabelText('Номер мобильного телефона'), '8 921 555-01-01');
    await user.click(screen.getByRole('button', { name: 'Получить код' }));
    expect(api.callsTo('POST', '/loans/phone-verification')[0]!.body).toEqual({ phone: '+79215550101' });
    await user.type(await screen.findByLabelText('Код'), '123456');
    await user.click(screen.getByRole('button', { name: 'Подтвердить' }));

    await screen.findByRole('heading', { name: 'Придумайте пароль' });
    await user.type(screen.getByLabelText('Новый пароль'), 'short');
    await user.type(screen.getByLabelText('Пароль ещё раз'), 'short');
    await user.click(screen.getByRole('button', { name: 'Зарегистрироваться и продолжить' }));
    expect(screen.getByLabelText('Новый пароль')).toHaveAccessibleDescription(/Не короче 8 символов/);
    expect(api.callsTo('POST', '/loans/registration')).toHaveLength(0);
    await user.clear(screen.getByLabelText('Новый пароль'));
    await user.clear(screen.getByLabelText('Пароль ещё раз'));
    await user.type(screen.getByLabelText('Новый пароль'), 'Zaem-Parol-2026');
    await user.type(screen.getByLabelText('Пароль ещё раз'), 'Zaem-Parol-2026');
    await user.click(screen.getByRole('button', { name: 'Зарегистрироваться и продолжить' }));

    // Signed in now (the frame became the cabinet's); the draft exists on the server.
    await screen.findByRole('heading', { name: 'Личные данные' });
    expect(api.callsTo('POST', '/loans/registration')[0]!.body).toEqual({ verificationToken: 'vt-1', password: 'Zaem-Parol-2026' });
    const created = api.callsTo('POST', '/loans')[0]!;
    expect(created.body).toEqual<CreateLoanRequest>({ productId: 'prod-short', amount: rub(15_500_00), termDays: 14, verificationToken: 'vt-1' });
    expect(created.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(localStorage.getItem('cabinet.loanWizard') ?? '{}')).toMatchObject({ loanId: 'loan-1', step: 'personal' });

    await user.click(screen.getByRole('button', { name: 'Продолжить' }));
    expect(screen.getByLabelText('Фамилия')).toHaveAccessibleDescription('Заполните это поле');
    expect(api.callsTo('PATCH', '/loans/loan-1')).toHaveLength(0);
    await user.type(screen.getByLabelText('Фамилия'), 'Новикова');
    await user.type(screen.getByLabelText('Имя'), 'Мария');
    fireEvent.change(screen.getByLabelText('Дата рождения'), { target: { value: '1990-05-15' } });
    await user.type(screen.getByLabelText('Серия'), '40a1');
    await user.type(screen.getByLabelText('Номер'), '123456');
    fireEvent.change(screen.getByLabelText('Дата выдачи'), { target: { value: '2010-06-01' } });
    await user.type(screen.getByLabelText('Адрес регистрации'), 'Санкт-Петербург, Невский пр., 1');
    await user.type(screen.getByLabelText('Доход в месяц, ₽'), '80 000');
    await user.selectOptions(screen.getByLabelText('Занятость'), 'employed');
    await user.click(screen.getByRole('button', { name: 'Продолжить' }));
    expect(screen.getByLabelText('Серия')).toHaveAccessibleDescription(/Серия — 4 цифры/);
    await user.clear(screen.getByLabelText('Серия'));
    await user.type(screen.getByLabelText('Серия'), '4010');
    await user.click(screen.getByRole('button', { name: 'Продолжить' }));

    await screen.findByRole('heading', { name: 'Согласия' });
    expect(api.callsTo('PATCH', '/loans/loan-1')[0]!.body).toEqual({
      borrower: {
        surname: 'Новикова',
        name: 'Мария',
        patronymic: null,
        birthDate: '1990-05-15',
        passportSeries: '4010',
        passportNumber: '123456',
        passportIssuedOn: '2010-06-01',
        registrationAddress: 'Санкт-Петербург, Невский пр., 1',
        monthlyIncome: rub(80_000_00),
        employment: 'employed',
        employer: null,
      },
    });

    // Each consent is its own checkbox; without all three nothing is sent.
    await user.click(screen.getByRole('checkbox', { name: /общими условиями/ }));
    await user.click(screen.getByRole('button', { name: 'Отправить заявку' }));
    expect(await screen.findByText('Отметьте все три согласия.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /обработку персональных данных/ })).toHaveAttribute('aria-invalid', 'true');
    expect(api.callsTo('POST', '/loans/loan-1/submit')).toHaveLength(0);
    await user.click(screen.getByRole('checkbox', { name: /обработку персональных данных/ }));
    await user.click(screen.getByRole('checkbox', { name: /запрос кредитной истории/ }));
    await user.click(screen.getByRole('button', { name: 'Отправить заявку' }));

    await screen.findByRole('heading', { level: 1, name: /Заём З-000042/ });
    expect(location()).toBe('/loans/loan-1');
    expect(api.callsTo('POST', '/loans/loan-1/submit')[0]!.body).toEqual({
      consents: [
        { kind: 'terms', version: 'terms-2026-11', accepted: true },
        { kind: 'personal_data', version: 'pd-2026-11', accepted: true },
        { kind: 'credit_bureau', version: 'cb-2026-11', accepted: true },
      ],
    });
    expect(localStorage.getItem('cabinet.loanWizard')).toBeNull();
  });

  it('at the phone step someone signed out may come in through Gosuslugi instead, and comes back to the wizard', async () => {
    catalog(createFakeApi()).on('GET', '/auth/esia/config', () => json(200, { enabled: true, standIn: true }));
    const { user } = renderApp('/loans/apply');
    expect(screen.queryByRole('link', { name: 'Войти через Госуслуги' })).not.toBeInTheDocument(); // not at the amount step
    await user.click(await screen.findByRole('button', { name: 'Продолжить' }));
    await screen.findByLabelText('Номер мобильного телефона');
    expect(await screen.findByRole('link', { name: 'Войти через Госуслуги' })).toHaveAttribute('href', '/api/v1/auth/esia/start?next=%2Floans%2Fapply');
  });

  it('a known phone signs in with its password; a refusal of the API is said in words', async () => {
    const api = catalog(createFakeApi());
    api
      .on('POST', '/loans/phone-verification', () => json(202, { phone: '+79210000001', resendAfter: 60, codeTtl: 300 }))
      .on('POST', '/loans/phone-verification/confirm', () => json(200, { verificationToken: 'vt-2', expiresIn: 1800, phone: '+79210000001', registered: true }))
      .on('POST', '/auth/login', () => {
        signedIn(api);
        api.on('GET', '/loans', () => json(200, { items: [], nextCursor: null }));
        return json(200, token('access-known'));
      })
      .on('POST', '/loans', () => problem(409, 'loan_application_open'));
    const { user } = renderApp('/loans/apply');
    await user.click(await screen.findByRole('button', { name: 'Продолжить' }));
    await user.type(await screen.findByLabelText('Номер мобильного телефона'), '+79210000001');
    await user.click(screen.getByRole('button', { name: 'Получить код' }));
    await user.type(await screen.findByLabelText('Код'), '654321');
    await user.click(screen.getByRole('button', { name: 'Подтвердить' }));
    await screen.findByRole('heading', { name: 'Вы уже с нами' });
    await user.type(screen.getByLabelText('Пароль'), 'demo12345');
    await user.click(screen.getByRole('button', { name: 'Войти и продолжить' }));
    expect(api.callsTo('POST', '/auth/login')[0]!.body).toEqual({ login: '+79210000001', password: 'demo12345' });
    // The API refuses a second open application: said in words, with the way to the loans.
    expect(await screen.findByText('У вас уже есть заявка в работе — завершите или отмените её.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Мои займы' })).toHaveAttribute('href', '/loans');
  });

  it('a signed-in customer with a draft on the server is taken back to it', async () => {
    const api = catalog(signedIn(createFakeApi()));
    const draft = loan({ status: 'draft', debt: null, nextPayment: null, borrower: { surname: 'Иванов', name: 'Иван', passportSeries: '4010' }, contract: null, schedule: [], operations: [], payout: null });
    api.on('GET', '/loans', () => json(200, { items: [draft], nextCursor: null })).on('GET', '/loans/loan-1', () => json(200, draft));
    renderApp('/loans/apply');
    await screen.findByRole('heading', { name: 'Личные данные' });
    expect(screen.getByLabelText('Фамилия')).toHaveValue('Иванов');
    expect(screen.getByLabelText('Фамилия')).toHaveAttribute('readonly');
    expect(screen.getByLabelText('Серия')).toHaveValue('4010');
    expect(screen.getByText('Черновик заявки сохраняется: можно вернуться и продолжить позже.')).toBeInTheDocument();
  });

  it('the last step offers the optional services unchecked, says they are optional, and shows them apart from the loan; only a click adds one', async () => {
    const api = catalog(signedIn(createFakeApi()));
    const draft = loan({ status: 'draft', debt: null, nextPayment: null, borrower: { surname: 'Иванов', name: 'Иван' }, contract: null, schedule: [], operations: [], payout: null });
    api
      .on('GET', '/loans', () => json(200, { items: [draft], nextCursor: null }))
      .on('GET', '/loans/loan-1', () => json(200, draft))
      .on('PATCH', '/loans/loan-1', () => json(200, { ...draft, services: [{ code: 'insurance', name: services[0]!.name, price: rub(990_00), status: 'selected', paymentId: null, paidAt: null, refundableUntil: null, refundable: false, refundedAt: null }] }))
      .on('POST', '/loans/loan-1/submit', () => json(200, loan({ status: 'approved' })));
    wizardStore.set({ loanId: 'loan-1', productId: shortProduct.id, amount: 10_000_00, termDays: 30, step: 'consents' });
    const { user } = renderApp('/loans/apply');

    const group = await screen.findByRole('group', { name: 'Дополнительные услуги' });
    const insurance = within(group).getByRole('checkbox', { name: /^Страхование от несчастного случая — 990\s₽$/ });
    const legal = within(group).getByRole('checkbox', { name: /Юридическая консультация онлайн.*1\s490\s₽/ });
    expect(insurance).not.toBeChecked();
    expect(legal).not.toBeChecked();
    expect(insurance).toHaveAccessibleDescription(/Необязательно\. Не влияет на решение по займу\. Можно отказаться в течение 14 дней с возвратом денег/);
    const summary = screen.getByRole('region', { name: 'Итого по заявке' });
    expect(plain(summary.textContent)).toContain('Заём10 000 ₽ на 30 дн.');
    await waitFor(() => expect(plain(summary.textContent)).toContain('Вернуть по займу12 400 ₽'));
    expect(plain(summary.textContent)).toContain('Дополнительные услугине выбраны');

    await user.click(insurance);
    expect(plain(summary.textContent)).toContain('Страхование от несчастного случая — 990 ₽');
    expect(plain(summary.textContent)).toContain('Всего 990 ₽ — отдельно от займа');
    // The loan's own figures do not change with the choice.
    expect(plain(summary.textContent)).toContain('Вернуть по займу12 400 ₽');

    for (const name of [/общими условиями/, /обработку персональных данных/, /запрос кредитной истории/]) await user.click(screen.getByRole('checkbox', { name }));
    await user.click(screen.getByRole('button', { name: 'Отправить заявку' }));
    await screen.findByRole('heading', { level: 1, name: /Заём З-000042/ });
    expect(api.callsTo('PATCH', '/loans/loan-1').map((c) => c.body)).toEqual([{ services: ['insurance'] }]);
    expect(api.callsTo('POST', '/loans/loan-1/submit')).toHaveLength(1);
  });

  it('sent without touching the services, the application carries none: no services are saved', async () => {
    const api = catalog(signedIn(createFakeApi()));
    const draft = loan({ status: 'draft', debt: null, nextPayment: null, borrower: { surname: 'Иванов', name: 'Иван' }, contract: null, schedule: [], operations: [], payout: null });
    api
      .on('GET', '/loans', () => json(200, { items: [draft], nextCursor: null }))
      .on('GET', '/loans/loan-1', () => json(200, draft))
      .on('POST', '/loans/loan-1/submit', () => json(200, loan({ status: 'approved' })));
    wizardStore.set({ loanId: 'loan-1', productId: shortProduct.id, amount: 10_000_00, termDays: 30, step: 'consents' });
    const { user } = renderApp('/loans/apply');
    await screen.findByRole('group', { name: 'Дополнительные услуги' });
    for (const name of [/общими условиями/, /обработку персональных данных/, /запрос кредитной истории/]) await user.click(screen.getByRole('checkbox', { name }));
    await user.click(screen.getByRole('button', { name: 'Отправить заявку' }));
    await screen.findByRole('heading', { level: 1, name: /Заём З-000042/ });
    expect(api.callsTo('PATCH', '/loans/loan-1')).toHaveLength(0);
  });
});
