import { seedDemo } from '../../src/seed/demo';
import { createTestContext, type TestContext } from '../support';

describe('the demo company', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when the demo is seeded, then the administrator sees three lines (one over its limit), the employee only hers, the accountant the documents; seeding again adds nothing', async () => {
    await seedDemo(t.ds, t.services, t.clock);
    await seedDemo(t.ds, t.services, t.clock);
    expect(await t.query('SELECT name FROM companies')).toEqual([{ name: 'ООО «Северная звезда»' }]);

    const admin = (await t.signIn('+79210000070', 'demo12345')).accessToken;
    const [company] = (await t.http.get('/api/v1/corporate/companies').set(t.bearer(admin)).expect(200)).body.items;
    expect(company).toMatchObject({ access: 'owner', lineCount: 3 });
    const lines = (await t.http.get(`/api/v1/corporate/companies/${company.id}/lines`).set(t.bearer(admin)).expect(200)).body.items;
    expect(lines.map((l: { msisdn: string; restriction: string | null; employee: { name: string } | null }) => [l.msisdn, l.employee?.name, l.restriction])).toEqual([
      ['+79210000071', 'Денис Орлов', null],
      ['+79210000072', 'Анна Белова', 'incoming_only'],
      ['+79210000073', 'Игорь Петров', null],
    ]);
    expect(await t.lastMessage('+79210000072')).toMatchObject({ body: expect.stringContaining('превысили месячный лимит') });

    const anna = (await t.signIn('+79210000072', 'demo12345')).accessToken;
    const own = (await t.http.get(`/api/v1/corporate/companies/${company.id}/lines`).set(t.bearer(anna)).expect(200)).body.items;
    expect(own.map((l: { msisdn: string }) => l.msisdn)).toEqual(['+79210000072']);

    const accountant = (await t.signIn('+79210000074', 'demo12345')).accessToken;
    const docs = (await t.http.get(`/api/v1/corporate/companies/${company.id}/documents`).set(t.bearer(accountant)).expect(200)).body.items;
    expect(docs.map((d: { period: string; kind: string }) => `${d.period} ${d.kind}`)).toEqual(['2026-10 invoice', '2026-10 act', '2026-09 invoice', '2026-09 act']);
    expect(docs[1].amount).toEqual({ amount: 650_00 * 2 + 500_00 + 184_50, currency: 'RUB' });
    const report = (await t.http.get(`/api/v1/corporate/companies/${company.id}/spending?from=2026-10-01&to=2026-10-31`).set(t.bearer(accountant)).expect(200)).body;
    expect(report.total).toEqual(docs[1].amount);
    expect(report.byDepartment.map((d: { department: string }) => d.department)).toEqual(['Логистика', 'Продажи']);
  });
});
