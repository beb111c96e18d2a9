import { seedDemo } from '../../src/seed/demo';
import { createTestContext, type TestContext } from '../support';

describe('the demo data of loans', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when the demo is seeded, then the borrower has an active loan paid to her own card and the applicant waits for an operator; seeding again adds nothing', async () => {
    await seedDemo(t.ds, t.services, t.clock);
    await seedDemo(t.ds, t.services, t.clock);
    const rows = await t.query<{ phone: string; status: string; holder: string | null }>(
      `SELECT c.phone, l.status, sc.holder FROM loans l JOIN customers c ON c.id = l.customer_id LEFT JOIN saved_cards sc ON sc.id = l.card_id ORDER BY c.phone`,
    );
    expect(rows).toEqual([
      { phone: '+79210000005', status: 'active', holder: 'MARIIA KUZNETSOVA' },
      { phone: '+79210000006', status: 'in_review', holder: null },
    ]);
    const maria = await t.signIn('+79210000005', 'demo12345');
    const list = await t.http.get('/api/v1/loans').set(t.bearer(maria.accessToken)).expect(200);
    expect(list.body.items[0]).toMatchObject({ status: 'active', amount: { amount: 15_000_00 }, debt: { total: { amount: 15_000_00 } } });
    const operator = await t.signIn('+79210000099', 'operator12345');
    const queue = await t.http.get('/api/v1/backoffice/loan-applications').set(t.bearer(operator.accessToken)).expect(200);
    expect(queue.body.items.map((i: { customer: { name: string } }) => i.customer.name)).toEqual(['Волков Андрей Сергеевич']);
  });
});
