import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { formatRub } from '../../platform/money';

export type LedgerKind =
  | 'payment'
  | 'refund'
  | 'monthly_fee'
  | 'option_fee'
  | 'tariff_change_fee'
  | 'usage'
  | 'block_fee'
  | 'promised_payment'
  | 'promised_repayment'
  | 'promised_fee'
  | 'adjustment'
  | 'number_purchase'
  /** Paid line services: the call blacklist, content subscriptions (issue 10). */
  | 'service_fee';

export interface PostInput {
  accountId: string;
  /** Signed kopecks: positive credits the account, negative charges it. */
  amount: bigint;
  kind: LedgerKind;
  /** What the entry is for; (account, kind, ref) is unique, so a replay posts nothing. */
  ref: string;
  description?: string;
}

export type PostResult = { posted: true; entryId: string; balanceAfter: bigint } | { posted: false; duplicate: true };

/**
 * The only writer of balances. An entry and the balance change happen in the caller's transaction
 * under a row lock on the account, so balance = sum of entries, and no charge takes the balance
 * below minus the credit limit (the database CHECK backs this up).
 */
export class LedgerService {
  constructor(private readonly clock: Clock) {}

  /**
   * Many entries in one go, for batch work (usage, period fees): accounts are locked in id order
   * (no deadlocks between batches), entries inserted and balances updated with one statement each.
   * A charge is cut to what the account can still pay (`capped`): the caller decides what a shortfall
   * means (usage: the line is blocked for debt).
   */
  async postMany(em: EntityManager, inputs: PostInput[]): Promise<{ accountId: string; requested: bigint; posted: bigint; balanceAfter: bigint }[]> {
    if (!inputs.length) return [];
    const ids = [...new Set(inputs.map((i) => i.accountId))].sort();
    const accounts: { id: string; customer_id: string; balance: string; credit_limit: string }[] = await em.query(
      'SELECT id, customer_id, balance, credit_limit FROM accounts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [ids],
    );
    const state = new Map(accounts.map((a) => [a.id, { customerId: a.customer_id, balance: BigInt(a.balance), floor: -BigInt(a.credit_limit) }]));
    const rows: (string | Date)[][] = [];
    const results = [];
    const now = this.clock.now();
    for (const i of inputs) {
      const s = state.get(i.accountId);
      if (!s) throw AppError.notFound('The account');
      let amount = i.amount;
      if (amount < 0n && s.balance + amount < s.floor) amount = s.floor - s.balance < 0n ? s.floor - s.balance : 0n;
      if (amount !== 0n) {
        s.balance += amount;
        rows.push([randomUUID(), s.customerId, i.accountId, amount.toString(), i.kind, i.ref, i.description ?? '', s.balance.toString(), now]);
      }
      results.push({ accountId: i.accountId, requested: i.amount, posted: amount, balanceAfter: s.balance });
    }
    if (rows.length) {
      const col = (k: number) => rows.map((r) => r[k]);
      await em.query(
        `INSERT INTO ledger_entries (id, customer_id, account_id, amount, kind, ref, description, balance_after, created_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::timestamptz[])`,
        [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7), col(8)],
      );
      const touched = [...state.entries()];
      await em.query(
        `UPDATE accounts a SET balance = v.balance FROM unnest($1::uuid[], $2::bigint[]) AS v(id, balance) WHERE a.id = v.id`,
        [touched.map(([id]) => id), touched.map(([, s]) => s.balance.toString())],
      );
    }
    return results;
  }

  async post(em: EntityManager, input: PostInput): Promise<PostResult> {
    if (input.amount === 0n) throw new Error('ledger: zero amount');
    const [acc] = (await em.query('SELECT customer_id, balance, credit_limit FROM accounts WHERE id = $1 FOR UPDATE', [input.accountId])) as {
      customer_id: string;
      balance: string;
      credit_limit: string;
    }[];
    if (!acc) throw AppError.notFound('The account');
    // A replay is answered before the funds check: what was paid once is not refused the second time.
    // The account row lock taken above serialises every posting to this account, so the look-up is exact.
    // A credit has no funds check, so its replay is left to the unique key (ON CONFLICT below): one round trip less.
    if (input.amount < 0n) {
      const [seen] = await em.query('SELECT 1 FROM ledger_entries WHERE account_id = $1 AND kind = $2 AND ref = $3', [input.accountId, input.kind, input.ref]);
      if (seen) return { posted: false, duplicate: true };
    }
    const balance = BigInt(acc.balance);
    const after = balance + input.amount;
    if (input.amount < 0n && after < -BigInt(acc.credit_limit)) {
      throw new AppError(
        'insufficient_funds',
        409,
        `Not enough money: ${formatRub(-input.amount)} needed, ${formatRub(balance + BigInt(acc.credit_limit))} available.`,
      );
    }
    const id = randomUUID();
    // The entry and the balance in one statement: the balance moves only if the entry went in.
    const [{ posted }]: { posted: boolean }[] = await em.query(
      `WITH e AS (
         INSERT INTO ledger_entries (id, customer_id, account_id, amount, kind, ref, description, balance_after, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (account_id, kind, ref) DO NOTHING RETURNING account_id
       ), b AS (
         UPDATE accounts SET balance = $8 WHERE id = (SELECT account_id FROM e) RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM b) AS posted`,
      [id, acc.customer_id, input.accountId, input.amount.toString(), input.kind, input.ref, input.description ?? '', after.toString(), this.clock.now()],
    );
    if (!posted) return { posted: false, duplicate: true };
    return { posted: true, entryId: id, balanceAfter: after };
  }
}
