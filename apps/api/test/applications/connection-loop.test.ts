import { createTestContext, type TestContext } from '../support';

/** The whole loop: a visitor applies, an operator processes, the new customer signs in and changes the issued password. */
describe('from a public application to the first sign-in', () => {
  let t: TestContext;
  let tariffs: { id: string; code: string; kind: string; provider: string }[];
  const tariff = (code: string) => tariffs.find((x) => x.code === code)!;

  beforeAll(async () => {
    t = await createTestContext();
    tariffs = await t.query('SELECT id, code, kind, provider FROM tariffs');
  });
  afterAll(() => t.close());

  it('when a mobile application is processed, then the customer, account and line exist, the SMS carries the ICCID password, and the first sign-in forces a change', async () => {
    const operator = await t.createStaff('operator');
    const free = await t.stockNumber({ operator: 'megafon', category: 'regular' });

    // A visitor applies on the public page: phone as typed, the tariff, consent.
    const applied = await t.postPublic('/api/v1/applications/mobile', {
      name: 'Мария',
      phone: '8 (921) 555-01-01',
      email: 'Maria@Example.ru',
      address: 'Санкт-Петербург, Литейный пр., д. 20',
      tariffId: tariff('megafon-vse').id,
      consent: true,
    });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ kind: 'mobile', status: 'new', tariff: { id: tariff('megafon-vse').id }, history: [{ status: 'new', reason: null }] });
    const number: string = applied.body.number;
    expect(number).toMatch(/^A-\d{6}$/);
    expect((await t.lastMessage('+79215550101'))?.body).toContain(`${number} принята`);
    expect((await t.lastMessage('maria@example.ru'))?.body).toContain(number);

    // The applicant checks the status by number + phone (any spelling of the phone).
    const tracked = await t.http.get('/api/v1/applications/status').query({ number: number.toLowerCase(), phone: '+7 921 555 01 01' }).expect(200);
    expect(tracked.body).toMatchObject({ number, status: 'new' });
    await t.http.get('/api/v1/applications/status').query({ number, phone: '+79215550102' }).expect(404);

    // The operator finds it in the queue and takes it in work.
    const queue = await t.http.get('/api/v1/backoffice/applications').query({ kind: 'mobile', status: 'open', q: '921 555-01-01' }).set(t.bearer(operator.accessToken)).expect(200);
    expect(queue.body.items.map((a: { number: string }) => a.number)).toEqual([number]);
    const id: string = queue.body.items[0].id;
    expect(queue.body.items[0]).toMatchObject({ phone: '+79215550101', email: 'maria@example.ru', existingCustomerId: null, result: null });
    t.clock.advanceMinutes(1);
    const taken = await t.http.post(`/api/v1/backoffice/applications/${id}/status`).set(t.bearer(operator.accessToken)).send({ status: 'in_progress' }).expect(200);
    expect(taken.body.history.map((h: { status: string }) => h.status)).toEqual(['new', 'in_progress']);
    expect(taken.body.history[1].actor).toEqual({ id: operator.id, name: 'Сотрудник Операторов' });
    expect((await t.lastMessage('+79215550101'))?.body).toBe(`Заявка ${number} взята в работу.`);

    // Processing: the SIM card's ICCID; a new customer's name as in the passport; the first free MegaFon number.
    t.clock.advanceMinutes(2);
    const processed = await t.http
      .post(`/api/v1/backoffice/applications/${id}/process`)
      .set(t.bearer(operator.accessToken))
      .send({ iccid: '8970199250000014821', customer: { surname: 'Соколова', name: 'Мария', patronymic: 'Ивановна' } })
      .expect(200);
    expect(processed.body).toMatchObject({ status: 'done', result: { login: '+79215550101', newCustomer: true } });
    const { customerId, accountId, lineId } = processed.body.result;

    const [customer] = await t.query('SELECT surname, name, email, role, must_change_password FROM customers WHERE id = $1', [customerId]);
    expect(customer).toEqual({ surname: 'Соколова', name: 'Мария', email: 'maria@example.ru', role: 'subscriber', must_change_password: true });
    const [line] = await t.query('SELECT account_id, customer_id, msisdn, iccid, operator FROM mobile_lines WHERE id = $1', [lineId]);
    expect(line).toEqual({ account_id: accountId, customer_id: customerId, msisdn: free.msisdn, iccid: '8970199250000014821', operator: 'megafon' });
    expect(await t.query('SELECT status, held_by FROM phone_numbers WHERE id = $1', [free.id])).toEqual([{ status: 'sold', held_by: `line:${lineId}` }]);
    expect((await t.query('SELECT status FROM application_events WHERE application_id = $1 ORDER BY id', [id])).map((e) => e.status)).toEqual(['new', 'in_progress', 'done']);
    expect(await t.query(`SELECT actor_id, customer_id FROM audit_log WHERE action = 'application_processed'`)).toEqual([{ actor_id: operator.id, customer_id: customerId }]);

    // The first-login SMS: login and the issued password (the last 4 digits of the ICCID).
    const sms = (await t.lastMessage('+79215550101'))!.body;
    expect(sms).toContain('пароль — последние 4 цифры ICCID SIM-карты: 4821');
    expect(sms).toContain('+7 921 555-01-01');

    // The applicant sees it done.
    const done = await t.http.get('/api/v1/applications/status').query({ number, phone: '89215550101' }).expect(200);
    expect(done.body.history.map((h: { status: string }) => h.status)).toEqual(['new', 'in_progress', 'done']);

    // First sign-in with the issued password: only the password change is open.
    const s = await t.signIn('+79215550101', '4821');
    expect(s.mustChangePassword).toBe(true);
    const blocked = await t.http.get('/api/v1/accounts').set(t.bearer(s.accessToken)).expect(403);
    expect(blocked.body.code).toBe('password_change_required');
    await t.http.post('/api/v1/me/password').set(t.bearer(s.accessToken)).send({ currentPassword: '4821', newPassword: 'Sever-Veter-2026' }).expect(200);
    const accounts = await t.http.get('/api/v1/accounts').set(t.bearer(s.accessToken)).expect(200);
    expect(accounts.body.items).toHaveLength(1);
    expect(accounts.body.items[0]).toMatchObject({ id: accountId, kind: 'mobile', lines: [{ id: lineId, msisdn: free.msisdn, tariff: { code: 'megafon-vse' } }] });
    await t.http.post('/api/v1/auth/login').send({ login: '+79215550101', password: '4821' }).expect(401);
  });

  it('when an internet application is processed, then a contract is opened and its number is the login with an issued password', async () => {
    const operator = await t.createStaff('operator');
    const applied = await t.postPublic('/api/v1/applications/internet', {
      fullName: 'Кузнецов Дмитрий Андреевич',
      phone: '+7 921 555-02-02',
      address: { street: 'ул. Марата', house: '12', building: '2', flat: '44' },
      tariffId: tariff('skynet-500').id,
      consent: true,
    });
    expect(applied.status).toBe(201);
    const [app] = await t.query<{ id: string }>('SELECT id FROM applications WHERE number = $1', [applied.body.number]);
    t.clock.advanceMinutes(5);

    const processed = await t.http
      .post(`/api/v1/backoffice/applications/${app.id}/process`)
      .set(t.bearer(operator.accessToken))
      .send({ customer: { surname: 'Кузнецов', name: 'Дмитрий', patronymic: 'Андреевич' } })
      .expect(200);
    expect(processed.body.address).toBe('ул. Марата, д. 12, корп. 2, кв. 44');
    const { login, contractId, customerId } = processed.body.result;
    expect(login).toMatch(/^1003\d{5}$/);
    const [contract] = await t.query('SELECT contract_number, address, customer_id FROM internet_contracts WHERE id = $1', [contractId]);
    expect(contract).toEqual({ contract_number: login, address: 'ул. Марата, д. 12, корп. 2, кв. 44', customer_id: customerId });
    expect(await t.query('SELECT contract_number, must_change_password FROM customers WHERE id = $1', [customerId])).toEqual([{ contract_number: login, must_change_password: true }]);

    const sms = (await t.lastMessage('+79215550202'))!.body;
    const password = /пароль (\d{8})/.exec(sms)?.[1];
    expect(sms).toContain(`логин ${login}`);
    expect(password).toBeDefined();
    const s = await t.signIn(login, password!);
    expect(s.mustChangePassword).toBe(true);
  });

  it('when the applicant is already a customer, then the line is attached to them and their password stays', async () => {
    const operator = await t.createStaff('operator');
    const existing = await t.createCustomer({ password: 'own-pass-123' });
    await t.stockNumber({ operator: 'tele2', category: 'regular' });
    const applied = await t.postPublic('/api/v1/applications/mobile', { name: 'Тест', phone: existing.phone, tariffId: tariff('tele2-black').id, consent: true });
    const [app] = await t.query<{ id: string }>('SELECT id FROM applications WHERE number = $1', [applied.body.number]);
    const list = await t.http.get(`/api/v1/backoffice/applications/${app.id}`).set(t.bearer(operator.accessToken)).expect(200);
    expect(list.body.existingCustomerId).toBe(existing.id);
    t.clock.advanceMinutes(5);

    const processed = await t.http.post(`/api/v1/backoffice/applications/${app.id}/process`).set(t.bearer(operator.accessToken)).send({ iccid: '89701992500000177770' }).expect(200);
    expect(processed.body.result).toMatchObject({ customerId: existing.id, newCustomer: false });
    expect((await t.lastMessage(existing.phone))!.body).toContain('добавлен в ваш личный кабинет');
    await t.signIn(existing.phone, 'own-pass-123');
    expect(await t.query('SELECT count(*)::int AS n FROM accounts WHERE customer_id = $1', [existing.id])).toEqual([{ n: 1 }]);
  });

  it('when processing lacks the ICCID, the name of a new customer, or the ICCID is on another line, then 4xx and nothing is created', async () => {
    const operator = await t.createStaff('operator');
    await t.stockNumber({ operator: 'megafon', category: 'regular' });
    const applied = await t.postPublic('/api/v1/applications/mobile', { name: 'Пётр', phone: '+79215550303', tariffId: tariff('megafon-minimum').id, consent: true });
    const [app] = await t.query<{ id: string }>('SELECT id FROM applications WHERE number = $1', [applied.body.number]);
    const url = `/api/v1/backoffice/applications/${app.id}/process`;
    const as = t.bearer(operator.accessToken);

    expect((await t.http.post(url).set(as).send({ customer: { surname: 'Петров', name: 'Пётр' } }).expect(400)).body.errors[0].field).toBe('iccid');
    expect((await t.http.post(url).set(as).send({ iccid: '8970199250000019999' }).expect(400)).body.errors[0].field).toBe('customer');
    expect((await t.http.post(url).set(as).send({ iccid: '1234', customer: { surname: 'Петров', name: 'Пётр' } }).expect(400)).body.errors[0].field).toBe('iccid');
    const used = (await t.query<{ iccid: string }>('SELECT iccid FROM mobile_lines LIMIT 1'))[0].iccid;
    const taken = await t.http.post(url).set(as).send({ iccid: used, customer: { surname: 'Петров', name: 'Пётр' } }).expect(409);
    expect(taken.body.code).toBe('iccid_taken');

    expect(await t.query(`SELECT status, customer_id FROM applications WHERE id = $1`, [app.id])).toEqual([{ status: 'new', customer_id: null }]);
    expect(await t.query(`SELECT 1 FROM customers WHERE phone = '+79215550303'`)).toHaveLength(0);
  });
});
