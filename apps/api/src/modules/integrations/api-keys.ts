import { createHash, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Request, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ApiKeyScopes,
  IntegrationLimits,
  type ApiKeyScope,
  type ApiKeyState,
  type ApiKeyView,
  type CreateApiKeyRequest,
  type CreatedApiKey,
  type Page,
  type RotatedApiKey,
  type UpdateApiKeyRequest,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { decodeCursor, toPage } from '../../platform/pagination';
import type { AuthContext, IntegratorContext } from '../../platform/routes';
import type { AuditService } from '../audit';
import type { ApiCallLog } from './call-log';
import { requireAdmin } from './staff';

export const API_KEY_SCOPES = ApiKeyScopes;
export type { ApiKeyScope };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const KEY_RE = /^Bearer\s+cab_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/;
const WINDOW_MS = 60_000;
const EXPIRING_SOON_MS = 7 * 86_400_000;

/**
 * The hot path of every integrator call, in one statement: find the key by its prefix, compare the hash,
 * check expiry, partner and IP allow-list, and count the call in the key's rate-limit window (only for a
 * key that may be used) — one round trip, as the lookup alone was before.
 */
const AUTHENTICATE = `
  WITH k AS (
    SELECT k.id, k.name, k.partner_id, k.scopes, k.rate_limit_per_minute,
           k.key_hash = $2 AS hash_ok,
           (k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $4)) AS live,
           coalesce(p.status = 'suspended', false) AS suspended,
           (cardinality(k.ip_allowlist) = 0 OR ($3::inet IS NOT NULL AND $3::inet <<= ANY (k.ip_allowlist))) AS ip_ok
      FROM api_keys k LEFT JOIN partners p ON p.id = k.partner_id
     WHERE k.prefix = $1
  ), hit AS (
    INSERT INTO rate_limit_hits (key, hits, reset_at)
    SELECT 'apikey:' || k.id, 1, $5 FROM k WHERE k.hash_ok AND k.live AND NOT k.suspended AND k.ip_ok
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN rate_limit_hits.reset_at <= $4 THEN 1 ELSE rate_limit_hits.hits + 1 END,
      reset_at = CASE WHEN rate_limit_hits.reset_at <= $4 THEN excluded.reset_at ELSE rate_limit_hits.reset_at END
    RETURNING hits, reset_at
  )
  SELECT k.*, hit.hits, hit.reset_at FROM k LEFT JOIN hit ON true`;

interface AuthRow {
  id: string;
  name: string;
  partner_id: string | null;
  scopes: string[];
  rate_limit_per_minute: number;
  hash_ok: boolean;
  live: boolean;
  suspended: boolean;
  ip_ok: boolean;
  hits: number | null;
  reset_at: Date | null;
}

interface KeyRow {
  id: string;
  partner_id: string | null;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  ip_allowlist: string[];
  rate_limit_per_minute: number;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  rotated_from_id: string | null;
  replaced_by_id: string | null;
}

/** Text blocks → `cidr[]`, host bits cleared (`10.1.2.3/8` → `10.0.0.0/8`). */
const CIDRS = (p: string) => `(SELECT coalesce(array_agg(network(x::inet) ORDER BY x), '{}') FROM unnest(${p}::text[]) x)`;

const KEY_COLUMNS = `id, partner_id, name, prefix, scopes, ip_allowlist::text[] AS ip_allowlist, rate_limit_per_minute, created_at, expires_at, revoked_at,
  last_used_at, rotated_from_id, replaced_by_id`;

/** The address a call came from, as PostgreSQL's `inet` reads it (`::ffff:1.2.3.4` → `1.2.3.4`). */
export function clientIp(req: Request): string | null {
  const ip = (req.ip ?? '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  return isIPv4(ip) || isIPv6(ip) ? ip : null;
}

/** `10.0.0.0/8`, `192.0.2.10` (a single address), `2001:db8::/32` → canonical CIDR, or null. */
export function normalizeCidr(input: string): string | null {
  const [addr, bits, extra] = input.trim().split('/');
  if (extra !== undefined) return null;
  const v4 = isIPv4(addr);
  if (!v4 && !isIPv6(addr)) return null;
  const max = v4 ? 32 : 128;
  const n = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > max) return null;
  return `${addr.toLowerCase()}/${n}`;
}

/**
 * Integrator API keys: `cab_<prefix>_<secret>`, shown once; only sha256(secret) is kept. Belong to a
 * partner, have scopes, an optional IP allow-list and expiry, a per-key rate limit; rotated with an
 * overlap window and revoked by admins (audited).
 */
export class ApiKeysService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { audit: AuditService; calls: ApiCallLog },
  ) {}

  /** The CLI, test factories and the back office make keys here. */
  async create(
    em: EntityManager,
    input: { name: string; scopes: ApiKeyScope[]; expiresAt?: Date | null; partnerId?: string | null; ipAllowlist?: string[]; rateLimitPerMinute?: number; rotatedFromId?: string | null; createdBy?: string | null },
  ): Promise<{ id: string; key: string; prefix: string }> {
    const prefix = randomBytes(6).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    const [row] = await em.query(
      `INSERT INTO api_keys (name, prefix, key_hash, scopes, created_at, expires_at, partner_id, ip_allowlist, rate_limit_per_minute, rotated_from_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, ${CIDRS('$8')}, $9, $10, $11) RETURNING id`,
      [
        input.name,
        prefix,
        sha256(secret),
        input.scopes,
        this.clock.now(),
        input.expiresAt ?? null,
        input.partnerId ?? null,
        input.ipAllowlist ?? [],
        input.rateLimitPerMinute ?? IntegrationLimits.defaultRateLimitPerMinute,
        input.rotatedFromId ?? null,
        input.createdBy ?? null,
      ],
    );
    return { id: row.id, key: `cab_${prefix}_${secret}`, prefix };
  }

  /**
   * The guard of every `integrator` route. 401 for a missing, unknown, revoked or expired key; 403 for a
   * suspended partner, an address outside the allow-list or a missing scope; 429 past the key's rate limit.
   * Every answer to a known key carries `RateLimit-*` headers and goes to its call log.
   */
  async authenticate(req: Request, res: Response, spec: { method: string; path: string; scopes?: string[] }, startedAt: number): Promise<IntegratorContext> {
    const m = KEY_RE.exec(req.get('authorization') ?? '');
    const unauthorized = () => new AppError('authentication_required', 401, 'Send a valid API key: `Authorization: Bearer cab_…`.', {}, { 'WWW-Authenticate': 'Bearer' });
    if (!m) throw unauthorized();
    const now = this.clock.now();
    const ip = clientIp(req);
    const [row]: AuthRow[] = await this.ds.query(AUTHENTICATE, [m[1], sha256(m[2]), ip, now, new Date(now.getTime() + WINDOW_MS)]);
    if (!row || !row.hash_ok) throw unauthorized();
    this.deps.calls.track(res, { keyId: row.id, method: spec.method.toUpperCase(), route: spec.path, ip, startedAt });
    if (!row.live) throw new AppError('invalid_token', 401, 'This API key is revoked or expired.', {}, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    if (row.suspended) throw new AppError('partner_suspended', 403, 'The partner of this API key is suspended; contact the provider.');
    if (!row.ip_ok) throw new AppError('ip_not_allowed', 403, `This API key may not be used from ${ip ?? 'this address'}.`);
    const limit = row.rate_limit_per_minute;
    const hits = row.hits ?? 1;
    const resetAt = row.reset_at ?? new Date(now.getTime() + WINDOW_MS);
    const reset = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
    res.setHeader('RateLimit-Policy', `${limit};w=${WINDOW_MS / 1000}`);
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - hits)));
    res.setHeader('RateLimit-Reset', String(reset));
    if (hits > limit) {
      throw new AppError('rate_limited', 429, `This API key made more than ${limit} requests this minute; try again in ${reset} s.`, { retryAfter: reset }, { 'Retry-After': String(reset) });
    }
    const missing = (spec.scopes ?? []).filter((s) => !row.scopes.includes(s));
    if (missing.length) throw new AppError('forbidden', 403, `This API key lacks the scope ${missing.join(', ')}.`);
    return { apiKeyId: row.id, name: row.name, scopes: row.scopes, partnerId: row.partner_id };
  }

  // --- the back office -------------------------------------------------------------------------------

  async listForPartner(actor: AuthContext, partnerId: string, q: { limit: number; cursor?: string }): Promise<Page<ApiKeyView>> {
    requireAdmin(actor);
    await this.partnerExists(partnerId);
    const after = decodeCursor(q.cursor);
    const rows: KeyRow[] = await this.ds.query(
      `SELECT ${KEY_COLUMNS} FROM api_keys WHERE partner_id = $1 ${after ? 'AND (created_at, id) < ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      after ? [partnerId, q.limit + 1, after.at, after.id] : [partnerId, q.limit + 1],
    );
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) => this.view(r));
  }

  async get(actor: AuthContext, id: string): Promise<ApiKeyView> {
    requireAdmin(actor);
    return this.view(await this.row(this.ds.manager, id));
  }

  async createForPartner(actor: AuthContext, partnerId: string, input: CreateApiKeyRequest): Promise<CreatedApiKey> {
    requireAdmin(actor);
    const fields = this.checkInput(input);
    return this.ds.transaction(async (em) => {
      const [p] = await em.query('SELECT status FROM partners WHERE id = $1', [partnerId]);
      if (!p) throw AppError.notFound('The partner');
      if (p.status !== 'active') throw new AppError('partner_suspended', 409, 'The partner is suspended; activate it before giving it keys.');
      const made = await this.create(em, { ...fields, name: input.name.trim(), scopes: input.scopes, partnerId, createdBy: actor.customerId });
      await this.deps.audit.record(em, { action: 'api_key_created', actorId: actor.customerId, customerId: null, details: { partnerId, keyId: made.id, prefix: made.prefix, scopes: input.scopes } });
      return { ...this.view(await this.row(em, made.id)), key: made.key };
    });
  }

  async update(actor: AuthContext, id: string, input: UpdateApiKeyRequest): Promise<ApiKeyView> {
    requireAdmin(actor);
    const fields = this.checkInput(input);
    return this.ds.transaction(async (em) => {
      const before = await this.row(em, id, true);
      if (before.revoked_at) throw new AppError('api_key_not_active', 409, 'A revoked key cannot be changed.');
      await em.query(
        `UPDATE api_keys SET name = coalesce($2, name), scopes = coalesce($3, scopes), ip_allowlist = CASE WHEN $4::text[] IS NULL THEN ip_allowlist ELSE ${CIDRS('$4')} END,
           expires_at = CASE WHEN $5 THEN $6::timestamptz ELSE expires_at END, rate_limit_per_minute = coalesce($7, rate_limit_per_minute)
         WHERE id = $1`,
        [id, input.name?.trim() ?? null, input.scopes ?? null, fields.ipAllowlist ?? null, input.expiresAt !== undefined, fields.expiresAt ?? null, input.rateLimitPerMinute ?? null],
      );
      await this.deps.audit.record(em, { action: 'api_key_updated', actorId: actor.customerId, customerId: null, details: { keyId: id, prefix: before.prefix, changes: input } });
      return this.view(await this.row(em, id));
    });
  }

  /**
   * A new key with the same partner, scopes, allow-list and limit; the old one keeps working for
   * `overlapHours` (then expires), so the integrator can switch without downtime.
   */
  async rotate(actor: AuthContext, id: string, overlapHours: number = IntegrationLimits.defaultRotationOverlapHours): Promise<RotatedApiKey> {
    requireAdmin(actor);
    return this.ds.transaction(async (em) => {
      const old = await this.row(em, id, true);
      const now = this.clock.now();
      if (old.revoked_at || (old.expires_at && old.expires_at <= now)) throw new AppError('api_key_not_active', 409, 'Only a working key can be rotated.');
      if (old.replaced_by_id) throw new AppError('api_key_not_active', 409, 'This key was rotated already; rotate its successor.');
      const overlapEnds = new Date(now.getTime() + overlapHours * 3600_000);
      const made = await this.create(em, {
        name: old.name,
        scopes: old.scopes,
        partnerId: old.partner_id,
        ipAllowlist: old.ip_allowlist,
        rateLimitPerMinute: old.rate_limit_per_minute,
        expiresAt: old.expires_at,
        rotatedFromId: old.id,
        createdBy: actor.customerId,
      });
      await em.query('UPDATE api_keys SET replaced_by_id = $2, expires_at = CASE WHEN expires_at IS NULL OR expires_at > $3 THEN $3 ELSE expires_at END WHERE id = $1', [old.id, made.id, overlapEnds]);
      await this.deps.audit.record(em, { action: 'api_key_rotated', actorId: actor.customerId, customerId: null, details: { keyId: old.id, newKeyId: made.id, overlapHours } });
      return { created: { ...this.view(await this.row(em, made.id)), key: made.key }, previous: this.view(await this.row(em, old.id)) };
    });
  }

  async revoke(actor: AuthContext, id: string): Promise<ApiKeyView> {
    requireAdmin(actor);
    return this.ds.transaction(async (em) => {
      const k = await this.row(em, id, true);
      if (!k.revoked_at) {
        await em.query('UPDATE api_keys SET revoked_at = $2, revoked_by = $3 WHERE id = $1', [id, this.clock.now(), actor.customerId]);
        await this.deps.audit.record(em, { action: 'api_key_revoked', actorId: actor.customerId, customerId: null, details: { keyId: id, prefix: k.prefix } });
      }
      return this.view(await this.row(em, id));
    });
  }

  calls(actor: AuthContext, id: string, q: { limit: number; cursor?: string }) {
    requireAdmin(actor);
    return this.row(this.ds.manager, id).then(() => this.deps.calls.calls(id, q));
  }

  async usage(actor: AuthContext, id: string, q: { from?: string; to?: string }) {
    requireAdmin(actor);
    await this.row(this.ds.manager, id);
    const to = q.to ?? this.clock.now().toISOString().slice(0, 10);
    const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    if (from > to) throw AppError.validation([{ field: 'from', code: 'range', message: 'from must not be after to' }]);
    if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000) throw AppError.validation([{ field: 'from', code: 'range', message: 'at most a year at once' }]);
    return this.deps.calls.usage(id, from, to);
  }

  // --- inside ------------------------------------------------------------------------------------------

  private checkInput(input: { ipAllowlist?: string[]; expiresAt?: string | null }): { ipAllowlist?: string[]; expiresAt?: Date | null } {
    const out: { ipAllowlist?: string[]; expiresAt?: Date | null } = {};
    if (input.ipAllowlist) {
      const bad = input.ipAllowlist.findIndex((c) => normalizeCidr(c) === null);
      if (bad >= 0) throw AppError.validation([{ field: `ipAllowlist.${bad}`, code: 'isCidr', message: 'each entry must be an IP address or a CIDR block, e.g. 203.0.113.0/24' }]);
      out.ipAllowlist = [...new Set(input.ipAllowlist.map((c) => normalizeCidr(c) as string))];
    }
    if (input.expiresAt !== undefined) {
      out.expiresAt = input.expiresAt === null ? null : new Date(input.expiresAt);
      if (out.expiresAt && out.expiresAt <= this.clock.now()) throw AppError.validation([{ field: 'expiresAt', code: 'isFuture', message: 'expiresAt must be in the future' }]);
    }
    return out;
  }

  private async partnerExists(id: string): Promise<void> {
    const [p] = await this.ds.query('SELECT 1 FROM partners WHERE id = $1', [id]);
    if (!p) throw AppError.notFound('The partner');
  }

  private async row(em: EntityManager, id: string, lock = false): Promise<KeyRow> {
    const [r] = await em.query(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!r) throw AppError.notFound('The API key');
    return r;
  }

  private view(r: KeyRow): ApiKeyView {
    const now = this.clock.now().getTime();
    let state: ApiKeyState = 'active';
    if (r.revoked_at) state = 'revoked';
    else if (r.expires_at && r.expires_at.getTime() <= now) state = 'expired';
    else if (r.replaced_by_id || (r.expires_at && r.expires_at.getTime() - now <= EXPIRING_SOON_MS)) state = 'expiring';
    return {
      id: r.id,
      partnerId: r.partner_id,
      name: r.name,
      prefix: r.prefix,
      scopes: r.scopes,
      ipAllowlist: r.ip_allowlist,
      rateLimitPerMinute: r.rate_limit_per_minute,
      state,
      expiresAt: r.expires_at?.toISOString() ?? null,
      revokedAt: r.revoked_at?.toISOString() ?? null,
      lastUsedAt: r.last_used_at?.toISOString() ?? null,
      rotatedFromId: r.rotated_from_id,
      replacedById: r.replaced_by_id,
      createdAt: r.created_at.toISOString(),
    };
  }
}
