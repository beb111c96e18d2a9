import type { EntityManager } from 'typeorm';
import type { BonusBlockReason, BonusCardKind, BonusCardStatus, BonusCardView, BonusCategory } from '@cabinet/shared-types';
import { AppError } from '../../platform/errors';
import type { CampaignRule } from './rules';

export interface CardRow {
  id: string;
  number: string;
  kind: BonusCardKind;
  status: BonusCardStatus;
  customer_id: string | null;
  activated_at: Date | null;
  blocked_at: Date | null;
  block_reason: BonusBlockReason | null;
  replaced_by_number: string | null;
  created_at: Date;
}

export const CARD_COLUMNS = `c.id, c.number, c.kind, c.status, c.customer_id, c.activated_at, c.blocked_at, c.block_reason, c.created_at,
  (SELECT r.number FROM bonus_cards r WHERE r.id = c.replaced_by) AS replaced_by_number`;

export function toCardView(c: CardRow): BonusCardView {
  return {
    id: c.id,
    number: c.number,
    kind: c.kind,
    status: c.status,
    barcode: { format: 'ean13', value: c.number },
    activatedAt: c.activated_at?.toISOString() ?? null,
    blockedAt: c.blocked_at?.toISOString() ?? null,
    blockReason: c.block_reason,
    replacedBy: c.replaced_by_number,
  };
}

export async function findCardByNumber(em: EntityManager, number: string, opts: { lock?: boolean } = {}): Promise<CardRow | null> {
  const [row] = await em.query(`SELECT ${CARD_COLUMNS} FROM bonus_cards c WHERE c.number = $1${opts.lock ? ' FOR UPDATE OF c' : ''}`, [number]);
  return row ?? null;
}

/** A card the till may use: known and active. */
export async function activeCard(em: EntityManager, number: string): Promise<{ id: string; customerId: string; number: string }> {
  const [row] = await em.query('SELECT id, customer_id, status FROM bonus_cards WHERE number = $1', [number]);
  if (!row) throw new AppError('bonus_card_not_found', 404, `No card ${number}.`);
  if (row.status === 'blocked') throw new AppError('bonus_card_blocked', 409, 'This card is blocked; ask the holder for their new card.');
  if (row.status !== 'active') throw new AppError('bonus_not_a_member', 409, 'This card is not activated yet: the holder activates it on the website, then points can be earned and paid with.');
  return { id: row.id, customerId: row.customer_id, number };
}

export async function cardsOf(em: EntityManager, customerId: string): Promise<CardRow[]> {
  return em.query(
    `SELECT ${CARD_COLUMNS} FROM bonus_cards c WHERE c.customer_id = $1
      ORDER BY (c.status = 'active') DESC, c.kind = 'virtual', c.activated_at DESC NULLS LAST, c.id`,
    [customerId],
  );
}

/** Campaigns running at `at` (their weekday and category rules are applied per line). */
export async function campaignsAt(em: EntityManager, at: Date): Promise<CampaignRule[]> {
  const rows: { id: string; name: string; multiplier: string; categories: BonusCategory[] | null; weekdays: number[] | null }[] = await em.query(
    'SELECT id, name, multiplier, categories, weekdays FROM bonus_campaigns WHERE ends_at > $1 AND starts_at <= $1 ORDER BY id',
    [at],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, multiplier100: Math.round(Number(r.multiplier) * 100), categories: r.categories, weekdays: r.weekdays }));
}

/** The balance as the member may use it now: the due lots the expiry job has not reached yet do not count. */
export async function availableBalance(em: EntityManager, customerId: string, now: Date): Promise<number | null> {
  const [row] = await em.query(
    `SELECT m.balance - coalesce((SELECT sum(remaining) FROM bonus_lots l WHERE l.customer_id = m.customer_id AND l.remaining > 0 AND l.expires_at <= $2), 0) AS balance
       FROM bonus_members m WHERE m.customer_id = $1`,
    [customerId, now],
  );
  return row ? Number(row.balance) : null;
}
