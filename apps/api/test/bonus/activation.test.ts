import { createTestContext, type TestContext } from '../support';

const form = (cardNumber: string, phone: string, over: Record<string, unknown> = {}) => ({
  cardNumber,
  email: `${phone.replace(/\D/g, '')}@example.ru`,
  surname: 'Водителев',
  name: 'Пётр',
  patronymic: 'Ильич',
  phone,
  birthDate: '1988-03-15',
  gender: 'male',
  ...over,
});

let phoneSeq = 0;
/** A phone no customer has yet, typed as a person would. */
const freshPhone = () => `8 (977) ${String(process.pid % 1000).padStart(3, '0')}-${String(++phoneSeq).padStart(4, '0').replace(/(\d\d)(\d\d)/, '$1-$2')}`;
const e164 = (typed: string) => `+7${typed.replace(/\D/g, '').slice(1)}`;
/** 2780 9000 0001 2 with spaces, as printed. */
const spaced = (n: string) => n.replace(/(\d{4})(?=\d)/g, '$1 ');

describe('POST /bonus/activation (a plastic card, no sign-in)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when the form is sent with the number typed with spaces and the code confirmed, then the customer, the member and the active card exist and the code signs in once as a password to change', async () => {
    const [card] = await t.issueBonusCards(1);
    const typed = freshPhone();
    const phone = e164(typed);

    const started = await t.http.post('/api/v1/bonus/activation').send(form(spaced(card), typed)).expect(202);
    expect(started.body).toMatchObject({ phone, resendAfter: 60, codeTtl: 300 });
    const code = await t.lastSmsCode(phone);
    expect((await t.lastMessage(phone))!.body).toMatch(/пароль для первого входа/);
    // Nothing is created before the code comes back.
    expect(await t.query('SELECT 1 FROM customers WHERE phone = $1', [phone])).toHaveLength(0);

    const done = await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: started.body.activationId, code }).expect(201);
    expect(done.body).toMatchObject({ login: phone, mustChangePassword: true, card: { number: card, kind: 'plastic', status: 'active', barcode: { format: 'ean13', value: card } } });

    const [customer] = await t.query<{ id: string; surname: string; email: string; birth_date: string; gender: string; must_change_password: boolean }>(
      `SELECT id, surname, email, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, gender, must_change_password FROM customers WHERE phone = $1`,
      [phone],
    );
    expect(customer).toMatchObject({ surname: 'Водителев', email: `${phone.replace(/\D/g, '').replace(/^7/, '8')}@example.ru`, birth_date: '1988-03-15', gender: 'male', must_change_password: true });
    expect(await t.query('SELECT status, customer_id FROM bonus_cards WHERE number = $1', [card])).toEqual([{ status: 'active', customer_id: customer.id }]);
    expect(await t.query('SELECT balance FROM bonus_members WHERE customer_id = $1', [customer.id])).toEqual([{ balance: '0' }]);
    expect(await t.query(`SELECT action FROM audit_log WHERE customer_id = $1 AND action = 'bonus_card_activated'`, [customer.id])).toHaveLength(1);

    // The code is the first password: it signs in, and the cabinet asks for a new one first.
    const session = await t.signIn(phone, code);
    expect(session.mustChangePassword).toBe(true);
    await t.http.get('/api/v1/bonus').set(t.bearer(session.accessToken)).expect(403);
    await t.http.post('/api/v1/me/password').set(t.bearer(session.accessToken)).send({ currentPassword: code, newPassword: 'my-own-pass-77' }).expect(200);
    const me = await t.signIn(phone, 'my-own-pass-77');
    const summary = await t.http.get('/api/v1/bonus').set(t.bearer(me.accessToken)).expect(200);
    expect(summary.body).toMatchObject({ member: true, balance: 0, cards: [{ number: card, status: 'active' }] });
  });

  it('when the card number is unknown, then 404 bonus_card_not_found and no code is sent', async () => {
    const typed = freshPhone();
    // A valid EAN-13 that was never printed.
    const res = await t.http.post('/api/v1/bonus/activation').send(form('2780199999993', typed)).expect(404);
    expect(res.body).toMatchObject({ code: 'bonus_card_not_found', errors: [{ field: 'cardNumber' }] });
    expect(await t.lastMessage(e164(typed))).toBeNull();
  });

  it('when the check digit is wrong (a mistyped number), then 400 on cardNumber before anything is looked up', async () => {
    const [card] = await t.issueBonusCards(1);
    const wrong = `${card.slice(0, 12)}${(Number(card[12]) + 1) % 10}`;
    const res = await t.http.post('/api/v1/bonus/activation').send(form(wrong, freshPhone())).expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'cardNumber', code: 'isCardNumber' }] });
  });

  it('when the card is active already, then 409 bonus_card_already_active — and a confirmation racing another activation is refused too', async () => {
    const member = await t.createBonusMember();
    const res = await t.http.post('/api/v1/bonus/activation').send(form(member.cardNumber, freshPhone())).expect(409);
    expect(res.body.code).toBe('bonus_card_already_active');

    // Two people start with the same new card; the first to confirm gets it.
    const [card] = await t.issueBonusCards(1);
    const [a, b] = [freshPhone(), freshPhone()];
    const sa = await t.http.post('/api/v1/bonus/activation').send(form(card, a)).expect(202);
    const sb = await t.http.post('/api/v1/bonus/activation').send(form(card, b)).expect(202);
    await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: sa.body.activationId, code: await t.lastSmsCode(e164(a)) }).expect(201);
    const late = await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: sb.body.activationId, code: await t.lastSmsCode(e164(b)) }).expect(409);
    expect(late.body.code).toBe('bonus_card_already_active');
    expect(await t.query('SELECT 1 FROM customers WHERE phone = $1', [e164(b)])).toHaveLength(0);
  });

  it('when the phone is registered already, then 409 phone_taken: such a customer attaches the card from the cabinet', async () => {
    const customer = await t.createCustomer({ password: 'registered-pass-1' });
    const [card] = await t.issueBonusCards(1);
    const res = await t.http.post('/api/v1/bonus/activation').send(form(card, customer.phone)).expect(409);
    expect(res.body.code).toBe('phone_taken');

    const { accessToken } = await t.signIn(customer.phone, 'registered-pass-1');
    const attached = await t.http.post('/api/v1/bonus/cards').set(t.bearer(accessToken)).send({ cardNumber: spaced(card) }).expect(201);
    expect(attached.body).toMatchObject({ number: card, status: 'active' });
    const again = await t.http.post('/api/v1/bonus/cards').set(t.bearer(accessToken)).send({ cardNumber: card }).expect(409);
    expect(again.body.code).toBe('bonus_card_already_active');
    expect(await t.query('SELECT customer_id FROM bonus_cards WHERE number = $1', [card])).toEqual([{ customer_id: customer.id }]);
  });

  it('when the form has bad fields, then 400 lists them and nothing is stored', async () => {
    const [card] = await t.issueBonusCards(1);
    const [{ n: before }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM bonus_activations');
    const res = await t.http.post('/api/v1/bonus/activation').send(form(card, 'not a phone', { email: 'nope', birthDate: '15.03.1988', gender: 'x' })).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['birthDate', 'email', 'gender']);
    const phone = await t.http.post('/api/v1/bonus/activation').send(form(card, '12345')).expect(400);
    expect(phone.body.errors).toEqual([expect.objectContaining({ field: 'phone' })]);
    const child = await t.http.post('/api/v1/bonus/activation').send(form(card, freshPhone(), { birthDate: '2020-01-01' })).expect(400);
    expect(child.body.errors).toEqual([expect.objectContaining({ field: 'birthDate' })]);
    expect(await t.query('SELECT count(*)::int AS n FROM bonus_activations')).toEqual([{ n: before }]);
  });
});

describe('activation codes: expiry, tries and resending', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const start = async () => {
    const [card] = await t.issueBonusCards(1);
    const typed = freshPhone();
    const res = await t.http.post('/api/v1/bonus/activation').send(form(card, typed)).expect(202);
    return { card, phone: e164(typed), activationId: res.body.activationId as string, code: await t.lastSmsCode(e164(typed)) };
  };
  const wrongOf = (code: string) => (code === '000000' ? '111111' : '000000');

  it('when the code is entered after 5 minutes, then 400 otp_expired and the card stays issued', async () => {
    const a = await start();
    t.clock.advanceMinutes(6);
    const res = await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: a.activationId, code: a.code }).expect(400);
    expect(res.body.code).toBe('otp_expired');
    expect(await t.query('SELECT status FROM bonus_cards WHERE number = $1', [a.card])).toEqual([{ status: 'issued' }]);
    expect(await t.query('SELECT 1 FROM customers WHERE phone = $1', [a.phone])).toHaveLength(0);
  });

  it('when a wrong code is entered 3 times, then tries count down and the right code no longer works', async () => {
    const a = await start();
    const wrong = wrongOf(a.code);
    const r1 = await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: a.activationId, code: wrong }).expect(400);
    expect(r1.body).toMatchObject({ code: 'otp_invalid', attemptsLeft: 2 });
    const r2 = await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: a.activationId, code: wrong }).expect(400);
    expect(r2.body).toMatchObject({ code: 'otp_invalid', attemptsLeft: 1 });
    const r3 = await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: a.activationId, code: wrong }).expect(400);
    expect(r3.body).toMatchObject({ code: 'otp_expired', attemptsLeft: 0 });
    await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: a.activationId, code: a.code }).expect(400);
    expect(await t.query('SELECT attempts, consumed_at IS NOT NULL AS consumed FROM one_time_codes WHERE subject = $1', [a.activationId])).toEqual([{ attempts: 3, consumed: true }]);
    expect(await t.query('SELECT status FROM bonus_cards WHERE number = $1', [a.card])).toEqual([{ status: 'issued' }]);
  });

  it('when another code is asked for within 60 s, then 429; after 60 s a new code comes and only it works', async () => {
    const a = await start();
    const soon = await t.http.post('/api/v1/bonus/activation/resend').send({ activationId: a.activationId }).expect(429);
    expect(soon.body.code).toBe('otp_resend_too_soon');
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(0);

    t.clock.advanceMinutes(1.1);
    await t.http.post('/api/v1/bonus/activation/resend').send({ activationId: a.activationId }).expect(202);
    const fresh = await t.lastSmsCode(a.phone);
    if (fresh !== a.code) await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: a.activationId, code: a.code }).expect(400);
    await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: a.activationId, code: fresh }).expect(201);
    // A completed activation takes no more codes.
    t.clock.advanceMinutes(1.1);
    await t.http.post('/api/v1/bonus/activation/resend').send({ activationId: a.activationId }).expect(404);
  });

  it('when the activation id is unknown, then confirm answers otp_invalid and resend 404', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const res = await t.http.post('/api/v1/bonus/activation/confirm').send({ activationId: id, code: '123456' }).expect(400);
    expect(res.body.code).toBe('otp_invalid');
    await t.http.post('/api/v1/bonus/activation/resend').send({ activationId: id }).expect(404);
  });
});
