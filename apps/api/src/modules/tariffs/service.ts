import type { DataSource, EntityManager } from 'typeorm';
import type { Page, TariffOptionView, TariffView } from '@cabinet/shared-types';
import { FeedCache, type ChangeFeed } from '../../platform/change-feed';
import { AppError } from '../../platform/errors';
import { TariffsRepository, toOptionView, toTariffView, type TariffRow } from './repository';

/** The tariff and option catalogs: public reading, and lookups for the accounts module. */
export class TariffsService {
  private readonly cache: FeedCache<TariffRow>;

  /** `changes`/`cacheSeconds`: tariff rows for display come from memory, dropped when a tariff row changes. */
  constructor(
    private readonly ds: DataSource,
    opts: { changes?: ChangeFeed | null; cacheSeconds?: number } = {},
  ) {
    this.cache = new FeedCache<TariffRow>(opts.changes ?? null, (opts.cacheSeconds ?? 0) * 1000).follows('tariff');
  }

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

  /**
   * As `rows`, for showing (every account view needs its lines' tariffs): from memory where the change feed
   * vouches for it. Not for decisions inside a transaction — those read `rows`.
   */
  async rowsForDisplay(em: EntityManager, ids: string[]): Promise<Map<string, TariffRow>> {
    const now = performance.now(); // an age, not a time of day
    const out = new Map<string, TariffRow>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = this.cache.get(id, now);
      if (hit) out.set(id, hit);
      else missing.push(id);
    }
    if (!missing.length) return out;
    const since = this.cache.begin();
    for (const [id, row] of await TariffsRepository.byIds(em, missing)) {
      out.set(id, row);
      this.cache.put(id, row, now, since);
    }
    return out;
  }

  /** Tariff rows by id, archived ones included (a line may still be on one). */
  rows(em: EntityManager, ids: string[]): Promise<Map<string, TariffRow>> {
    return TariffsRepository.byIds(em, [...new Set(ids)]);
  }

  async optionRows(em: EntityManager, f: { tariffId?: string; ids?: string[] }) {
    return TariffsRepository.options(em, f);
  }
}
