import type { DataSource, EntityManager } from 'typeorm';
import {
  ServiceLimits,
  type DeviceView,
  type Packages,
  type Page,
  type TariffChangeQuote,
  type TariffChangeResult,
  type TariffChangeWhenValue,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { rub } from '../../platform/money';
import type { AuditService } from '../audit';
import type { EventPublisher } from '../integrations';
import type { LedgerService } from '../ledger';
import type { TariffRow, TariffsService } from '../tariffs';
import type { ContractRow, LineRow } from './repository';
import type { Access, AccountsService } from './service';

/** A line of a mobile account or the contract of an internet account: what a tariff applies to. */
export type Subscription =
  | { kind: 'line'; id: string; row: LineRow; tariffId: string; periodStart: Date; periodEnd: Date }
  | { kind: 'contract'; id: string; row: ContractRow; tariffId: string; periodStart: Date; periodEnd: Date };

export type SubscriptionRef = { accountId: string; lineId: string } | { accountId: string; contract: true };

interface Ctx {
  customerId: string;
  ip: string | null;
}

/** Tariff changes, options, voluntary blocks and devices: every change checks the caller's grant first. */
export class SubscriptionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { accounts: AccountsService; tariffs: TariffsService; ledger: LedgerService; audit: AuditService; events?: EventPublisher },
  ) {}

  private async load(em: EntityManager, ref: SubscriptionRef, access: Access): Promise<Subscription> {
    if ('lineId' in ref) {
      const [row] = (await em.query('SELECT * FROM mobile_lines WHERE id = $1 AND account_id = $2 FOR UPDATE', [ref.lineId, ref.accountId])) as LineRow[];
      if (!row) throw AppError.notFound('The line');
      return { kind: 'line', id: row.id, row, tariffId: row.tariff_id, periodStart: row.period_start, periodEnd: row.period_end };
    }
    if (access.account.kind !== 'internet') throw AppError.notFound('The contract');
    const [row] = (await em.query('SELECT * FROM internet_contracts WHERE account_id = $1 FOR UPDATE', [ref.accountId])) as ContractRow[];
    if (!row) throw AppError.notFound('The contract');
    return { kind: 'contract', id: row.id, row, tariffId: row.tariff_id, periodStart: row.period_start, periodEnd: row.period_end };
  }

  /** The caller may act on it (grant checked), the account and the subscription are active. */
  private async open(em: EntityManager, ctx: Ctx, ref: SubscriptionRef, opts: { mustBeActive?: boolean } = {}) {
    const access = await this.deps.accounts.actor(em, ctx.customerId, ref.accountId, 'lineId' in ref ? ref.lineId : undefined);
    const sub = await this.load(em, ref, access);
    if (opts.mustBeActive !== false) {
      if (access.account.status !== 'active') throw new AppError('account_not_active', 409, `The account is ${access.account.status}; this is not possible now.`);
      const status = sub.row.status;
      if (status !== 'active') throw new AppError('account_not_active', 409, sub.kind === 'line' ? 'The line is blocked; unblock it first.' : 'The contract is suspended; resume it first.');
    }
    return { access, sub };
  }

  // ---- tariff change ----

  private async target(em: EntityManager, sub: Subscription, tariffId: string): Promise<{ current: TariffRow; next: TariffRow }> {
    const rows = await this.deps.tariffs.rows(em, [sub.tariffId, tariffId]);
    const next = rows.get(tariffId);
    if (!next) throw AppError.notFound('The tariff');
    const current = rows.get(sub.tariffId)!;
    if (next.archived) throw new AppError('tariff_archived', 409, `“${next.name}” is archived and no longer available.`);
    const wantKind = sub.kind === 'line' ? 'mobile' : 'internet';
    if (next.kind !== wantKind || (sub.kind === 'line' && next.provider !== sub.row.operator)) {
      throw new AppError('tariff_not_applicable', 409, `“${next.name}” is not available for this ${sub.kind === 'line' ? 'operator' : 'contract'}.`);
    }
    if (next.id === current.id) throw new AppError('tariff_not_applicable', 409, `You are on “${next.name}” already.`);
    return { current, next };
  }

  private quoteOf(access: Access, sub: Subscription, current: TariffRow, next: TariffRow, when: TariffChangeWhenValue, addsOfOptions: Packages): TariffChangeQuote {
    const now = this.clock.now();
    const base = { tariff: { id: next.id, name: next.name }, when, newMonthlyFee: rub(next.monthly_fee) };
    const balance = BigInt(access.account.balance);
    if (when === 'next_period') {
      return { ...base, effectiveAt: sub.periodEnd.toISOString(), changeFee: rub(next.change_fee), proratedDifference: rub(0), chargedNow: rub(0), balanceAfter: rub(balance), packagesAfter: null };
    }
    const total = sub.periodEnd.getTime() - sub.periodStart.getTime();
    const fraction = total > 0 ? Math.max(0, Math.min(1, (sub.periodEnd.getTime() - now.getTime()) / total)) : 0;
    const diff = BigInt(Math.round(Number(BigInt(next.monthly_fee) - BigInt(current.monthly_fee)) * fraction));
    const changeFee = BigInt(next.change_fee);
    const chargedNow = changeFee + (diff > 0n ? diff : 0n);
    const packagesAfter =
      sub.kind === 'line'
        ? {
            minutes: Math.round((next.minutes + addsOfOptions.minutes) * fraction),
            sms: Math.round((next.sms + addsOfOptions.sms) * fraction),
            mb: Math.round((next.mb + addsOfOptions.mb) * fraction),
          }
        : null;
    return {
      ...base,
      effectiveAt: now.toISOString(),
      changeFee: rub(changeFee),
      proratedDifference: rub(diff),
      chargedNow: rub(chargedNow),
      balanceAfter: rub(balance - chargedNow - (diff < 0n ? diff : 0n)),
      packagesAfter,
    };
  }

  private async optionAdds(em: EntityManager, sub: Subscription): Promise<Packages> {
    if (sub.kind !== 'line') return { minutes: 0, sms: 0, mb: 0 };
    const [r] = await em.query(
      `SELECT coalesce(sum(o.minutes), 0)::int AS minutes, coalesce(sum(o.sms), 0)::int AS sms, coalesce(sum(o.mb), 0)::int AS mb
         FROM line_options lo JOIN tariff_options o ON o.id = lo.option_id WHERE lo.line_id = $1`,
      [sub.id],
    );
    return r;
  }

  async quote(ctx: Ctx, ref: SubscriptionRef, input: { tariffId: string; when: TariffChangeWhenValue }): Promise<TariffChangeQuote> {
    return this.ds.transaction(async (em) => {
      const { access, sub } = await this.open(em, ctx, ref);
      const { current, next } = await this.target(em, sub, input.tariffId);
      return this.quoteOf(access, sub, current, next, input.when, await this.optionAdds(em, sub));
    });
  }

  async changeTariff(ctx: Ctx, ref: SubscriptionRef, input: { tariffId: string; when: TariffChangeWhenValue }): Promise<TariffChangeResult> {
    return this.ds.transaction(async (em) => {
      const { access, sub } = await this.open(em, ctx, ref);
      const { current, next } = await this.target(em, sub, input.tariffId);
      const quote = this.quoteOf(access, sub, current, next, input.when, await this.optionAdds(em, sub));
      const now = this.clock.now();
      // A new decision replaces a change waiting for the next period.
      await em.query(
        `UPDATE scheduled_tariff_changes SET status = 'canceled', settled_at = $2 WHERE ${sub.kind === 'line' ? 'line_id' : 'contract_id'} = $1 AND status = 'scheduled'`,
        [sub.id, now],
      );
      if (input.when === 'next_period') {
        const [row] = await em.query(
          `INSERT INTO scheduled_tariff_changes (customer_id, account_id, line_id, contract_id, tariff_id, effective_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [access.account.customer_id, access.account.id, sub.kind === 'line' ? sub.id : null, sub.kind === 'contract' ? sub.id : null, next.id, sub.periodEnd, now],
        );
        await this.deps.audit.record(em, { action: 'tariff_change_scheduled', customerId: access.account.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { subscription: sub.id, from: current.code, to: next.code, effectiveAt: sub.periodEnd } });
        return { quote, scheduled: { id: row.id, tariff: { id: next.id, name: next.name }, effectiveAt: sub.periodEnd.toISOString(), status: 'scheduled' } };
      }
      const changeId = `${sub.id}:${now.toISOString()}`;
      if (BigInt(next.change_fee) > 0n) {
        await this.deps.ledger.post(em, { accountId: access.account.id, amount: -BigInt(next.change_fee), kind: 'tariff_change_fee', ref: `tariff-change:${changeId}`, description: `Смена тарифа на «${next.name}»` });
      }
      const diff = BigInt(quote.proratedDifference.amount);
      if (diff !== 0n) {
        await this.deps.ledger.post(em, { accountId: access.account.id, amount: -diff, kind: 'monthly_fee', ref: `proration:${changeId}`, description: `Перерасчёт абонентской платы: «${current.name}» → «${next.name}»` });
      }
      if (sub.kind === 'line') {
        await em.query('UPDATE mobile_lines SET tariff_id = $2, minutes_left = $3, sms_left = $4, mb_left = $5 WHERE id = $1', [
          sub.id,
          next.id,
          quote.packagesAfter!.minutes,
          quote.packagesAfter!.sms,
          quote.packagesAfter!.mb,
        ]);
        // Options that do not fit the new tariff end with the old one.
        await em.query(`DELETE FROM line_options lo WHERE lo.line_id = $1 AND NOT EXISTS (SELECT 1 FROM tariff_option_fits f WHERE f.option_id = lo.option_id AND f.tariff_id = $2)`, [sub.id, next.id]);
      } else {
        await em.query('UPDATE internet_contracts SET tariff_id = $2 WHERE id = $1', [sub.id, next.id]);
      }
      await this.deps.audit.record(em, { action: 'tariff_changed', customerId: access.account.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { subscription: sub.id, from: current.code, to: next.code, chargedNow: quote.chargedNow.amount } });
      return { quote, scheduled: null };
    });
  }

  async cancelScheduled(ctx: Ctx, ref: SubscriptionRef): Promise<void> {
    await this.ds.transaction(async (em) => {
      const { access, sub } = await this.open(em, ctx, ref, { mustBeActive: false });
      const [, affected] = await em.query(
        `UPDATE scheduled_tariff_changes SET status = 'canceled', settled_at = $2
          WHERE ${sub.kind === 'line' ? 'line_id' : 'contract_id'} = $1 AND status = 'scheduled' AND effective_at > $2`,
        [sub.id, this.clock.now()],
      );
      if (!affected) throw new AppError('change_not_cancellable', 409, 'There is no scheduled tariff change to cancel (or it has already taken effect).');
      await this.deps.audit.record(em, { action: 'tariff_change_canceled', customerId: access.account.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { subscription: sub.id } });
    });
  }

  // ---- options (mobile lines) ----

  async activateOption(ctx: Ctx, ref: { accountId: string; lineId: string }, optionId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const { access, sub } = await this.open(em, ctx, ref);
      const [opt] = await this.deps.tariffs.optionRows(em, { ids: [optionId] });
      if (!opt) throw AppError.notFound('The option');
      if (!opt.tariff_ids.includes(sub.tariffId)) throw new AppError('option_not_applicable', 409, `“${opt.name}” cannot be added to this tariff.`);
      const inserted = await em.query(
        `INSERT INTO line_options (line_id, option_id, customer_id, activated_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING line_id`,
        [sub.id, opt.id, access.account.customer_id, this.clock.now()],
      );
      if (!inserted.length) throw new AppError('option_already_active', 409, `“${opt.name}” is on already.`);
      // One fee per option per period: switching it off and on again does not charge twice.
      if (BigInt(opt.monthly_fee) > 0n) {
        await this.deps.ledger.post(em, {
          accountId: access.account.id,
          amount: -BigInt(opt.monthly_fee),
          kind: 'option_fee',
          ref: `option:${sub.id}:${opt.id}:${sub.periodStart.toISOString()}`,
          description: `Опция «${opt.name}»`,
        });
      }
      await em.query('UPDATE mobile_lines SET minutes_left = minutes_left + $2, sms_left = sms_left + $3, mb_left = mb_left + $4 WHERE id = $1', [sub.id, opt.minutes, opt.sms, opt.mb]);
      await this.deps.audit.record(em, { action: 'option_activated', customerId: access.account.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { line: sub.id, option: opt.code } });
    });
  }

  async deactivateOption(ctx: Ctx, ref: { accountId: string; lineId: string }, optionId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const { access, sub } = await this.open(em, ctx, ref, { mustBeActive: false });
      // A DELETE … RETURNING comes back from TypeORM as [rows, affected].
      const [[row]] = await em.query(
        `DELETE FROM line_options lo USING tariff_options o WHERE lo.option_id = o.id AND lo.line_id = $1 AND lo.option_id = $2
         RETURNING o.code, o.minutes, o.sms, o.mb`,
        [sub.id, optionId],
      );
      if (!row) throw new AppError('option_not_active', 409, 'This option is not on.');
      await em.query(
        'UPDATE mobile_lines SET minutes_left = greatest(0, minutes_left - $2), sms_left = greatest(0, sms_left - $3), mb_left = greatest(0, mb_left - $4) WHERE id = $1',
        [sub.id, row.minutes, row.sms, row.mb],
      );
      await this.deps.audit.record(em, { action: 'option_deactivated', customerId: access.account.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { line: sub.id, option: row.code } });
    });
  }

  // ---- voluntary block of a line, suspension of a contract ----

  async block(ctx: Ctx, ref: SubscriptionRef): Promise<void> {
    await this.ds.transaction(async (em) => {
      const { access, sub } = await this.open(em, ctx, ref, { mustBeActive: false });
      if (sub.row.status !== 'active') throw new AppError('already_blocked', 409, sub.kind === 'line' ? 'The line is blocked already.' : 'The contract is suspended already.');
      const now = this.clock.now();
      if (sub.kind === 'line') {
        await em.query(`UPDATE mobile_lines SET status = 'blocked', block_reason = 'voluntary', blocked_at = $2 WHERE id = $1`, [sub.id, now]);
      } else {
        await em.query(`UPDATE internet_contracts SET status = 'suspended', suspend_reason = 'voluntary', suspended_at = $2 WHERE id = $1`, [sub.id, now]);
      }
      await this.deps.audit.record(em, { action: 'line_blocked', customerId: access.account.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { subscription: sub.id, kind: sub.kind } });
      await this.deps.events?.publish(em, 'account.blocked', {
        accountId: access.account.id,
        accountNumber: access.account.number,
        ...(sub.kind === 'line' ? { lineId: sub.id, msisdn: (sub.row as LineRow).msisdn } : { contractId: sub.id }),
        reason: 'voluntary',
        blockedAt: now.toISOString(),
      });
    });
  }

  async unblock(ctx: Ctx, ref: SubscriptionRef): Promise<void> {
    await this.ds.transaction(async (em) => {
      const { access, sub } = await this.open(em, ctx, ref, { mustBeActive: false });
      const reason = sub.kind === 'line' ? sub.row.block_reason : (sub.row as ContractRow & { suspend_reason: string | null }).suspend_reason;
      if (sub.row.status === 'active') throw new AppError('not_blocked', 409, sub.kind === 'line' ? 'The line is not blocked.' : 'The contract is not suspended.');
      if (reason !== 'voluntary') throw new AppError('forbidden', 403, 'This block was not set by you (e.g. for a debt): top up the balance or contact support.');
      if (sub.kind === 'line') {
        await em.query(`UPDATE mobile_lines SET status = 'active', block_reason = NULL, blocked_at = NULL WHERE id = $1`, [sub.id]);
      } else {
        await em.query(`UPDATE internet_contracts SET status = 'active', suspend_reason = NULL, suspended_at = NULL WHERE id = $1`, [sub.id]);
      }
      await this.deps.audit.record(em, { action: 'line_unblocked', customerId: access.account.customer_id, actorId: ctx.customerId, ip: ctx.ip, details: { subscription: sub.id, kind: sub.kind } });
    });
  }

  // ---- devices of an internet contract ----

  async devices(customerId: string, accountId: string): Promise<Page<DeviceView>> {
    const access = await this.deps.accounts.access(this.ds.manager, customerId, accountId);
    if (access.account.kind !== 'internet') throw AppError.notFound('The contract');
    const rows = await this.ds.query(
      `SELECT d.* FROM devices d JOIN internet_contracts c ON c.id = d.contract_id WHERE c.account_id = $1 ORDER BY d.added_at, d.id`,
      [accountId],
    );
    return { items: rows.map(toDeviceView), nextCursor: null };
  }

  async addDevice(ctx: Ctx, accountId: string, input: { mac: string; name: string }): Promise<DeviceView> {
    const mac = normalizeMac(input.mac);
    if (!mac) throw AppError.validation([{ field: 'mac', code: 'isMacAddress', message: 'mac must look like AA:BB:CC:DD:EE:FF' }]);
    return this.ds.transaction(async (em) => {
      const { access, sub } = await this.open(em, ctx, { accountId, contract: true }, { mustBeActive: false });
      const [{ n }] = await em.query('SELECT count(*)::int AS n FROM devices WHERE contract_id = $1', [sub.id]);
      if (n >= ServiceLimits.devicesPerContract) throw new AppError('device_limit_reached', 409, `At most ${ServiceLimits.devicesPerContract} devices; remove one first.`);
      const [row] = await em.query(
        `INSERT INTO devices (customer_id, contract_id, mac, name, added_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (contract_id, mac) DO NOTHING RETURNING *`,
        [access.account.customer_id, sub.id, mac, input.name.trim(), this.clock.now()],
      );
      if (!row) throw new AppError('device_exists', 409, `A device with MAC ${mac} is there already.`);
      return toDeviceView(row);
    });
  }

  async renameDevice(ctx: Ctx, accountId: string, deviceId: string, name: string): Promise<DeviceView> {
    return this.ds.transaction(async (em) => {
      const { sub } = await this.open(em, ctx, { accountId, contract: true }, { mustBeActive: false });
      const [rows] = await em.query('UPDATE devices SET name = $3 WHERE id = $1 AND contract_id = $2 RETURNING *', [deviceId, sub.id, name.trim()]);
      if (!rows.length) throw AppError.notFound('The device');
      return toDeviceView(rows[0]);
    });
  }

  async removeDevice(ctx: Ctx, accountId: string, deviceId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const { sub } = await this.open(em, ctx, { accountId, contract: true }, { mustBeActive: false });
      const [, affected] = await em.query('DELETE FROM devices WHERE id = $1 AND contract_id = $2', [deviceId, sub.id]);
      if (!affected) throw AppError.notFound('The device');
    });
  }
}

/** `aa-bb-cc-dd-ee-ff`, `AABB.CCDD.EEFF`, `aabbccddeeff` → `AA:BB:CC:DD:EE:FF`; null if not a MAC. */
export function normalizeMac(input: string): string | null {
  const hex = input.trim().replace(/[:\-.\s]/g, '');
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) return null;
  if (/^0{12}$|^f{12}$/i.test(hex)) return null;
  return hex.toUpperCase().match(/.{2}/g)!.join(':');
}

function toDeviceView(r: { id: string; mac: string; name: string; added_at: Date }): DeviceView {
  return { id: r.id, mac: r.mac, name: r.name, addedAt: r.added_at.toISOString() };
}
