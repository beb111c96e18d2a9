/**
 * "Nothing changed": one fingerprint of every table a request could change, to compare before and after.
 * Each table gives `rows:md5-of-its-rows`, so a difference names the table.
 *
 * Left out, each for a reason a rejected request may rightly write there:
 */
export const BOOKKEEPING_TABLES: Record<string, string> = {
  audit_log: 'refused attempts are security events and are recorded',
  captcha_challenges: 'a 428 issues a challenge',
  idempotency_keys: 'an error answer is kept and replayed for the same key (Stripe semantics)',
  login_attempts: 'failed sign-ins are counted for captcha and lockout',
  rate_limit_hits: 'every request counts against its rate limit',
  migrations: 'schema history',
};

/** Columns that change on any request, or on a refused one by design. */
export const VOLATILE_COLUMNS: Record<string, string[]> = {
  sessions: ['last_seen_at'], // every authenticated request is activity
  one_time_codes: ['attempts'], // a wrong code uses up a try
};

type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

let statement: string | null = null;

/** `{ table: "rows:md5" }` over the public schema (pg-boss's own schema is the job queue, left out). */
export async function dbFingerprint(query: Query): Promise<Record<string, string>> {
  if (!statement) {
    const tables = (
      await query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      )
    )
      .map((t) => t.name)
      .filter((t) => !(t in BOOKKEEPING_TABLES));
    const row = (t: string) => `(to_jsonb(t) - ARRAY[${(VOLATILE_COLUMNS[t] ?? []).map((c) => `'${c}'`).join(',')}]::text[])::text`;
    // One row per table (a function takes at most 100 arguments, so no json_build_object over them all).
    statement = tables
      .map((t) => `SELECT '${t}' AS t, (SELECT count(*) || ':' || coalesce(md5(string_agg(${row(t)}, ',' ORDER BY ${row(t)})), '') FROM "${t}" t) AS f`)
      .join(' UNION ALL ');
  }
  return Object.fromEntries((await query<{ t: string; f: string }>(statement)).map((r) => [r.t, r.f]));
}

/** Tables whose fingerprints differ. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
