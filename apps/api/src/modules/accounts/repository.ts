import type { EntityManager } from 'typeorm';
import type { AccessRole, AccountKind, AccountStatus, InternetContractView, MobileLineView, ScheduledChangeView } from '@cabinet/shared-types';
import { rub } from '../../platform/money';
import { prepared } from '../../db/prepared';
import { toTariffView, type TariffRow } from '../tariffs';

export interface AccountRow {
  id: string;
  customer_id: string;
  number: string;
  kind: AccountKind;
  status: AccountStatus;
  balance: string;
  credit_limit: string;
  paid_until: string | null;
  created_at: Date;
  access: AccessRole;
  managed_line_id: string | null;
}

export interface LineRow {
  id: string;
  account_id: string;
  customer_id: string;
  msisdn: string;
  iccid: string;
  operator: MobileLineView['operator'];
  tariff_id: string;
  status: 'active' | 'blocked';
  block_reason: string | null;
  blocked_at: Date | null;
  restriction: 'incoming_only' | null;
  period_start: Date;
  period_end: Date;
  minutes_left: number;
  sms_left: number;
  mb_left: number;
}

export interface ContractRow {
  id: string;
  account_id: string;
  contract_number: string;
  address: string;
  tariff_id: string;
  status: 'active' | 'suspended';
  suspended_at: Date | null;
  period_start: Date;
  period_end: Date;
  traffic_mb: string;
  device_count: number;
}

export interface LineOptionRow {
  line_id: string;
  option_id: string;
  code: string;
  name: string;
  monthly_fee: string;
  minutes: number;
  sms: number;
  mb: number;
  activated_at: Date;
}

/**
 * The account in $<account> if the customer in $<customer> owns it or holds a live grant on it, with what the
 * customer is to it: the one statement of the access rule.
 */
function accessibleSql(accountParam: number, customerParam: number): string {
  const c = `$${customerParam}`;
  return `
  SELECT a.*, CASE WHEN a.customer_id = ${c} THEN 'owner' ELSE g.level END AS access,
         CASE WHEN a.customer_id = ${c} THEN NULL ELSE g.line_id END AS managed_line_id
    FROM accounts a
    LEFT JOIN account_grants g ON g.account_id = a.id AND g.grantee_id = ${c} AND g.revoked_at IS NULL
   WHERE a.id = $${accountParam} AND (a.customer_id = ${c} OR g.id IS NOT NULL)`;
}

/**
 * A condition "the customer in $<customer> may see the account in $<account>" (the access rule, without its
 * row), for a read that gates itself in its own query; an empty answer then asks `access` which 404 it is.
 */
export function visibleAccountSql(accountParam: number, customerParam: number): string {
  return `EXISTS (${accessibleSql(accountParam, customerParam)})`;
}

/**
 * Owned and granted accounts of $1, keyset-paged after ($2, $3), $4 of them: two index reads (accounts by customer,
 * grants by grantee), not one `OR` across a LEFT JOIN, which reads every account there is.
 */
const ACCESSIBLE_SQL = `SELECT * FROM (
       (SELECT a.*, 'owner' AS access, NULL::uuid AS managed_line_id FROM accounts a
         WHERE a.customer_id = $1 AND ($2::timestamptz IS NULL OR (a.created_at, a.id) > ($2, $3::uuid))
         ORDER BY a.created_at, a.id LIMIT $4)
       UNION ALL
       (SELECT a.*, g.level AS access, g.line_id AS managed_line_id FROM account_grants g JOIN accounts a ON a.id = g.account_id
         WHERE g.grantee_id = $1 AND g.revoked_at IS NULL AND a.customer_id <> $1
           AND ($2::timestamptz IS NULL OR (a.created_at, a.id) > ($2, $3::uuid)))
     ) x ORDER BY created_at, id LIMIT $4`;
const ONE = prepared('accounts.one', accessibleSql(2, 1));
const ONE_LOCKED = prepared('accounts.one.locked', `${accessibleSql(2, 1)} FOR UPDATE OF a`);

export const AccountsRepository = {
  /**
   * The accounts the customer owns or was granted, each with its lines or contract (`parts`): the accounts list in
   * one query. A cross-customer read (a grantee sees the owner's account): the exception DESIGN §7 names.
   */
  async accessibleWithParts(em: EntityManager, customerId: string, after: { at: string; id: string } | null, limit: number): Promise<AccountWithParts[]> {
    const rows: RawAccountWithParts[] = await em.query(ACCESSIBLE_WITH_PARTS, [customerId, after?.at ?? null, after?.id ?? null, limit]);
    return rows.map(withParts);
  },

  /** As `one` (no lock), with the account's lines or contract: an account page in one query. */
  async oneWithParts(em: EntityManager, customerId: string, accountId: string): Promise<AccountWithParts | null> {
    const [row]: RawAccountWithParts[] = await em.query(ONE_WITH_PARTS, [customerId, accountId]);
    return row ? withParts(row) : null;
  },

  async one(em: EntityManager, customerId: string, accountId: string, lock = false): Promise<AccountRow | null> {
    const [row] = await em.query(lock ? ONE_LOCKED : ONE, [customerId, accountId]);
    return row ?? null;
  },

  /**
   * The lines or contract of each of these accounts (any the caller has already read, the back office's too), by
   * account id: one query, however many accounts and lines.
   */
  async partsOf(em: EntityManager, accountIds: string[]): Promise<Map<string, AccountParts>> {
    const rows: (RawParts & { id: string })[] = await em.query(PARTS_BY_ID, [accountIds]);
    return new Map(rows.map((r) => [r.id, partsOf(r)]));
  },
};

/** A subject's one waiting tariff change, as JSON (a correlated subquery of the lines and contracts reads). */
const SCHEDULED = `SELECT json_build_object('id', s.id, 'effective_at', s.effective_at, 'status', s.status, 'tariff_id', t.id, 'name', t.name)
         FROM scheduled_tariff_changes s JOIN tariffs t ON t.id = s.tariff_id
        WHERE s.status = 'scheduled'`;

/** A line's active options, as JSON (a correlated subquery on `l`). */
const OPTIONS_OF_LINE = `SELECT json_agg(json_build_object('line_id', lo.line_id, 'option_id', lo.option_id, 'activated_at', lo.activated_at,
                                               'code', o.code, 'name', o.name, 'monthly_fee', o.monthly_fee::text,
                                               'minutes', o.minutes, 'sms', o.sms, 'mb', o.mb) ORDER BY lo.activated_at, o.code)
               FROM line_options lo JOIN tariff_options o ON o.id = lo.option_id WHERE lo.line_id = l.id`;

/**
 * The lines (mobile) or the contract (internet) of the account row `x`, as JSON columns beside it: an account page
 * or the dashboard in one round trip instead of two or three. The fields are `LineRow`'s and `ContractRow`'s.
 */
const PARTS_OF_ACCOUNT = `
  CASE WHEN x.kind = 'mobile' THEN (
    SELECT json_agg(json_build_object('id', l.id, 'account_id', l.account_id, 'customer_id', l.customer_id, 'msisdn', l.msisdn,
                                      'iccid', l.iccid, 'operator', l.operator, 'tariff_id', l.tariff_id, 'status', l.status,
                                      'block_reason', l.block_reason, 'blocked_at', l.blocked_at, 'restriction', l.restriction,
                                      'period_start', l.period_start, 'period_end', l.period_end, 'minutes_left', l.minutes_left,
                                      'sms_left', l.sms_left, 'mb_left', l.mb_left,
                                      'options_json', (${OPTIONS_OF_LINE}), 'scheduled_json', (${SCHEDULED} AND s.line_id = l.id))
                    ORDER BY l.created_at, l.msisdn)
      FROM mobile_lines l WHERE l.account_id = x.id) END AS lines_json,
  CASE WHEN x.kind = 'internet' THEN (
    SELECT json_agg(json_build_object('id', c.id, 'account_id', c.account_id, 'contract_number', c.contract_number, 'address', c.address,
                                      'tariff_id', c.tariff_id, 'status', c.status, 'suspended_at', c.suspended_at,
                                      'period_start', c.period_start, 'period_end', c.period_end, 'traffic_mb', c.traffic_mb::text,
                                      'device_count', (SELECT count(*)::int FROM devices d WHERE d.contract_id = c.id),
                                      'scheduled_json', (${SCHEDULED} AND s.contract_id = c.id)))
      FROM internet_contracts c WHERE c.account_id = x.id) END AS contracts_json`;

const ACCESSIBLE_WITH_PARTS = prepared('accounts.accessible.parts', `SELECT x.*, ${PARTS_OF_ACCOUNT} FROM (${ACCESSIBLE_SQL}) x ORDER BY x.created_at, x.id`);
const ONE_WITH_PARTS = prepared('accounts.one.parts', `SELECT x.*, ${PARTS_OF_ACCOUNT} FROM (${accessibleSql(2, 1)}) x`);
const PARTS_BY_ID = prepared('accounts.parts', `SELECT x.id, ${PARTS_OF_ACCOUNT} FROM accounts x WHERE x.id = ANY($1::uuid[])`);

export type LineWithParts = LineRow & { options: LineOptionRow[]; scheduled: ScheduledChangeView | null };
export type ContractWithParts = ContractRow & { scheduled: ScheduledChangeView | null };
export type AccountParts = { lines: LineWithParts[]; contracts: ContractWithParts[] };
export type AccountWithParts = AccountRow & { parts: AccountParts };

/** A line as PARTS_OF_ACCOUNT gives it: JSON, times as text. */
type RawLine = Omit<LineRow, 'blocked_at' | 'period_start' | 'period_end'> & {
  blocked_at: string | null;
  period_start: string;
  period_end: string;
  options_json: RawOption[] | null;
  scheduled_json: RawScheduled | null;
};
type RawContract = Omit<ContractRow, 'suspended_at' | 'period_start' | 'period_end'> & {
  suspended_at: string | null;
  period_start: string;
  period_end: string;
  scheduled_json: RawScheduled | null;
};
type RawParts = { lines_json: RawLine[] | null; contracts_json: RawContract[] | null };
type RawAccountWithParts = AccountRow & RawParts;

function lineOf({ options_json, scheduled_json, blocked_at, period_start, period_end, ...l }: RawLine): LineWithParts {
  return {
    ...l,
    blocked_at: blocked_at === null ? null : new Date(blocked_at),
    period_start: new Date(period_start),
    period_end: new Date(period_end),
    options: (options_json ?? []).map((o) => ({ ...o, activated_at: new Date(o.activated_at) })),
    scheduled: scheduledView(scheduled_json),
  };
}

function contractOf({ scheduled_json, suspended_at, period_start, period_end, ...c }: RawContract): ContractWithParts {
  return {
    ...c,
    suspended_at: suspended_at === null ? null : new Date(suspended_at),
    period_start: new Date(period_start),
    period_end: new Date(period_end),
    scheduled: scheduledView(scheduled_json),
  };
}

const partsOf = ({ lines_json, contracts_json }: RawParts): AccountParts => ({ lines: (lines_json ?? []).map(lineOf), contracts: (contracts_json ?? []).map(contractOf) });

function withParts({ lines_json, contracts_json, ...a }: RawAccountWithParts): AccountWithParts {
  return { ...a, parts: partsOf({ lines_json, contracts_json }) };
}

type RawOption = Omit<LineOptionRow, 'activated_at'> & { activated_at: string };
interface RawScheduled {
  id: string;
  effective_at: string;
  status: 'scheduled';
  tariff_id: string;
  name: string;
}

function scheduledView(r: RawScheduled | null): ScheduledChangeView | null {
  return r ? { id: r.id, tariff: { id: r.tariff_id, name: r.name }, effectiveAt: new Date(r.effective_at).toISOString(), status: r.status } : null;
}

export function toLineView(l: LineRow, tariff: TariffRow, options: LineOptionRow[], scheduledChange: ScheduledChangeView | null): MobileLineView {
  const add = (k: 'minutes' | 'sms' | 'mb') => options.reduce((s, o) => s + o[k], 0);
  return {
    id: l.id,
    accountId: l.account_id,
    msisdn: l.msisdn,
    iccidLast4: l.iccid.slice(-4),
    operator: l.operator,
    status: l.status,
    blockReason: l.block_reason,
    blockedAt: l.blocked_at?.toISOString() ?? null,
    restriction: l.restriction ?? null,
    tariff: toTariffView(tariff),
    options: options.map((o) => ({ id: o.option_id, code: o.code, name: o.name, monthlyFee: rub(o.monthly_fee), activatedAt: o.activated_at.toISOString() })),
    packages: {
      // Counters go below zero by the units used past the package (already charged).
      minutes: { left: Math.max(0, l.minutes_left), total: tariff.minutes + add('minutes') },
      sms: { left: Math.max(0, l.sms_left), total: tariff.sms + add('sms') },
      mb: { left: Math.max(0, l.mb_left), total: tariff.mb + add('mb') },
      resetsAt: l.period_end.toISOString(),
    },
    periodStart: l.period_start.toISOString(),
    periodEnd: l.period_end.toISOString(),
    scheduledChange,
  };
}

export function toContractView(c: ContractRow, tariff: TariffRow, scheduledChange: ScheduledChangeView | null): InternetContractView {
  return {
    id: c.id,
    accountId: c.account_id,
    contractNumber: c.contract_number,
    address: c.address,
    status: c.status,
    suspendedAt: c.suspended_at?.toISOString() ?? null,
    tariff: toTariffView(tariff),
    trafficMb: Number(c.traffic_mb),
    periodStart: c.period_start.toISOString(),
    periodEnd: c.period_end.toISOString(),
    deviceCount: c.device_count,
    scheduledChange,
  };
}
