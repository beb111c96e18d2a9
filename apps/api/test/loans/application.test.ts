import { createTestContext, type TestContext } from '../support';
import { allConsents, apply, borrowerData, issueLoan, newBorrower, productIds, verifyPhone } from './helpers';

describe('applying for a loan', () => {
  let t: TestContext;
  let ids: { short: string; instalment: string };
  beforeAll(async () => {
    t = await createTestContext();
    ids = await productIds(t);
  });
  afterAll(() => t.close());

  describe('a person with no account (the microfinance way of registering)', () => {
    it('when the phone is confirmed by the SMS code and a password set, then the phone becomes the login, and the application is approved', async () => {
      const phone = '+79215550101';
      const started = await t.http.post('/api/v1/loans/phone-verification').send({ phone: '8 (921) 555-01-01' }).expect(202);
      expect(started.body).toEqual({ phone, resendAfter: 60, codeTtl: 300 });
      const code = await t.lastSmsCode(phone);
      const wrong = await t.http.post('/api/v1/loans/phone-verification/confirm').send({ phone, code: code === '000000' ? '111111' : '000000' }).expect(400);
      expect(wrong.body).toMatchObject({ code: 'otp_invalid', attemptsLeft: 2 });
      const confirmed = await t.http.post('/api/v1/loans/phone-verification/confirm').send({ phone, code }).expect(200);
      expect(confirmed.body).toMatchObject({ phone, registered: false, expiresIn: 1800 });

      const reg = await t.http.post('/api/v1/loans/registration').send({ verificationToken: confirmed.body.verificationToken, password: 'Zaem-Parol-2026' }).expect(201);
      expect(reg.body).toMatchObject({ tokenType: 'Bearer', mustChangePassword: false });
      expect(([] as string[]).concat(reg.headers['set-cookie'] ?? []).some((c) => c.startsWith('cabinet_refresh='))).toBe(true);
      const auth = t.bearer(reg.body.accessToken);
      expect((await t.http.get('/api/v1/me').set(auth).expect(200)).body).toMatchObject({ phone, surname: '', name: '' });
      await t.signIn('8 921 555 01 01', 'Zaem-Parol-2026');

      const draft = await t.http
        .post('/api/v1/loans')
        .set(auth)
        .send({ productId: ids.short, amount: { amount: 5_000_00, currency: 'RUB' }, termDays: 14, verificationToken: confirmed.body.verificationToken })
        .expect(201);
      expect(draft.body).toMatchObject({ status: 'draft', amount: { amount: 5_000_00 }, termDays: 14, borrower: {} });
      expect(draft.body.phoneConfirmedAt).toBe(t.clock.now().toISOString());
      const data = borrowerData({ surname: 'Новикова', name: 'Мария', patronymic: 'Ильинична' });
      await t.http.patch(`/api/v1/loans/${draft.body.id}`).set(auth).send({ borrower: { surname: data.surname, name: data.name } }).expect(200);
      const saved = await t.http.patch(`/api/v1/loans/${draft.body.id}`).set(auth).send({ borrower: data }).expect(200);
      expect(saved.body.borrower).toMatchObject({ surname: 'Новикова', passportNumber: data.passportNumber });

      t.clock.advance(1000); // the decision's SMS comes after the code's
      const submitted = await t.http.post(`/api/v1/loans/${draft.body.id}/submit`).set(auth).send({ consents: await allConsents(t) }).expect(200);
      expect(submitted.body).toMatchObject({ status: 'approved', decision: { outcome: 'approved', reason: null } });
      expect(submitted.body.history.map((h: { status: string }) => h.status)).toEqual(['draft', 'submitted', 'approved']);
      expect(submitted.body.contract).toMatchObject({ issuedOn: null, dailyRate: 0.8, psk: 292, totalToRepay: { amount: 5_560_00 } });
      expect(submitted.body.approvalValidUntil).toBe(new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString());

      // Each consent stored on its own, with the time and the version of its text.
      const consents = await t.query<{ kind: string; version: string; accepted_at: Date }>('SELECT kind, version, accepted_at FROM loan_consents WHERE loan_id = $1 ORDER BY kind', [draft.body.id]);
      expect(consents.map((c) => [c.kind, c.version])).toEqual([
        ['credit_bureau', 'cb-2026-11'],
        ['personal_data', 'pd-2026-11'],
        ['terms', 'terms-2026-11'],
      ]);
      expect(consents[0].accepted_at).toEqual(t.clock.now());
      // The profile now carries the name; the SMS says the decision.
      expect((await t.http.get('/api/v1/me').set(auth).expect(200)).body).toMatchObject({ surname: 'Новикова', name: 'Мария', birthDate: data.birthDate });
      expect((await t.lastMessage(phone))?.body).toMatch(/^Заявка З-\d{6} одобрена: 5\s000,00\s₽/);
    });

    it('when the confirmed phone already signs in, then it says so, and registering with it is refused', async () => {
      const c = await t.createCustomer();
      const token = await verifyPhone(t, c.phone);
      const confirm = await t.http.post('/api/v1/loans/phone-verification').send({ phone: c.phone });
      expect(confirm.status).toBe(429); // a second code within 60 s
      const res = await t.http.post('/api/v1/loans/registration').send({ verificationToken: token, password: 'Another-pass-1' }).expect(409);
      expect(res.body.code).toBe('phone_taken');
    });

    it('when the token is forged, expired or for another phone, then 400 phone_verification_required and no application', async () => {
      const b = await newBorrower(t);
      const other = await verifyPhone(t, '+79215550199');
      const body = (verificationToken: string) => ({ productId: ids.short, amount: { amount: 5_000_00, currency: 'RUB' }, termDays: 14, verificationToken });
      const headers = await b.auth();
      expect((await t.http.post('/api/v1/loans').set(headers).send(body(other)).expect(400)).body.code).toBe('phone_verification_required');
      expect((await t.http.post('/api/v1/loans').set(headers).send(body(`${other}x`)).expect(400)).body.code).toBe('phone_verification_required');
      const mine = await verifyPhone(t, b.customer.phone);
      t.clock.advanceMinutes(31);
      expect((await t.http.post('/api/v1/loans').set(await b.auth()).send(body(mine)).expect(400)).body.code).toBe('phone_verification_required');
      expect(await t.query('SELECT 1 FROM loans WHERE customer_id = $1', [b.customer.id])).toHaveLength(0);
    });
  });

  describe('bad input → 400 and nothing saved', () => {
    it('when the amount is negative or the term out of range, then 400 and no loan row', async () => {
      const b = await newBorrower(t);
      const token = await verifyPhone(t, b.customer.phone);
      const headers = await b.auth();
      const send = (amount: number, termDays: number) => t.http.post('/api/v1/loans').set(headers).send({ productId: ids.short, amount: { amount, currency: 'RUB' }, termDays, verificationToken: token });
      expect((await send(-1_000_00, 14).expect(400)).body.errors[0]).toMatchObject({ field: 'amount.amount' });
      expect((await send(5_000_00, 45).expect(400)).body.errors[0]).toMatchObject({ field: 'termDays', code: 'range' });
      expect((await send(500_00, 14).expect(400)).body.errors[0]).toMatchObject({ field: 'amount.amount', code: 'range' });
      expect((await send(5_000_00, -3).expect(400)).body.errors[0]).toMatchObject({ field: 'termDays' });
      expect(await t.query('SELECT 1 FROM loans WHERE customer_id = $1', [b.customer.id])).toHaveLength(0);
    });

    it('when a consent is missing, unticked or of an old text, then 400 listing them, the draft stays a draft, no consent is stored', async () => {
      const b = await newBorrower(t);
      const headers = await b.auth();
      const token = await verifyPhone(t, b.customer.phone);
      const draft = await t.http.post('/api/v1/loans').set(headers).send({ productId: ids.short, amount: { amount: 5_000_00, currency: 'RUB' }, termDays: 14, verificationToken: token }).expect(201);
      await t.http.patch(`/api/v1/loans/${draft.body.id}`).set(headers).send({ borrower: borrowerData() }).expect(200);
      const consents = await allConsents(t);
      const res = await t.http
        .post(`/api/v1/loans/${draft.body.id}/submit`)
        .set(headers)
        .send({ consents: [consents[0], { ...consents[1], accepted: false }, { ...consents[2], version: 'cb-2020-01' }] })
        .expect(400);
      expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['consents.personal_data', 'consent_required'],
        ['consents.credit_bureau', 'consent_outdated'],
      ]);
      const none = await t.http.post(`/api/v1/loans/${draft.body.id}/submit`).set(headers).send({ consents: [] }).expect(400);
      expect(none.body.errors).toHaveLength(3);
      expect((await t.query<{ status: string }>('SELECT status FROM loans WHERE id = $1', [draft.body.id]))[0].status).toBe('draft');
      expect(await t.query('SELECT 1 FROM loan_consents WHERE loan_id = $1', [draft.body.id])).toHaveLength(0);
      expect(await t.query('SELECT 1 FROM borrower_profiles WHERE customer_id = $1', [b.customer.id])).toHaveLength(0);
    });

    it('when personal data is missing or malformed, then 400 naming the fields', async () => {
      const b = await newBorrower(t);
      const headers = await b.auth();
      const token = await verifyPhone(t, b.customer.phone);
      const draft = await t.http.post('/api/v1/loans').set(headers).send({ productId: ids.short, amount: { amount: 5_000_00, currency: 'RUB' }, termDays: 14, verificationToken: token }).expect(201);
      const bad = await t.http.patch(`/api/v1/loans/${draft.body.id}`).set(headers).send({ borrower: { passportSeries: '12a4', birthDate: '1990-13-01', monthlyIncome: { amount: -5, currency: 'RUB' } } }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['borrower.birthDate', 'borrower.monthlyIncome.amount', 'borrower.passportSeries']);
      const missing = await t.http.post(`/api/v1/loans/${draft.body.id}/submit`).set(headers).send({ consents: await allConsents(t) }).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['borrower.passportNumber', 'borrower.monthlyIncome', 'borrower.employment']));
    });

    it('when a second application is started while one is open, then 409 loan_application_open', async () => {
      const b = await newBorrower(t);
      const headers = await b.auth();
      const token = await verifyPhone(t, b.customer.phone);
      const body = { productId: ids.short, amount: { amount: 5_000_00, currency: 'RUB' }, termDays: 14, verificationToken: token };
      await t.http.post('/api/v1/loans').set(headers).send(body).expect(201);
      expect((await t.http.post('/api/v1/loans').set(headers).send(body).expect(409)).body.code).toBe('loan_application_open');
    });
  });

  describe('the automatic decision', () => {
    it('when the applicant is 17 or 76, then rejected: age_out_of_range; at 18 and 75, approved', async () => {
      for (const [birthDate, outcome] of [
        ['2008-11-23', 'rejected'], // turns 18 tomorrow
        ['2008-11-22', 'approved'],
        ['1950-11-22', 'rejected'], // 76 today
        ['1950-11-23', 'approved'], // 75, turns 76 tomorrow
      ] as const) {
        const loan = await apply(t, await newBorrower(t), { productId: ids.short, amount: 5_000_00, termDays: 14, borrower: { birthDate } });
        expect([birthDate, loan.status]).toEqual([birthDate, outcome]);
        if (outcome === 'rejected') {
          expect(loan.decision).toMatchObject({ outcome: 'rejected', reason: 'age_out_of_range' });
          expect(loan.history.at(-1)?.note).toMatch(/с 18 до 75 лет/);
        }
      }
    });

    it('when the payment is more than 80 % of the income, then rejected: income_too_low; between 50 and 80 %, an operator decides', async () => {
      // 10 000 ₽ for 30 days: one payment of 12 400 ₽.
      const low = await apply(t, await newBorrower(t), { productId: ids.short, amount: 10_000_00, termDays: 30, borrower: { monthlyIncome: { amount: 15_000_00, currency: 'RUB' } } });
      expect(low.decision).toMatchObject({ outcome: 'rejected', reason: 'income_too_low' });
      const mid = await apply(t, await newBorrower(t), { productId: ids.short, amount: 10_000_00, termDays: 30, borrower: { monthlyIncome: { amount: 20_000_00, currency: 'RUB' } } });
      expect(mid).toMatchObject({ status: 'in_review', decision: { outcome: 'in_review', reason: 'payment_to_income_high' } });
      const ok = await apply(t, await newBorrower(t), { productId: ids.short, amount: 10_000_00, termDays: 30, borrower: { monthlyIncome: { amount: 24_800_00, currency: 'RUB' } } });
      expect(ok.status).toBe('approved'); // exactly 50 %
    });

    it('when the credit bureau reports an overdue loan elsewhere, then rejected: overdue_loan', async () => {
      const data = borrowerData();
      await t.query(`INSERT INTO sandbox_credit_bureau_loans (passport_series, passport_number, lender, psk, status, opened_on) VALUES ($1, $2, 'МФО «Быстро»', 292, 'overdue', '2026-09-01')`, [data.passportSeries, data.passportNumber]);
      const loan = await apply(t, await newBorrower(t), { productId: ids.short, amount: 5_000_00, termDays: 14, borrower: data });
      expect(loan.decision).toMatchObject({ outcome: 'rejected', reason: 'overdue_loan' });
    });

    it('when the borrower already has an active loan, then a second one is refused: active_loan_exists', async () => {
      const { b } = await issueLoan(t, { productId: ids.short });
      const second = await apply(t, b, { productId: ids.short, amount: 5_000_00, termDays: 14 });
      expect(second.decision).toMatchObject({ outcome: 'rejected', reason: 'active_loan_exists' });
      expect(second.history.at(-1)?.note).toMatch(/уже есть действующий заём/);
    });

    it('when two loans with a ПСК above 200 % are open elsewhere, then from 1 October 2026 a third such loan is refused, a cheaper one is not', async () => {
      const data = borrowerData();
      for (const lender of ['МФО «Раз»', 'МФО «Два»']) {
        await t.query(`INSERT INTO sandbox_credit_bureau_loans (passport_series, passport_number, lender, psk, status, opened_on) VALUES ($1, $2, $3, 292, 'active', '2026-10-05')`, [data.passportSeries, data.passportNumber, lender]);
      }
      const b = await newBorrower(t);
      const short = await apply(t, b, { productId: ids.short, amount: 5_000_00, termDays: 14, borrower: data });
      expect(short.decision).toMatchObject({ outcome: 'rejected', reason: 'high_cost_loans_limit' });
      const instalment = await apply(t, b, { productId: ids.instalment, amount: 30_000_00, termDays: 120, borrower: data });
      expect(instalment.status).toBe('approved'); // ПСК 127.75 %
    });

    it('when the same applies before 1 October 2026, then the rule is not yet in force: approved', async () => {
      const early = await createTestContext({ now: new Date('2026-09-15T09:00:00Z') });
      try {
        const data = borrowerData();
        for (const lender of ['МФО «Раз»', 'МФО «Два»']) {
          await early.query(`INSERT INTO sandbox_credit_bureau_loans (passport_series, passport_number, lender, psk, status, opened_on) VALUES ($1, $2, $3, 292, 'active', '2026-08-01')`, [data.passportSeries, data.passportNumber, lender]);
        }
        const loan = await apply(early, await newBorrower(early), { productId: (await productIds(early)).short, amount: 5_000_00, termDays: 14, borrower: data });
        expect(loan.status).toBe('approved');
      } finally {
        await early.close();
      }
    });

    it('when a draft is cancelled, then it ends cancelled and a new one can start', async () => {
      const b = await newBorrower(t);
      const headers = await b.auth();
      const token = await verifyPhone(t, b.customer.phone);
      const body = { productId: ids.short, amount: { amount: 5_000_00, currency: 'RUB' }, termDays: 14, verificationToken: token };
      const draft = await t.http.post('/api/v1/loans').set(headers).send(body).expect(201);
      expect((await t.http.post(`/api/v1/loans/${draft.body.id}/cancel`).set(headers).expect(200)).body.status).toBe('cancelled');
      t.clock.advance(1000);
      await t.http.post('/api/v1/loans').set(headers).send(body).expect(201);
      const list = await t.http.get('/api/v1/loans').set(headers).expect(200);
      expect(list.body.items.map((l: { status: string }) => l.status)).toEqual(['draft', 'cancelled']);
    });

    it('when a signed-in borrower applies again, then the wizard pre-fills their data from the last application', async () => {
      const b = await newBorrower(t);
      const data = borrowerData();
      await apply(t, b, { productId: ids.short, amount: 5_000_00, termDays: 14, borrower: data });
      const profile = await t.http.get('/api/v1/loans/borrower-profile').set(await b.auth()).expect(200);
      expect(profile.body).toMatchObject({ surname: 'Тестов', name: 'Тест', passportSeries: data.passportSeries, passportNumber: data.passportNumber, monthlyIncome: data.monthlyIncome, employment: 'employed' });
    });
  });
});
