import type { DataSource, EntityManager } from 'typeorm';
import type { Page, TariffOptionView, TariffView } from '@cabinet/shared-types';
import { AppError } from '../../platform/errors';
import { TariffsRepository, toOptionView, toTariffView, type TariffRow } from './repository';

/** The tariff and option catalogs: public reading, and lookups for the accounts module. */
export class TariffsService {
  constructor(private readonly ds: DataSource) {}

  async list(f: { kind?: string; provider?: string; region?: string }): Promise<Page<TariffView>> {
    const rows = await TariffsRepository.list(this.ds.manager, f);
    return { items: rows.map(toTariffView), nextCursor: null };
  }

  async get(id: string): Promise<TariffView> {
    const row = (await TariffsRepository.byIds(this.ds.manager, [id])).get(id);
    if (!row) throw AppError.notFound('The tariff');
    return toTariffView(row);
  }

  async options(f: { kind?: string; provider?: string; tariffId?: string }): Promise<Page<TariffOptionView>> {
    const rows = await TariffsRepository.options(this.ds.manager, f);
    return { items: rows.map(toOptionView), nextCursor: null };
  }

  /** Tariff rows by id, archived ones included (a line may still be on one). */
  rows(em: EntityManager, ids: string[]): Promise<Map<string, TariffRow>> {
    return TariffsRepository.byIds(em, [...new Set(ids)]);
  }

  async optionRows(em: EntityManager, f: { tariffId?: string; ids?: string[] }) {
    return TariffsRepository.options(em, f);
  }
}
