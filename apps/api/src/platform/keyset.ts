import { AppError } from './errors';
import type { Keyset } from './pagination';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalid = () => AppError.validation([{ field: 'cursor', code: 'invalid_cursor', message: 'cursor must be a value from nextCursor' }]);

/**
 * A decoded cursor whose tie-breaker goes into SQL as `::uuid` or `::bigint`, and whose time as
 * `::timestamptz`: checked here, so a forged cursor is a 400 and never a database error.
 */
export function checkedKeyset(k: Keyset | null, id: 'uuid' | 'bigint'): Keyset | null {
  if (!k) return null;
  if (id === 'uuid' ? !UUID.test(k.id) : !/^\d{1,18}$/.test(k.id)) throw invalid();
  const at = Date.parse(k.at);
  if (Number.isNaN(at) || at < Date.UTC(1970, 0, 1) || at > Date.UTC(9999, 0, 1) || !/^\d{4}-\d{2}-\d{2}T/.test(k.at)) throw invalid();
  return k;
}

/** An ISO-8601 filter bound that PostgreSQL will take as timestamptz (years 1970–9999), else 400 on `field`. */
export function checkedInstant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at) || at < Date.UTC(1970, 0, 1) || at > Date.UTC(9999, 0, 1)) {
    throw AppError.validation([{ field, code: 'isISO8601', message: `${field} must be a date-time from 1970 to 9999` }]);
  }
  return new Date(at).toISOString();
}
