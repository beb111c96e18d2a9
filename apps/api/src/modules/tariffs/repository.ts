import type { EntityManager } from 'typeorm';
import type { AccountKind, TariffOptionView, TariffView } from '@cabinet/shared-types';
import { rub } from '../../platform/money';

export interface TariffRow {
  id: string;
  code: string;
  kind: AccountKind;
  provider: string;
  name: string;
  description: string;
  region: string;
  monthly_fee: string;
  change_fee: string;
  minutes: number;
  sms: number;
  mb: number;
  speed_mbps: number | null;
  minute_price: string;
  sms_price: string;
  mb_price: string;
  archived: boolean;
}

export function toTariffView(r: TariffRow): TariffView {
  const mobile = r.kind === 'mobile';
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    provider: r.provider,
    name: r.name,
    description: r.description,
    region: r.region,
    monthlyFee: rub(r.monthly_fee),
    changeFee: rub(r.change_fee),
    packages: mobile ? { minutes: r.minutes, sms: r.sms, mb: r.mb } : null,
    speedMbps: mobile ? null : r.speed_mbps,
    overage: mobile ? { minute: rub(r.minute_price), sms: rub(r.sms_price), mb: rub(r.mb_price) } : null,
    archived: r.archived,
  };
}

export interface OptionRow {
  id: string;
  code: string;
  kind: AccountKind;
  provider: string;
  name: string;
  description: string;
  monthly_fee: string;
  minutes: number;
  sms: number;
  mb: number;
  archived: boolean;
  tariff_ids: string[];
}

export function toOptionView(r: OptionRow): TariffOptionView {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    provider: r.provider,
    name: r.name,
    description: r.description,
    monthlyFee: rub(r.monthly_fee),
    adds: { minutes: r.minutes, sms: r.sms, mb: r.mb },
    tariffIds: r.tariff_ids ?? [],
  };
}

export const TariffsRepository = {
  async list(em: EntityManager, f: { kind?: string; provider?: string; region?: string; includeArchived?: boolean }): Promise<TariffRow[]> {
    return em.query(
      `SELECT * FROM tariffs
        WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR provider = $2) AND ($3::text IS NULL OR region = $3)
          AND ($4 OR NOT archived)
        ORDER BY kind, provider, monthly_fee, id`,
      [f.kind ?? null, f.provider ?? null, f.region ?? null, f.includeArchived ?? false],
    );
  },

  async byIds(em: EntityManager, ids: string[]): Promise<Map<string, TariffRow>> {
    if (!ids.length) return new Map();
    const rows: TariffRow[] = await em.query('SELECT * FROM tariffs WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r]));
  },

  async options(em: EntityManager, f: { kind?: string; provider?: string; tariffId?: string; ids?: string[] }): Promise<OptionRow[]> {
    return em.query(
      `SELECT o.*, coalesce(array_agg(f.tariff_id) FILTER (WHERE f.tariff_id IS NOT NULL), '{}') AS tariff_ids
         FROM tariff_options o LEFT JOIN tariff_option_fits f ON f.option_id = o.id
        WHERE NOT o.archived AND ($1::text IS NULL OR o.kind = $1) AND ($2::text IS NULL OR o.provider = $2)
          AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM tariff_option_fits x WHERE x.option_id = o.id AND x.tariff_id = $3))
          AND ($4::uuid[] IS NULL OR o.id = ANY($4::uuid[]))
        GROUP BY o.id
        ORDER BY o.kind, o.provider, o.monthly_fee, o.id`,
      [f.kind ?? null, f.provider ?? null, f.tariffId ?? null, f.ids ?? null],
    );
  },
};
