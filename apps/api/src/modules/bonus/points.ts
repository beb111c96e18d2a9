import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { BonusOperationKind } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { MSK_OFFSET_MS, moscowDay } from '../../platform/moscow';


/**
 * When points earned at `earnedAt` expire: `months` later, at the end of that Moscow day (so every lot
 * of a day goes at once and "N points expire on DATE" is one line).
 */
export function expiryFor(earnedAt: Date, months: number): Date {
  const msk = new Date(earnedAt.getTime() + MSK_OFFSET_MS);
  return new Date(Date.UTC(msk.getUTCFullYear(), msk.getUTCMonth() + months, msk.getUTCDate() + 1) - MSK_OFFSET_MS);
}

/** 00:00 Moscow of the day `at` falls on. */
export function moscowDayStart(at: Date): Date {
  return new Date(`${moscowDay(at)}T00:00:00+03:00`);
}

/** A slice of a lot a debit took: given back (with its expiry) when what it paid for is undone. */
export interface LotSlice {
  lot: string;
  points: number;
  expiresAt: string;
}

export interface OperationInput {
  customerId: string;
  kind: BonusOperationKind;
  description: string;
  cardId?: string | null;
  purchaseId?: string | null;
  counterpartId?: string | null;
  /** Unique per member: an operation with a ref already there is not written again (the caller checks first). */
  ref?: string | null;
  /** Default: the clock's now. */
  at?: Date;
}

export interface Applied {
  operationId: string;
  balanceAfter: number;
}

/**
 * The points book: the one writer of `bonus_lots`, `bonus_members.balance` and `bonus_operations`.
 *
 * Invariant: a member's balance = the sum of `remaining` over their lots, never below zero. Every
 * change happens in the caller's transaction after `lock` took the member's row, so the statements
 * below (each with a fresh snapshot, READ COMMITTED) see every earlier change to that member and no
 * concurrent one. Several members are locked in customer_id order (transfers), so two writers never
 * wait for each other in a circle; the expiry job takes the same locks (with SKIP LOCKED).
 */
export class PointsBook {
  constructor(
    private readonly clock: Clock,
    private readonly ttlMonths: number,
  ) {}

  expiryFor(earnedAt: Date): Date {
    return expiryFor(earnedAt, this.ttlMonths);
  }

  /** Makes the customer a member (idempotent). */
  async enroll(em: EntityManager, customerId: string): Promise<void> {
    await em.query('INSERT INTO bonus_members (customer_id, balance, created_at) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING', [customerId, this.clock.now()]);
  }

  /** Locks a member's row for the rest of the transaction and expires their due lots. Null: not a member. */
  async lock(em: EntityManager, customerId: string): Promise<{ balance: number } | null> {
    const [row] = await em.query('SELECT balance FROM bonus_members WHERE customer_id = $1 FOR UPDATE', [customerId]);
    if (!row) return null;
    return { balance: await this.expireDue(em, customerId, Number(row.balance)) };
  }

  /** Both members, in customer_id order. */
  async lockPair(em: EntityManager, a: string, b: string): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const id of [a, b].sort()) {
      const m = await this.lock(em, id);
      if (m) out.set(id, m.balance);
    }
    return out;
  }

  /** A locked member's lots that are due: zeroed, one `expiry` operation. Returns the balance after. */
  private async expireDue(em: EntityManager, customerId: string, balance: number): Promise<number> {
    const now = this.clock.now();
    const [{ expired }] = await em.query(
      `WITH d AS (SELECT id, remaining FROM bonus_lots WHERE customer_id = $1 AND remaining > 0 AND expires_at <= $2),
            u AS (UPDATE bonus_lots b SET remaining = 0 FROM d WHERE b.id = d.id RETURNING d.remaining)
       SELECT coalesce(sum(remaining), 0)::bigint AS expired FROM u`,
      [customerId, now],
    );
    const points = Number(expired);
    if (!points) return balance;
    return (await this.move(em, { customerId, kind: 'expiry', description: EXPIRY_TEXT, at: now }, -points)).balanceAfter;
  }

  /** Changes the balance by `delta` and writes the operation. Lots are the caller's business. */
  private async move(em: EntityManager, op: OperationInput, delta: number): Promise<Applied> {
    const id = randomUUID();
    const [row] = await em.query(
      `WITH m AS (UPDATE bonus_members SET balance = balance + $3 WHERE customer_id = $2 RETURNING balance)
       INSERT INTO bonus_operations (id, customer_id, kind, points, balance_after, description, card_id, purchase_id, counterpart_id, ref, created_at)
       SELECT $1, $2, $4, $3, m.balance, $5, $6, $7, $8, $9, $10 FROM m RETURNING balance_after`,
      [id, op.customerId, delta, op.kind, op.description.slice(0, 200), op.cardId ?? null, op.purchaseId ?? null, op.counterpartId ?? null, op.ref ?? null, op.at ?? this.clock.now()],
    );
    if (!row) throw new Error(`bonus: ${op.customerId} is not a member`);
    return { operationId: id, balanceAfter: Number(row.balance_after) };
  }

  /** An operation of this member with this ref, if one was written. */
  async findByRef(em: EntityManager, customerId: string, ref: string): Promise<{ id: string; points: number; balanceAfter: number } | null> {
    const [row] = await em.query('SELECT id, points, balance_after FROM bonus_operations WHERE customer_id = $1 AND ref = $2', [customerId, ref]);
    return row ? { id: row.id, points: Number(row.points), balanceAfter: Number(row.balance_after) } : null;
  }

  /**
   * Credits `points` as new lots. One lot earned now (or at `earnedAt`) expiring by the rule, or — for
   * points coming back or passed on — one lot per original expiry (`slices`).
   */
  async credit(em: EntityManager, op: OperationInput, points: number, lots: { earnedAt: Date; source: 'accrual' | 'adjustment' } | { slices: LotSlice[]; source: 'return' | 'transfer_in' }): Promise<Applied & { lotIds: string[] }> {
    if (!Number.isSafeInteger(points) || points <= 0) throw new Error(`bonus: credit of ${points}`);
    const applied = await this.move(em, op, points);
    const now = op.at ?? this.clock.now();
    let earned: Date[], expires: Date[], amounts: number[];
    if ('earnedAt' in lots) {
      [earned, expires, amounts] = [[lots.earnedAt], [this.expiryFor(lots.earnedAt)], [points]];
    } else {
      const byExpiry = new Map<string, number>();
      for (const s of lots.slices) byExpiry.set(s.expiresAt, (byExpiry.get(s.expiresAt) ?? 0) + s.points);
      if ([...byExpiry.values()].reduce((a, b) => a + b, 0) !== points) throw new Error('bonus: slices do not add up');
      const keys = [...byExpiry.keys()].sort();
      [earned, expires, amounts] = [keys.map(() => now), keys.map((k) => new Date(k)), keys.map((k) => byExpiry.get(k)!)];
    }
    const rows: { id: string }[] = await em.query(
      `INSERT INTO bonus_lots (customer_id, points, remaining, earned_at, expires_at, source, operation_id)
       SELECT $1, p, p, e, x, $2, $3 FROM unnest($4::bigint[], $5::timestamptz[], $6::timestamptz[]) AS v(p, e, x) RETURNING id`,
      [op.customerId, lots.source, applied.operationId, amounts, earned, expires],
    );
    return { ...applied, lotIds: rows.map((r) => String(r.id)) };
  }

  /**
   * Takes `points` from the lots that expire first (then by age). The caller checked the balance; the
   * CHECK constraints and the sum below back it up. `firstLot`: take from this lot before the others
   * (a refund takes back the purchase's own accrual first). Returns the slices taken.
   */
  async debit(em: EntityManager, op: OperationInput, points: number, opts: { firstLot?: string | null } = {}): Promise<Applied & { slices: LotSlice[] }> {
    if (!Number.isSafeInteger(points) || points <= 0) throw new Error(`bonus: debit of ${points}`);
    const rows: { id: string; take: string; expires_at: Date }[] = await em.query(
      `WITH l AS (
         SELECT id, remaining, expires_at,
                sum(remaining) OVER (ORDER BY (id = $4) DESC, expires_at, id) AS run
           FROM bonus_lots WHERE customer_id = $1 AND remaining > 0 AND expires_at > $3
       ), t AS (
         SELECT id, expires_at, least(remaining, $2 - (run - remaining)) AS take FROM l WHERE run - remaining < $2
       ), u AS (
         UPDATE bonus_lots b SET remaining = b.remaining - t.take FROM t WHERE b.id = t.id
         RETURNING b.id, t.take, t.expires_at
       )
       SELECT id, take, expires_at FROM u`,
      [op.customerId, points, this.clock.now(), opts.firstLot ?? 0],
    );
    const taken = rows.reduce((s, r) => s + Number(r.take), 0);
    if (taken !== points) {
      // The caller checks the balance under the member's lock; getting here means the book is off.
      throw new AppError('bonus_insufficient_points', 409, `Not enough points: ${points} asked, ${taken} available.`, { allowedPoints: taken });
    }
    const applied = await this.move(em, op, -points);
    const slices = rows
      .map((r) => ({ lot: String(r.id), points: Number(r.take), expiresAt: r.expires_at.toISOString() }))
      .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || Number(a.lot) - Number(b.lot));
    return { ...applied, slices };
  }
}

export const EXPIRY_TEXT = 'Сгорели баллы: истёк срок действия';
