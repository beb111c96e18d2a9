import type { DataSource, EntityManager } from 'typeorm';
import type { OptionInput, OptionPatch, Packages, StaffOptionView, TariffInput, TariffPatch, TariffView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../../platform/routes';
import { assertAdmin } from '../../platform/staff';
import type { AuditService } from '../audit';
import { toOptionView, toTariffView, type OptionRow, type TariffRow } from './repository';

type Money = { amount: number };
const MAX = 10_000_000_00;

function money(field: string, m: Money | undefined): number | undefined {
  if (m === undefined) return undefined;
  if (m.amount < 0 || m.amount > MAX) throw AppError.validation([{ field: `${field}.amount`, code: 'range', message: `${field} must be from 0 to 10,000,000 ₽ in kopecks` }]);
  return m.amount;
}

function packages(p: Packages | undefined): Packages | undefined {
  if (!p) return undefined;
  for (const k of ['minutes', 'sms', 'mb'] as const) {
    if (p[k] < 0 || p[k] > 100_000_000) throw AppError.validation([{ field: `packages.${k}`, code: 'range', message: `packages.${k} must be from 0 to 100,000,000` }]);
  }
  return p;
}

/**
 * Catalog editing (admin): tariffs and options are created and changed here and never deleted —
 * an archived one leaves the public catalog while lines on it keep it. Every change is audited with
 * the row before and after.
 */
export class TariffAdminService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { audit: AuditService },
  ) {}

  async tariffs(): Promise<TariffView[]> {
    const rows: TariffRow[] = await this.ds.query('SELECT * FROM tariffs ORDER BY archived, kind, provider, monthly_fee, id');
    return rows.map(toTariffView);
  }

  async options(): Promise<StaffOptionView[]> {
    const rows: OptionRow[] = await this.ds.query(
      `SELECT o.*, coalesce(array_agg(f.tariff_id) FILTER (WHERE f.tariff_id IS NOT NULL), '{}') AS tariff_ids
         FROM tariff_options o LEFT JOIN tariff_option_fits f ON f.option_id = o.id GROUP BY o.id ORDER BY o.archived, o.kind, o.provider, o.monthly_fee, o.id`,
    );
    return rows.map((r) => ({ ...toOptionView(r), archived: r.archived }));
  }

  async createTariff(auth: AuthContext, input: TariffInput, ip: string | null): Promise<TariffView> {
    assertAdmin(auth);
    const mobile = input.kind === 'mobile';
    if (mobile && input.speedMbps !== undefined) throw AppError.validation([{ field: 'speedMbps', code: 'notAllowed', message: 'A mobile tariff has packages, not a speed.' }]);
    if (!mobile && (input.packages || input.overage)) throw AppError.validation([{ field: input.packages ? 'packages' : 'overage', code: 'notAllowed', message: 'An internet tariff has a speed, not packages.' }]);
    if (!mobile && input.speedMbps === undefined) throw AppError.validation([{ field: 'speedMbps', code: 'isNotEmpty', message: 'An internet tariff needs its speed.' }]);
    const p = packages(input.packages) ?? { minutes: 0, sms: 0, mb: 0 };
    return this.ds.transaction(async (em) => {
      let row: TariffRow;
      try {
        [row] = await em.query(
          `INSERT INTO tariffs (code, kind, provider, name, description, region, monthly_fee, change_fee, minutes, sms, mb, speed_mbps,
                                minute_price, sms_price, mb_price, archived, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, false, $16) RETURNING *`,
          [
            input.code,
            input.kind,
            input.provider,
            input.name,
            input.description ?? '',
            input.region ?? 'spb',
            money('monthlyFee', input.monthlyFee),
            money('changeFee', input.changeFee) ?? 0,
            p.minutes,
            p.sms,
            p.mb,
            mobile ? null : input.speedMbps,
            money('overage.minute', input.overage?.minute) ?? 0,
            money('overage.sms', input.overage?.sms) ?? 0,
            money('overage.mb', input.overage?.mb) ?? 0,
            this.clock.now(),
          ],
        );
      } catch (err) {
        throw codeTaken(err) ?? err;
      }
      const view = toTariffView(row);
      await this.deps.audit.record(em, { action: 'catalog_tariff_created', actorId: auth.customerId, customerId: null, ip, details: { tariffId: row.id, after: view } });
      return view;
    });
  }

  async updateTariff(auth: AuthContext, id: string, patch: TariffPatch, ip: string | null): Promise<TariffView> {
    assertAdmin(auth);
    return this.ds.transaction(async (em) => {
      const before = await this.lockTariff(em, id);
      const mobile = before.kind === 'mobile';
      if (mobile && patch.speedMbps !== undefined) throw AppError.validation([{ field: 'speedMbps', code: 'notAllowed', message: 'A mobile tariff has packages, not a speed.' }]);
      if (!mobile && (patch.packages || patch.overage)) throw AppError.validation([{ field: patch.packages ? 'packages' : 'overage', code: 'notAllowed', message: 'An internet tariff has a speed, not packages.' }]);
      const p = packages(patch.packages);
      const [[row]] = await em.query(
        `UPDATE tariffs SET provider = coalesce($2, provider), name = coalesce($3, name), description = coalesce($4, description), region = coalesce($5, region),
                monthly_fee = coalesce($6, monthly_fee), change_fee = coalesce($7, change_fee), minutes = coalesce($8, minutes), sms = coalesce($9, sms), mb = coalesce($10, mb),
                speed_mbps = coalesce($11, speed_mbps), minute_price = coalesce($12, minute_price), sms_price = coalesce($13, sms_price), mb_price = coalesce($14, mb_price)
          WHERE id = $1 RETURNING *`,
        [
          id,
          patch.provider ?? null,
          patch.name ?? null,
          patch.description ?? null,
          patch.region ?? null,
          money('monthlyFee', patch.monthlyFee) ?? null,
          money('changeFee', patch.changeFee) ?? null,
          p?.minutes ?? null,
          p?.sms ?? null,
          p?.mb ?? null,
          patch.speedMbps ?? null,
          money('overage.minute', patch.overage?.minute) ?? null,
          money('overage.sms', patch.overage?.sms) ?? null,
          money('overage.mb', patch.overage?.mb) ?? null,
        ],
      );
      const view = toTariffView(row);
      await this.deps.audit.record(em, { action: 'catalog_tariff_updated', actorId: auth.customerId, customerId: null, ip, details: { tariffId: id, before: toTariffView(before), after: view } });
      return view;
    });
  }

  /** Archived: out of the public catalog and applications; lines on it keep it. Restore brings it back. */
  async setTariffArchived(auth: AuthContext, id: string, archived: boolean, ip: string | null): Promise<TariffView> {
    assertAdmin(auth);
    return this.ds.transaction(async (em) => {
      const before = await this.lockTariff(em, id);
      if (before.archived === archived) throw new AppError('conflict', 409, archived ? 'The tariff is archived already.' : 'The tariff is not archived.');
      const [[row]] = await em.query('UPDATE tariffs SET archived = $2 WHERE id = $1 RETURNING *', [id, archived]);
      await this.deps.audit.record(em, {
        action: archived ? 'catalog_tariff_archived' : 'catalog_tariff_restored',
        actorId: auth.customerId,
        customerId: null,
        ip,
        details: { tariffId: id, code: row.code, before: { archived: before.archived }, after: { archived } },
      });
      return toTariffView(row);
    });
  }

  async createOption(auth: AuthContext, input: OptionInput, ip: string | null): Promise<StaffOptionView> {
    assertAdmin(auth);
    const p = packages(input.adds) ?? { minutes: 0, sms: 0, mb: 0 };
    return this.ds.transaction(async (em) => {
      await this.checkFits(em, input.kind, input.tariffIds);
      let id: string;
      try {
        [{ id }] = await em.query(
          `INSERT INTO tariff_options (code, kind, provider, name, description, monthly_fee, minutes, sms, mb) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [input.code, input.kind, input.provider, input.name, input.description ?? '', money('monthlyFee', input.monthlyFee), p.minutes, p.sms, p.mb],
        );
      } catch (err) {
        throw codeTaken(err) ?? err;
      }
      await this.setFits(em, id, input.tariffIds);
      const view = await this.optionView(em, id);
      await this.deps.audit.record(em, { action: 'catalog_option_created', actorId: auth.customerId, customerId: null, ip, details: { optionId: id, after: view } });
      return view;
    });
  }

  async updateOption(auth: AuthContext, id: string, patch: OptionPatch, ip: string | null): Promise<StaffOptionView> {
    assertAdmin(auth);
    return this.ds.transaction(async (em) => {
      const [lock] = await em.query('SELECT kind FROM tariff_options WHERE id = $1 FOR UPDATE', [id]);
      if (!lock) throw AppError.notFound('The option');
      const before = await this.optionView(em, id);
      const p = packages(patch.adds);
      await em.query(
        `UPDATE tariff_options SET provider = coalesce($2, provider), name = coalesce($3, name), description = coalesce($4, description),
                monthly_fee = coalesce($5, monthly_fee), minutes = coalesce($6, minutes), sms = coalesce($7, sms), mb = coalesce($8, mb) WHERE id = $1`,
        [id, patch.provider ?? null, patch.name ?? null, patch.description ?? null, money('monthlyFee', patch.monthlyFee) ?? null, p?.minutes ?? null, p?.sms ?? null, p?.mb ?? null],
      );
      if (patch.tariffIds) {
        await this.checkFits(em, lock.kind, patch.tariffIds);
        await em.query('DELETE FROM tariff_option_fits WHERE option_id = $1 AND NOT (tariff_id = ANY($2::uuid[]))', [id, patch.tariffIds]);
        await this.setFits(em, id, patch.tariffIds);
      }
      const view = await this.optionView(em, id);
      await this.deps.audit.record(em, { action: 'catalog_option_updated', actorId: auth.customerId, customerId: null, ip, details: { optionId: id, before, after: view } });
      return view;
    });
  }

  async setOptionArchived(auth: AuthContext, id: string, archived: boolean, ip: string | null): Promise<StaffOptionView> {
    assertAdmin(auth);
    return this.ds.transaction(async (em) => {
      const [row] = await em.query('SELECT archived, code FROM tariff_options WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw AppError.notFound('The option');
      if (row.archived === archived) throw new AppError('conflict', 409, archived ? 'The option is archived already.' : 'The option is not archived.');
      await em.query('UPDATE tariff_options SET archived = $2 WHERE id = $1', [id, archived]);
      await this.deps.audit.record(em, {
        action: archived ? 'catalog_option_archived' : 'catalog_option_restored',
        actorId: auth.customerId,
        customerId: null,
        ip,
        details: { optionId: id, code: row.code, before: { archived: row.archived }, after: { archived } },
      });
      return this.optionView(em, id);
    });
  }

  private async lockTariff(em: EntityManager, id: string): Promise<TariffRow> {
    const [row] = await em.query('SELECT * FROM tariffs WHERE id = $1 FOR UPDATE', [id]);
    if (!row) throw AppError.notFound('The tariff');
    return row;
  }

  private async checkFits(em: EntityManager, kind: string, tariffIds: string[]): Promise<void> {
    if (!tariffIds.length) return;
    const rows: { id: string; kind: string }[] = await em.query('SELECT id, kind FROM tariffs WHERE id = ANY($1::uuid[])', [tariffIds]);
    const bad = tariffIds.find((t) => !rows.some((r) => r.id === t && r.kind === kind));
    if (bad) throw AppError.validation([{ field: 'tariffIds', code: 'notFound', message: `No ${kind} tariff ${bad}.` }]);
  }

  private async setFits(em: EntityManager, optionId: string, tariffIds: string[]): Promise<void> {
    await em.query(
      `INSERT INTO tariff_option_fits (option_id, tariff_id) SELECT $1, t FROM unnest($2::uuid[]) AS t ON CONFLICT DO NOTHING`,
      [optionId, tariffIds],
    );
  }

  private async optionView(em: EntityManager, id: string): Promise<StaffOptionView> {
    const [r]: OptionRow[] = await em.query(
      `SELECT o.*, coalesce(array_agg(f.tariff_id ORDER BY f.tariff_id) FILTER (WHERE f.tariff_id IS NOT NULL), '{}') AS tariff_ids
         FROM tariff_options o LEFT JOIN tariff_option_fits f ON f.option_id = o.id WHERE o.id = $1 GROUP BY o.id`,
      [id],
    );
    return { ...toOptionView(r), archived: r.archived };
  }
}

function codeTaken(err: unknown): AppError | null {
  const e = err as { code?: string; driverError?: { code?: string } };
  if ((e.driverError?.code ?? e.code) !== '23505') return null;
  return new AppError('code_taken', 409, 'A tariff or option with this code exists already; codes are never reused.', {
    errors: [{ field: 'code', code: 'code_taken', message: 'This code is taken.' }],
  });
}
