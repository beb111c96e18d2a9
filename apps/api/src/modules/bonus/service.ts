import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type BonusBlockCardRequest,
  type BonusBlockCardResultView,
  type BonusCampaignRequest,
  type BonusCampaignView,
  type BonusCardView,
  type BonusCategory,
  type BonusExpiryView,
  type BonusRedemptionView,
  type BonusRewardKind,
  type BonusRewardView,
  type BonusSummaryView,
  type BonusTillCardView,
  type BonusTransferLimitsView,
  type BonusTransferRequest,
  type BonusTransferView,
  type Page,
} from '@cabinet/shared-types';
import type { BonusConfig } from '../../config';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { rub } from '../../platform/money';
import { decodeCursor, toPage } from '../../platform/pagination';
import { maskPhone, normalizePhone } from '../../platform/phone';
import type { AuthContext } from '../../platform/routes';
import type { AuditService } from '../audit';
import type { EventPublisher } from '../integrations';
import type { CustomersService, RequestMeta } from '../customers';
import type { NotificationsService } from '../notifications';
import { formatCardNumber, requireCardNumber, virtualNumber } from './card-number';
import { moscowDay } from '../../platform/moscow';
import { moscowDayStart, type PointsBook } from './points';
import { CARD_COLUMNS, availableBalance, cardsOf, findCardByNumber, toCardView, type CampaignRules, type CardRow } from './repository';
import { POINT_KOPECKS } from './rules';

interface RewardRow {
  id: string;
  code: string;
  title: string;
  description: string;
  kind: BonusRewardKind;
  points: string;
  valid_days: number;
}

const toRewardView = (r: RewardRow): BonusRewardView => ({
  id: r.id,
  code: r.code,
  title: r.title,
  description: r.description,
  kind: r.kind,
  points: Number(r.points),
  validDays: r.valid_days,
});

const VOUCHER_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function voucherCode(prefix: string): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => VOUCHER_ALPHABET[b % VOUCHER_ALPHABET.length]).join('');
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** "Анна Петрова" → "Анна П." — what one member may see of another. */
const shortName = (name: string, surname: string) => `${name} ${surname.slice(0, 1)}.`;

/**
 * The member's side of the bonus program: cards, balance and what expires, transfers, rewards,
 * campaigns; and `accrue` for the rest of the product. Points change only through the PointsBook.
 */
export class BonusService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: BonusConfig,
    private readonly deps: { book: PointsBook; customers: CustomersService; notifications: NotificationsService; audit: AuditService; campaigns: CampaignRules; events?: EventPublisher },
  ) {}

  /**
   * For other modules (issue 10: points for paying a bill). Credits `points` to a member as a lot
   * earned now, once per `ref`: a second call with the same ref changes nothing. Null when the customer
   * is not a member of the program. Runs in the caller's transaction.
   */
  async accrue(em: EntityManager, input: { customerId: string; points: number; ref: string; description: string }): Promise<{ accrued: boolean; balance: number } | null> {
    if (!Number.isSafeInteger(input.points) || input.points <= 0) throw new Error(`bonus.accrue: ${input.points} points`);
    const member = await this.deps.book.lock(em, input.customerId);
    if (!member) return null;
    if (await this.deps.book.findByRef(em, input.customerId, input.ref)) return { accrued: false, balance: member.balance };
    const earnedAt = this.clock.now();
    const c = await this.deps.book.credit(em, { customerId: input.customerId, kind: 'accrual', description: input.description, ref: input.ref }, input.points, { earnedAt, source: 'accrual' });
    await this.deps.events?.publish(em, 'bonus.accrued', { ref: input.ref, points: input.points, balance: c.balanceAfter, earnedAt: earnedAt.toISOString(), expiresAt: this.deps.book.expiryFor(earnedAt).toISOString() });
    return { accrued: true, balance: c.balanceAfter };
  }

  async summary(customerId: string): Promise<BonusSummaryView> {
    const em = this.ds.manager;
    const now = this.clock.now();
    const [member] = await em.query('SELECT created_at FROM bonus_members WHERE customer_id = $1', [customerId]);
    const balance = member ? ((await availableBalance(em, customerId, now)) ?? 0) : 0;
    const soon: { day: string; points: string }[] = member
      ? await em.query(
          `SELECT to_char(expires_at AT TIME ZONE 'Europe/Moscow', 'YYYY-MM-DD') AS day, sum(remaining) AS points
             FROM bonus_lots WHERE customer_id = $1 AND remaining > 0 AND expires_at > $2
            GROUP BY 1 ORDER BY 1 LIMIT 12`,
          [customerId, now],
        )
      : [];
    const expiries: BonusExpiryView[] = soon.map((r) => ({ date: r.day, points: Number(r.points) }));
    const horizon = moscowDay(new Date(now.getTime() + 30 * 24 * 3600_000));
    return {
      member: Boolean(member),
      balance,
      pointValue: rub(POINT_KOPECKS),
      cards: (await cardsOf(em, customerId)).map(toCardView),
      nextExpiry: expiries[0] ?? null,
      expiringSoon: expiries.filter((e) => e.date <= horizon),
      transferLimits: await this.transferLimits(em, customerId),
      memberSince: member ? member.created_at.toISOString() : null,
    };
  }

  private async transferLimits(em: EntityManager, customerId: string): Promise<BonusTransferLimitsView> {
    const [used] = await em.query(
      `SELECT count(*)::int AS n, coalesce(-sum(points), 0)::bigint AS points FROM bonus_operations
        WHERE customer_id = $1 AND kind = 'transfer_out' AND created_at >= $2`,
      [customerId, moscowDayStart(this.clock.now())],
    );
    return { dailyPoints: this.config.transferDailyPoints, dailyCount: this.config.transferDailyCount, usedPoints: Number(used.points), usedCount: used.n };
  }

  async listCards(customerId: string): Promise<{ items: BonusCardView[] }> {
    return { items: (await cardsOf(this.ds.manager, customerId)).map(toCardView) };
  }

  /** One of the caller's cards; anyone else's (or none) is the same 404. */
  async getCard(customerId: string, id: string): Promise<BonusCardView> {
    return toCardView(await this.ownCard(this.ds.manager, customerId, id));
  }

  private async ownCard(em: EntityManager, customerId: string, id: string, lock = false): Promise<CardRow> {
    const [row] = await em.query(`SELECT ${CARD_COLUMNS} FROM bonus_cards c WHERE c.id = $1 AND c.customer_id = $2${lock ? ' FOR UPDATE OF c' : ''}`, [id, customerId]);
    if (!row) throw AppError.notFound('The card');
    return row;
  }

  /** A registered customer attaches a plastic card bought at a station (activating it). */
  async attachCard(customerId: string, cardNumber: string, meta: RequestMeta): Promise<BonusCardView> {
    const number = requireCardNumber(cardNumber);
    return this.ds.transaction(async (em) => {
      await this.deps.book.enroll(em, customerId);
      const card = await this.takeIssuedCard(em, number);
      await em.query(`UPDATE bonus_cards SET status = 'active', customer_id = $2, activated_at = $3 WHERE id = $1`, [card.id, customerId, this.clock.now()]);
      await this.deps.audit.record(em, { action: 'bonus_card_activated', customerId, ip: meta.ip, details: { card: number, via: 'cabinet' } });
      return toCardView((await findCardByNumber(em, number))!);
    });
  }

  /** The issued plastic card with this number, locked; refused when unknown, active or blocked. */
  async takeIssuedCard(em: EntityManager, number: string): Promise<CardRow> {
    const card = await findCardByNumber(em, number, { lock: true });
    if (!card || card.kind !== 'plastic') {
      throw new AppError('bonus_card_not_found', 404, `No card ${formatCardNumber(number)}: check the number on the back of the card.`, {
        errors: [{ field: 'cardNumber', code: 'bonus_card_not_found', message: 'No such card' }],
      });
    }
    if (card.status === 'blocked') throw new AppError('bonus_card_blocked', 409, 'This card is blocked.', { errors: [{ field: 'cardNumber', code: 'bonus_card_blocked', message: 'This card is blocked' }] });
    if (card.status === 'active') {
      throw new AppError('bonus_card_already_active', 409, 'This card is activated already. If it is yours, sign in and find it in the cabinet.', {
        errors: [{ field: 'cardNumber', code: 'bonus_card_already_active', message: 'This card is activated already' }],
      });
    }
    return card;
  }

  /** A virtual card (number + barcode in the cabinet); one active at a time. */
  async createVirtualCard(customerId: string): Promise<BonusCardView> {
    return this.ds.transaction(async (em) => {
      await this.deps.book.enroll(em, customerId);
      await this.deps.book.lock(em, customerId);
      return toCardView(await this.newVirtualCard(em, customerId));
    });
  }

  private async newVirtualCard(em: EntityManager, customerId: string): Promise<CardRow> {
    const [{ seq }] = await em.query(`SELECT nextval('bonus_virtual_card_seq') AS seq`);
    const number = virtualNumber(BigInt(seq));
    try {
      await em.query(`INSERT INTO bonus_cards (number, kind, customer_id, status, activated_at, created_at) VALUES ($1, 'virtual', $2, 'active', $3, $3)`, [number, customerId, this.clock.now()]);
    } catch (err) {
      const e = (err as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (e?.code === '23505' && e.constraint === 'bonus_cards_one_virtual_key') {
        throw new AppError('bonus_virtual_card_exists', 409, 'You have a virtual card already; to get a new number, block it with a replacement.');
      }
      throw err;
    }
    return (await findCardByNumber(em, number))!;
  }

  /**
   * Blocks a lost or stolen card (or a virtual one after a phone was lost). The balance is the member's,
   * so it stays; with a replacement (a new plastic card, or a new virtual number) it is on that card at once.
   */
  async blockCard(customerId: string, id: string, input: BonusBlockCardRequest, meta: RequestMeta): Promise<BonusBlockCardResultView> {
    const replacementNumber = input.replacementCardNumber ? requireCardNumber(input.replacementCardNumber, 'replacementCardNumber') : null;
    if (replacementNumber && input.replaceWithVirtual) {
      throw AppError.validation([{ field: 'replaceWithVirtual', code: 'oneReplacement', message: 'Give either replacementCardNumber or replaceWithVirtual' }]);
    }
    return this.ds.transaction(async (em) => {
      const member = await this.deps.book.lock(em, customerId);
      const card = await this.ownCard(em, customerId, id, true);
      if (card.status === 'blocked') throw new AppError('bonus_card_blocked', 409, 'This card is blocked already.');
      const now = this.clock.now();
      await em.query(`UPDATE bonus_cards SET status = 'blocked', blocked_at = $2, block_reason = $3 WHERE id = $1`, [card.id, now, input.reason]);
      let replacement: CardRow | null = null;
      if (replacementNumber) {
        const next = await this.takeIssuedCard(em, replacementNumber);
        await em.query(`UPDATE bonus_cards SET status = 'active', customer_id = $2, activated_at = $3 WHERE id = $1`, [next.id, customerId, now]);
        replacement = (await findCardByNumber(em, replacementNumber))!;
      } else if (input.replaceWithVirtual) {
        replacement = await this.newVirtualCard(em, customerId);
      }
      if (replacement) await em.query('UPDATE bonus_cards SET replaced_by = $2 WHERE id = $1', [card.id, replacement.id]);
      await this.deps.audit.record(em, {
        action: 'bonus_card_blocked',
        customerId,
        ip: meta.ip,
        details: { card: card.number, reason: input.reason, replacement: replacement?.number ?? null },
      });
      const blocked = (await findCardByNumber(em, card.number))!;
      return { blocked: toCardView(blocked), replacement: replacement ? toCardView(replacement) : null, balance: member?.balance ?? 0 };
    });
  }

  /**
   * Points to another member, found by phone. At most `transferDailyCount` transfers and
   * `transferDailyPoints` points a Moscow day. The points keep their expiry (a transfer does not make
   * them last longer). Cross-customer by nature (DESIGN §7): both members are locked in id order.
   */
  async transfer(auth: AuthContext, input: BonusTransferRequest): Promise<BonusTransferView> {
    const phone = normalizePhone(input.toPhone);
    if (!phone) throw AppError.validation([{ field: 'toPhone', code: 'isPhone', message: 'toPhone must be a Russian mobile number, e.g. +7 921 000-00-00' }]);
    const recipient = await this.ds.transaction((em) => this.deps.customers.findCredentials(em, phone));
    if (recipient?.id === auth.customerId) throw new AppError('bonus_transfer_to_self', 400, 'This is your own number.', { errors: [{ field: 'toPhone', code: 'bonus_transfer_to_self', message: 'This is your own number' }] });
    const notFound = () => new AppError('bonus_recipient_not_found', 404, 'No member of the bonus program has this phone number.', { errors: [{ field: 'toPhone', code: 'bonus_recipient_not_found', message: 'No member with this number' }] });
    if (!recipient || recipient.status !== 'active') throw notFound();
    const to = await this.deps.customers.getView(recipient.id);
    const from = await this.deps.customers.getView(auth.customerId);
    const msgIds: string[] = [];
    const result = await this.ds.transaction(async (em) => {
      const balances = await this.deps.book.lockPair(em, auth.customerId, recipient.id);
      if (!balances.has(auth.customerId)) throw new AppError('bonus_not_a_member', 409, 'You are not a member of the bonus program yet: activate a card or create a virtual one.');
      if (!balances.has(recipient.id)) throw notFound();
      const limits = await this.transferLimits(em, auth.customerId);
      if (limits.usedCount + 1 > limits.dailyCount || limits.usedPoints + input.points > limits.dailyPoints) {
        const left = limits.usedCount >= limits.dailyCount ? 0 : Math.max(0, limits.dailyPoints - limits.usedPoints);
        throw new AppError(
          'bonus_transfer_limit',
          409,
          `Transfers are limited to ${limits.dailyCount} and ${limits.dailyPoints} points a day; ${left} points may still go today.`,
          { allowedPoints: left },
        );
      }
      const balance = balances.get(auth.customerId)!;
      if (input.points > balance) {
        throw new AppError('bonus_insufficient_points', 409, `Not enough points: ${input.points} asked, ${balance} on the balance.`, { allowedPoints: balance });
      }
      const out = await this.deps.book.debit(
        em,
        { customerId: auth.customerId, kind: 'transfer_out', description: `Перевод баллов: ${shortName(to.name, to.surname)}, ${maskPhone(phone)}`, counterpartId: recipient.id },
        input.points,
      );
      await this.deps.book.credit(
        em,
        { customerId: recipient.id, kind: 'transfer_in', description: `Баллы от участника ${shortName(from.name, from.surname)}`, counterpartId: auth.customerId },
        input.points,
        { slices: out.slices, source: 'transfer_in' },
      );
      msgIds.push(
        await this.deps.notifications.enqueue(em, {
          channel: 'sms',
          to: phone,
          customerId: recipient.id,
          body: `${shortName(from.name, from.surname)} передал(а) вам ${input.points} бонусных баллов. Баланс — в личном кабинете.`,
        }),
      );
      return { id: out.operationId, points: input.points, to: { phone: maskPhone(phone), name: shortName(to.name, to.surname) }, balance: out.balanceAfter, createdAt: this.clock.now().toISOString() };
    });
    await this.deps.notifications.deliver(msgIds);
    return result;
  }

  async rewards(): Promise<{ items: BonusRewardView[] }> {
    const rows: RewardRow[] = await this.ds.query('SELECT id, code, title, description, kind, points, valid_days FROM bonus_rewards WHERE active ORDER BY position, points, code');
    return { items: rows.map(toRewardView) };
  }

  /** Exchanges points for a reward: the points go (oldest lots first), a voucher code comes back. */
  async redeem(customerId: string, rewardCode: string): Promise<BonusRedemptionView> {
    return this.ds.transaction(async (em) => {
      const [reward]: RewardRow[] = await em.query('SELECT id, code, title, description, kind, points, valid_days FROM bonus_rewards WHERE code = $1 AND active', [rewardCode]);
      if (!reward) throw new AppError('bonus_reward_unavailable', 404, 'This reward is not in the catalog (any more).');
      const member = await this.deps.book.lock(em, customerId);
      if (!member) throw new AppError('bonus_not_a_member', 409, 'You are not a member of the bonus program yet: activate a card or create a virtual one.');
      const points = Number(reward.points);
      if (points > member.balance) {
        throw new AppError('bonus_insufficient_points', 409, `This reward takes ${points} points; you have ${member.balance}.`, { allowedPoints: member.balance });
      }
      const id = randomUUID();
      const d = await this.deps.book.debit(em, { customerId, kind: 'reward', description: `Обмен баллов: ${reward.title}`, ref: `redemption:${id}` }, points);
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + reward.valid_days * 24 * 3600_000);
      const code = voucherCode(reward.code.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 6) || 'BONUS');
      await em.query(
        'INSERT INTO bonus_redemptions (id, customer_id, reward_id, points, voucher_code, operation_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [id, customerId, reward.id, points, code, d.operationId, now, expiresAt],
      );
      return { id, reward: { code: reward.code, title: reward.title, kind: reward.kind }, points, voucherCode: code, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), balance: d.balanceAfter };
    });
  }

  async redemptions(customerId: string, q: { limit: number; cursor?: string }): Promise<Page<BonusRedemptionView>> {
    const after = decodeCursor(q.cursor);
    const params: unknown[] = [customerId, q.limit + 1];
    if (after) params.push(new Date(after.at), after.id);
    const rows: { id: string; code: string; title: string; kind: BonusRewardKind; points: string; voucher_code: string; created_at: Date; expires_at: Date; balance_after: string }[] =
      await this.ds.query(
        `SELECT r.id, w.code, w.title, w.kind, r.points, r.voucher_code, r.created_at, r.expires_at, o.balance_after
           FROM bonus_redemptions r JOIN bonus_rewards w ON w.id = r.reward_id JOIN bonus_operations o ON o.id = r.operation_id
          WHERE r.customer_id = $1 ${after ? 'AND (r.created_at, r.id) < ($3, $4::uuid)' : ''}
          ORDER BY r.created_at DESC, r.id DESC LIMIT $2`,
        params,
      );
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) => ({
      id: r.id,
      reward: { code: r.code, title: r.title, kind: r.kind },
      points: Number(r.points),
      voucherCode: r.voucher_code,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      balance: Number(r.balance_after),
    }));
  }

  /** Campaigns running now or starting later. */
  async campaigns(): Promise<{ items: BonusCampaignView[] }> {
    const rows: { id: string; name: string; multiplier: string; categories: BonusCategory[] | null; weekdays: number[] | null; starts_at: Date; ends_at: Date }[] = await this.ds.query(
      'SELECT id, name, multiplier, categories, weekdays, starts_at, ends_at FROM bonus_campaigns WHERE ends_at > $1 ORDER BY starts_at, name LIMIT 50',
      [this.clock.now()],
    );
    return { items: rows.map(toCampaignView) };
  }

  /** Admins only: a campaign multiplying the accrual for a period, some categories and/or weekdays. */
  async createCampaign(auth: AuthContext, input: BonusCampaignRequest, meta: RequestMeta): Promise<BonusCampaignView> {
    if (auth.role !== 'admin') throw new AppError('forbidden', 403, 'Only an administrator may start a campaign.');
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (endsAt <= startsAt) throw AppError.validation([{ field: 'endsAt', code: 'afterStartsAt', message: 'endsAt must be after startsAt' }]);
    return this.ds.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO bonus_campaigns (name, multiplier, categories, weekdays, starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, name, multiplier, categories, weekdays, starts_at, ends_at`,
        [input.name.trim(), input.multiplier, input.categories?.length ? input.categories : null, input.weekdays?.length ? [...new Set(input.weekdays)].sort() : null, startsAt, endsAt, this.clock.now()],
      );
      this.deps.campaigns.forget();
      await this.deps.audit.record(em, { action: 'bonus_campaign_created', actorId: auth.customerId, customerId: null, ip: meta.ip, details: { id: row.id, name: row.name, multiplier: input.multiplier } });
      return toCampaignView(row);
    });
  }

  /** The till simulator's card picker: active cards by number or the holder's phone, newest first. */
  async tillCards(q: string | undefined): Promise<{ items: BonusTillCardView[] }> {
    const digits = (q ?? '').replace(/\D/g, '');
    const phone = q ? normalizePhone(q) : null;
    let ids: string[] | null = null;
    if (phone) {
      const c = await this.ds.transaction((em) => this.deps.customers.findCredentials(em, phone));
      ids = c ? [c.id] : [];
    }
    const rows: { number: string; kind: 'plastic' | 'virtual'; customer_id: string }[] = await this.ds.query(
      `SELECT number, kind, customer_id FROM bonus_cards
        WHERE status = 'active' ${ids ? 'AND customer_id = ANY($1::uuid[])' : digits ? 'AND number LIKE $1' : ''}
        ORDER BY activated_at DESC, number LIMIT 20`,
      ids ? [ids] : digits ? [`%${digits}%`] : [],
    );
    const now = this.clock.now();
    const items: BonusTillCardView[] = [];
    for (const r of rows) {
      const holder = await this.deps.customers.getView(r.customer_id);
      items.push({ number: r.number, kind: r.kind, holder: `${holder.surname} ${holder.name}`, balance: (await availableBalance(this.ds.manager, r.customer_id, now)) ?? 0 });
    }
    return { items };
  }
}

function toCampaignView(r: { id: string; name: string; multiplier: string; categories: BonusCategory[] | null; weekdays: number[] | null; starts_at: Date; ends_at: Date }): BonusCampaignView {
  return { id: r.id, name: r.name, multiplier: Number(r.multiplier), categories: r.categories, weekdays: r.weekdays, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString() };
}

