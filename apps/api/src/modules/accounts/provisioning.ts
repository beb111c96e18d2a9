import type { EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { TariffsService } from '../tariffs';
import { addMonths, type AccountsService } from './service';

/**
 * Giving customers lines and contracts (issue 7: processing applications and orders): a line on a new
 * or an existing mobile account, an internet contract with a fresh contract number, a line's number
 * replaced by a bought one. Runs in the caller's transaction.
 */
export class AccountProvisioning {
  constructor(
    private readonly clock: Clock,
    private readonly deps: { accounts: AccountsService; tariffs: TariffsService },
  ) {}

  /** A mobile line on the tariff: on `accountId` (the customer's own, not closed), or on a new account. */
  async addLine(
    em: EntityManager,
    input: { customerId: string; accountId?: string | null; msisdn: string; iccid: string; tariffId: string },
  ): Promise<{ accountId: string; lineId: string }> {
    const tariff = (await this.deps.tariffs.rows(em, [input.tariffId])).get(input.tariffId);
    if (!tariff || tariff.kind !== 'mobile') throw AppError.validation([{ field: 'tariffId', code: 'notMobile', message: 'A line needs a mobile tariff.' }]);
    if (tariff.archived) throw new AppError('tariff_archived', 409, `The tariff «${tariff.name}» is no longer offered.`);
    let accountId = input.accountId ?? null;
    try {
      if (accountId) {
        const [acc] = await em.query(`SELECT id, kind, status FROM accounts WHERE id = $1 AND customer_id = $2 FOR UPDATE`, [accountId, input.customerId]);
        if (!acc) throw AppError.notFound('The account');
        if (acc.kind !== 'mobile') throw AppError.validation([{ field: 'accountId', code: 'notMobile', message: 'A line goes on a mobile account.' }]);
        if (acc.status === 'closed') throw new AppError('account_not_active', 409, 'The account is closed.');
        const now = this.clock.now();
        const [line] = await em.query(
          `INSERT INTO mobile_lines (customer_id, account_id, msisdn, iccid, operator, tariff_id, period_start, period_end,
                                     minutes_left, sms_left, mb_left, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $7) RETURNING id`,
          [input.customerId, accountId, input.msisdn, input.iccid, tariff.provider, tariff.id, now, addMonths(now, 1), tariff.minutes, tariff.sms, tariff.mb],
        );
        return { accountId, lineId: line.id };
      }
      accountId = await this.deps.accounts.openMobileAccount(em, {
        customerId: input.customerId,
        lines: [{ msisdn: input.msisdn, iccid: input.iccid, operator: tariff.provider, tariffCode: tariff.code }],
      });
      const [line] = await em.query('SELECT id FROM mobile_lines WHERE account_id = $1 AND msisdn = $2', [accountId, input.msisdn]);
      return { accountId, lineId: line.id };
    } catch (err) {
      throw lineConflict(err) ?? err;
    }
  }

  /** A home-internet contract with the next contract number (it becomes the customer's login). */
  async openContract(em: EntityManager, input: { customerId: string; address: string; tariffId: string }): Promise<{ accountId: string; contractId: string; contractNumber: string }> {
    const tariff = (await this.deps.tariffs.rows(em, [input.tariffId])).get(input.tariffId);
    if (!tariff || tariff.kind !== 'internet') throw AppError.validation([{ field: 'tariffId', code: 'notInternet', message: 'A contract needs an internet tariff.' }]);
    if (tariff.archived) throw new AppError('tariff_archived', 409, `The tariff «${tariff.name}» is no longer offered.`);
    let contractNumber: string;
    for (;;) {
      const [{ n }] = await em.query(`SELECT nextval('contract_number_seq')::text AS n`);
      const [taken] = await em.query(
        `SELECT 1 FROM internet_contracts WHERE contract_number = $1 UNION ALL SELECT 1 FROM customers WHERE contract_number = $1 LIMIT 1`,
        [n],
      );
      if (!taken) {
        contractNumber = n;
        break;
      }
    }
    const accountId = await this.deps.accounts.openInternetAccount(em, { customerId: input.customerId, contractNumber, address: input.address, tariffCode: tariff.code });
    const [c] = await em.query('SELECT id FROM internet_contracts WHERE account_id = $1', [accountId]);
    return { accountId, contractId: c.id, contractNumber };
  }

  /** A bought number replaces a line's number (the SIM card stays). */
  async changeNumber(em: EntityManager, input: { customerId: string; lineId: string; msisdn: string }): Promise<{ before: string }> {
    const [line] = await em.query(`SELECT id, msisdn FROM mobile_lines WHERE id = $1 AND customer_id = $2 FOR UPDATE`, [input.lineId, input.customerId]);
    if (!line) throw AppError.notFound('The line');
    try {
      await em.query(`UPDATE mobile_lines SET msisdn = $2 WHERE id = $1`, [input.lineId, input.msisdn]);
    } catch (err) {
      throw lineConflict(err) ?? err;
    }
    return { before: line.msisdn };
  }

  /** The line's details a back-office view or an SMS needs. */
  async lineBrief(em: EntityManager, lineId: string): Promise<{ id: string; msisdn: string; accountId: string; operator: string; customerId: string } | null> {
    const [l] = await em.query('SELECT id, msisdn, account_id, operator, customer_id FROM mobile_lines WHERE id = $1', [lineId]);
    return l ? { id: l.id, msisdn: l.msisdn, accountId: l.account_id, operator: l.operator, customerId: l.customer_id } : null;
  }
}

/** A SIM card or a number already on a line, said as a person understands it. */
function lineConflict(err: unknown): AppError | null {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  if ((e.driverError?.code ?? e.code) !== '23505') return null;
  const constraint = e.driverError?.constraint ?? e.constraint ?? '';
  if (constraint.includes('iccid')) {
    return new AppError('iccid_taken', 409, 'This SIM card (ICCID) is already on another line.', {
      errors: [{ field: 'iccid', code: 'iccid_taken', message: 'This SIM card is already on another line.' }],
    });
  }
  if (constraint.includes('msisdn')) return new AppError('number_unavailable', 409, 'This number is already on a line.');
  return null;
}
