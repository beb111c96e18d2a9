import { createTestContext, type TestContext } from '../support';
import { patternsOf } from '../../src/modules/numbers';

describe('patterns of a number', () => {
  it.each([
    ['+79217777777', ['777', 'mirror', 'repeating']],
    ['+79211234567', ['sequence']],
    ['+79213332211', ['pairs']],
    ['+79213451221', ['mirror']],
    ['+79215551212', ['pairs']],
    ['+79210001111', ['repeating']],
    ['+79213456543', ['mirror', 'sequence']],
    ['+79218260394', []],
  ])('when the number is %s, then its patterns are %j', (msisdn, expected) => {
    expect(patternsOf(msisdn)).toEqual(expected);
  });
});

describe('the beautiful-number catalog and the stock', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
    for (const [msisdn, operator, category] of [
      ['+79217777777', 'megafon', 'platinum'],
      ['+79211234567', 'megafon', 'gold'],
      ['+79213332211', 'megafon', 'silver'],
      ['+79057770077', 'beeline', 'gold'],
      ['+79218260394', 'megafon', 'regular'],
    ]) {
      await t.stockNumber({ msisdn, operator, category });
    }
  });
  afterAll(() => t.close());

  it('when anyone lists it, then only available beautiful numbers come, cheapest first, with 50 % of the operator’s price', async () => {
    const res = await t.http.get('/api/v1/numbers').expect(200);
    expect(res.body.items.map((n: { msisdn: string }) => n.msisdn)).toEqual(['+79213332211', '+79057770077', '+79211234567', '+79217777777']);
    const gold = res.body.items.find((n: { msisdn: string }) => n.msisdn === '+79211234567');
    expect(gold).toMatchObject({ operator: 'megafon', category: 'gold', operatorPrice: { amount: 3_000_000 }, price: { amount: 1_500_000 }, patterns: ['sequence'] });
    expect(res.body.nextCursor).toBeNull();
  });

  it('when filtered by operator, pattern or digits, and paged, then the API answers accordingly', async () => {
    const q = async (query: Record<string, string | number>) => (await t.http.get('/api/v1/numbers').query(query).expect(200)).body;
    expect((await q({ operator: 'beeline' })).items.map((n: { msisdn: string }) => n.msisdn)).toEqual(['+79057770077']);
    expect((await q({ pattern: '777' })).items.map((n: { msisdn: string }) => n.msisdn)).toEqual(['+79057770077', '+79217777777']);
    expect((await q({ digits: '4567' })).items.map((n: { msisdn: string }) => n.msisdn)).toEqual(['+79211234567']);
    const first = await q({ limit: 2 });
    const second = await q({ limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((n: { msisdn: string }) => n.msisdn)).toEqual(['+79213332211', '+79057770077', '+79211234567', '+79217777777']);
    expect(second.nextCursor).toBeNull();
    await t.http.get('/api/v1/numbers').query({ pattern: 'lucky' }).expect(400);
    await t.http.get('/api/v1/numbers').query({ cursor: 'garbage' }).expect(400);
  });

  it('when the category prices are read, then each operator has its list with the 50 % price', async () => {
    const res = await t.http.get('/api/v1/number-categories').expect(200);
    expect(res.body.items).toHaveLength(20);
    expect(res.body.items.find((c: { operator: string; category: string }) => c.operator === 'tele2' && c.category === 'gold')).toEqual({
      operator: 'tele2',
      category: 'gold',
      name: 'Золотой',
      operatorPrice: { amount: 2_400_000, currency: 'RUB' },
      price: { amount: 1_200_000, currency: 'RUB' },
    });
  });

  it('when an admin uploads a CSV, then good lines are added, duplicates counted, bad lines listed with the reason; an operator may not', async () => {
    const admin = await t.createStaff('admin');
    const operator = await t.createStaff('operator');
    const owner = await t.createCustomer();
    const { lineIds } = await t.openMobileAccount(owner.id);
    const [{ msisdn: onALine }] = await t.query<{ msisdn: string }>('SELECT msisdn FROM mobile_lines WHERE id = $1', [lineIds[0]]);
    const csv = [
      '\ufeffmsisdn;operator;category',
      '8 (921) 000-11-22;megafon;silver',
      '+79210002233;MegaFon;regular',
      '+79217777777;megafon;platinum',
      '+79210002233;megafon;regular',
      '12345;megafon;gold',
      '+79210003344;yota;gold',
      '+79210004455;megafon;diamond',
      `${onALine};megafon;gold`,
    ].join('\n');
    expect((await t.http.post('/api/v1/backoffice/numbers/import').set(t.bearer(operator.accessToken)).send({ csv }).expect(403)).body.code).toBe('forbidden');
    const res = await t.http.post('/api/v1/backoffice/numbers/import').set(t.bearer(admin.accessToken)).send({ csv }).expect(200);
    expect(res.body.added).toBe(2);
    expect(res.body.duplicates).toBe(3);
    expect(res.body.rejected).toEqual([
      { line: 6, value: '12345', reason: 'not a Russian mobile number' },
      { line: 7, value: 'yota', reason: expect.stringContaining('operator must be one of') },
      { line: 8, value: 'diamond', reason: expect.stringContaining('category must be one of') },
    ]);
    expect(await t.query(`SELECT msisdn, operator, category, patterns, status FROM phone_numbers WHERE msisdn IN ('+79210001122', '+79210002233') ORDER BY msisdn`)).toEqual([
      { msisdn: '+79210001122', operator: 'megafon', category: 'silver', patterns: ['pairs'], status: 'available' },
      { msisdn: '+79210002233', operator: 'megafon', category: 'regular', patterns: ['pairs'], status: 'available' },
    ]);
    const [audit] = await t.query<{ actor_id: string; details: unknown }>(`SELECT actor_id, details FROM audit_log WHERE action = 'numbers_imported'`);
    expect(audit).toEqual({ actor_id: admin.id, details: { added: 2, duplicates: res.body.duplicates, rejected: 3 } });

    const broken = await t.http.post('/api/v1/backoffice/numbers/import').set(t.bearer(admin.accessToken)).send({ csv: 'msisdn;operator;category\n"+7921;megafon;gold' }).expect(400);
    expect(broken.body.code).toBe('csv_invalid');
    const noHeader = await t.http.post('/api/v1/backoffice/numbers/import').set(t.bearer(admin.accessToken)).send({ csv: '+79210009999;megafon;gold\n' }).expect(400);
    expect(noHeader.body.code).toBe('csv_invalid');
  });

  it('when an admin archives a number or changes a category price, then the catalog follows and the change is audited', async () => {
    const admin = await t.createStaff('admin');
    const as = t.bearer(admin.accessToken);
    const [{ id }] = await t.query<{ id: string }>(`SELECT id FROM phone_numbers WHERE msisdn = '+79057770077'`);
    await t.http.post(`/api/v1/backoffice/numbers/${id}/archive`).set(as).expect(200);
    expect((await t.http.get('/api/v1/numbers').query({ operator: 'beeline' }).expect(200)).body.items).toEqual([]);
    expect((await t.http.post(`/api/v1/backoffice/numbers/${id}/archive`).set(as).expect(409)).body.code).toBe('number_unavailable');
    const stock = await t.http.get('/api/v1/backoffice/numbers').query({ status: 'archived' }).set(as).expect(200);
    expect(stock.body.items.map((n: { id: string }) => n.id)).toEqual([id]);

    const priced = await t.http.put('/api/v1/backoffice/number-categories/megafon/silver').set(as).send({ operatorPrice: { amount: 1_200_000, currency: 'RUB' } }).expect(200);
    expect(priced.body).toMatchObject({ operatorPrice: { amount: 1_200_000 }, price: { amount: 600_000 } });
    expect((await t.http.get('/api/v1/numbers').query({ digits: '3332211' }).expect(200)).body.items[0].price.amount).toBe(600_000);
    const [audit] = await t.query<{ details: { before: unknown; after: unknown } }>(`SELECT details FROM audit_log WHERE action = 'number_category_updated'`);
    expect(audit.details.before).toEqual({ name: 'Серебряный', operatorPrice: 1_000_000 });
    expect(audit.details.after).toEqual({ name: 'Серебряный', operatorPrice: 1_200_000 });
    await t.http.put('/api/v1/backoffice/number-categories/megafon/silver').set(as).send({ operatorPrice: { amount: -1, currency: 'RUB' } }).expect(400);
  });
});
