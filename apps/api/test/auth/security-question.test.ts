import { createTestContext, type TestContext, type TestCustomer } from '../support';

describe('password recovery by a security question', () => {
  let t: TestContext;
  let ivan: TestCustomer;
  let token: string;
  const question = 'Девичья фамилия матери';

  beforeAll(async () => {
    t = await createTestContext();
  });
  beforeEach(async () => {
    ivan = await t.createCustomer({ password: 'ivan-pass-123' });
    token = (await t.signIn(ivan.phone, 'ivan-pass-123')).accessToken;
  });
  afterAll(() => t.close());

  const setQuestion = (answer = 'Смирнова', password = 'ivan-pass-123') =>
    t.http.put('/api/v1/me/security-question').set(t.bearer(token)).send({ question, answer, password });
  const ask = (login = ivan.phone) => t.http.post('/api/v1/auth/password-reset/question').send({ login });
  const answer = (challengeId: string, text: string, newPassword = 'Novyi-Parol-2026') =>
    t.http.post('/api/v1/auth/password-reset/question/confirm').send({ challengeId, answer: text, newPassword });

  it('when the question is set in the profile, then the answer is stored as an argon2id hash, never in clear, and the password is asked again', async () => {
    expect((await t.http.get('/api/v1/me/security-question').set(t.bearer(token)).expect(200)).body).toEqual({ question: null, setAt: null });
    expect((await setQuestion('Смирнова', 'wrong-password-1').expect(400)).body.code).toBe('wrong_password');
    expect((await t.query<{ h: string | null }>('SELECT security_answer_hash AS h FROM customers WHERE id = $1', [ivan.id]))[0].h).toBeNull();

    expect((await setQuestion().expect(200)).body).toMatchObject({ question, setAt: expect.any(String) });
    const [row] = await t.query<{ h: string }>('SELECT security_answer_hash AS h FROM customers WHERE id = $1', [ivan.id]);
    expect(row.h).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(await t.query('SELECT * FROM customers WHERE id = $1', [ivan.id]))).not.toMatch(/смирнова/i);
    expect(JSON.stringify((await t.http.get('/api/v1/me/security-question').set(t.bearer(token)).expect(200)).body)).not.toMatch(/смирнова/i);
  });

  it('when the right answer comes with other case and spaces, then the password is reset, every session ends and the old password stops working', async () => {
    await setQuestion('Смирнова').expect(200);
    const challenge = await ask().expect(200);
    expect(challenge.body).toMatchObject({ question, attemptsLeft: 3 });
    await answer(challenge.body.challengeId, '   сМИРНОВА  ').expect(204);
    await t.http.get('/api/v1/me').set(t.bearer(token)).expect(401);
    await t.http.post('/api/v1/auth/login').send({ login: ivan.phone, password: 'ivan-pass-123' }).expect(401);
    await t.signIn(ivan.phone, 'Novyi-Parol-2026');
    expect((await t.lastMessage(ivan.phone))?.body).toContain('контрольному вопросу');
    // A challenge is used once.
    expect((await answer(challenge.body.challengeId, 'Смирнова', 'Eshche-Odin-2026').expect(400)).body.code).toBe('otp_expired');
  });

  it('when the answer is wrong 3 times, then the challenge is spent — even the right answer is refused until a new one is asked for', async () => {
    await setQuestion('Смирнова').expect(200);
    const { body } = await ask().expect(200);
    expect((await answer(body.challengeId, 'Петрова').expect(400)).body).toMatchObject({ code: 'security_answer_invalid', attemptsLeft: 2 });
    expect((await answer(body.challengeId, 'Иванова').expect(400)).body).toMatchObject({ code: 'security_answer_invalid', attemptsLeft: 1 });
    expect((await answer(body.challengeId, 'Сидорова').expect(400)).body).toMatchObject({ code: 'security_answer_invalid', attemptsLeft: 0 });
    expect((await answer(body.challengeId, 'Смирнова').expect(400)).body.code).toBe('otp_expired');
    await t.signIn(ivan.phone, 'ivan-pass-123'); // unchanged
    const fresh = await ask().expect(200);
    await answer(fresh.body.challengeId, 'смирнова').expect(204);
  });

  it('when a challenge is older than a one-time code lives, then it is refused', async () => {
    await setQuestion('Смирнова').expect(200);
    const { body } = await ask().expect(200);
    t.clock.advance(5 * 60_000 + 1000);
    expect((await answer(body.challengeId, 'Смирнова').expect(400)).body.code).toBe('otp_expired');
  });

  it('when a login is unknown or has no question, then both answer the same 404; too many challenges a day answer 429', async () => {
    const unknown = await ask('+79000000000').expect(404);
    const none = await ask().expect(404);
    expect(unknown.body.code).toBe('security_question_not_set');
    expect(none.body.code).toBe(unknown.body.code);
    expect(none.body.detail).toBe(unknown.body.detail);
    await setQuestion('Смирнова').expect(200);
    for (let i = 0; i < 5; i++) await ask().expect(200);
    expect((await ask().expect(429)).body.code).toBe('rate_limited');
  });

  it('when a weak new password is sent, then it is refused and the tries are not spent', async () => {
    await setQuestion('Смирнова').expect(200);
    const { body } = await ask().expect(200);
    await answer(body.challengeId, 'Смирнова', '123').expect(400);
    await answer(body.challengeId, 'Смирнова').expect(204);
  });
});
