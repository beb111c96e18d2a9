import { AppError } from '../../src/platform/errors';
import { createTestContext, type TestContext } from '../support';

describe('the ledger under concurrency', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when 200 credits and charges hit 5 accounts at once (single and batch posts), then each balance equals the sum of its entries and none went below its credit limit', async () => {
    const owner = await t.createCustomer();
    const accounts: { id: string; creditLimit: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const creditLimit = i * 100_00;
      const { accountId } = await t.openMobileAccount(owner.id, { balance: 300_00, creditLimit });
      accounts.push({ id: accountId, creditLimit });
    }
    // A deterministic mix: charges a little larger than credits on average, so limits are reached.
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const outcomes = { posted: 0, refused: 0 };
    const ops = Array.from({ length: 200 }, (_, i) => async () => {
      const acc = accounts[i % 5];
      const amount = BigInt(Math.round(rnd() < 0.35 ? rnd() * 200_00 : -rnd() * 250_00) || 1);
      try {
        await t.ds.transaction(async (em) => {
          if (i % 4 === 0) {
            // Batch posts cap a charge at what the account can pay.
            await t.services.ledger.postMany(em, [{ accountId: acc.id, amount, kind: 'usage', ref: `batch-${i}` }]);
          } else {
            await t.services.ledger.post(em, { accountId: acc.id, amount, kind: amount > 0n ? 'adjustment' : 'option_fee', ref: `op-${i}` });
          }
        });
        outcomes.posted++;
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'insufficient_funds')) throw err;
        outcomes.refused++;
      }
    });
    await Promise.all(ops.map((op) => op()));

    expect(outcomes.posted + outcomes.refused).toBe(200);
    expect(outcomes.refused).toBeGreaterThan(0); // the limits were really tested
    for (const acc of accounts) {
      const [{ balance, sum, lowest }] = await t.query<{ balance: string; sum: string; lowest: string }>(
        `SELECT a.balance, (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = a.id) AS sum,
                (SELECT min(balance_after) FROM ledger_entries WHERE account_id = a.id) AS lowest
           FROM accounts a WHERE a.id = $1`,
        [acc.id],
      );
      expect(Number(balance)).toBe(Number(sum));
      expect(Number(lowest)).toBeGreaterThanOrEqual(-acc.creditLimit);
    }
  });
});
