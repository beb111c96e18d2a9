import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Limits, type Page } from '@cabinet/shared-types';
import { AppError } from './errors';

/** `?limit=50&cursor=…` — mix into a list's query DTO by extending it. */
export class PageQuery {
  /** How many items (1–200, default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Limits.pageSizeMax)
  limit?: number;

  /** Opaque cursor from the previous page's `nextCursor`. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a value from nextCursor' })
  cursor?: string;
}

/** A keyset position: the sort key of the last row seen plus its unique id as the tie-breaker. */
export interface Keyset {
  at: string;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.at, k.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) throw new Error();
    return { at, id };
  } catch {
    throw AppError.validation([{ field: 'cursor', code: 'invalid_cursor', message: 'cursor must be a value from nextCursor' }]);
  }
}

export function pageLimit(q: PageQuery): number {
  return q.limit ?? Limits.pageSizeDefault;
}

/**
 * Rows were fetched with `limit + 1` in keyset order; returns the page and the cursor of the next one.
 * Deep pages cost the same as the first: the query starts after the cursor on an index.
 */
export function toPage<R, T>(rows: R[], limit: number, key: (r: R) => Keyset, map: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { items: slice.map(map), nextCursor: more ? encodeCursor(key(slice[slice.length - 1])) : null };
}
