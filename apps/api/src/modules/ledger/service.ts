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
  | 'adjustment';

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

  async post(em: EntityManager, input: PostInput): Promise<PostResult> {
    if (input.amount === 0n) throw new Error('ledger: zero amount');
    const [acc] = (await em.query('SELECT customer_id, balance, credit_limit FROM accounts WHERE id = $1 FOR UPDATE', [input.accountId])) as {
      customer_id: string;
      balance: string;
      credit_limit: string;
    }[];
    if (!acc) throw AppError.notFound('The account');
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
    const inserted = await em.query(
      `INSERT INTO ledger_entries (id, customer_id, account_id, amount, kind, ref, description, balance_after, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (account_id, kind, ref) DO NOTHING RETURNING id`,
      [id, acc.customer_id, input.accountId, input.amount.toString(), input.kind, input.ref, input.description ?? '', after.toString(), this.clock.now()],
    );
    if (!inserted.length) return { posted: false, duplicate: true };
    await em.query('UPDATE accounts SET balance = $2 WHERE id = $1', [input.accountId, after.toString()]);
    return { posted: true, entryId: id, balanceAfter: after };
  }
}
