import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import type { IntegratorContext } from '../../platform/routes';

export const API_KEY_SCOPES = ['usage:write', 'bonus:purchases', 'bonus:read', 'payments:read', 'customers:read', 'webhooks:manage'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Integrator API keys: `cab_<prefix>_<secret>`. Shown once; only sha256(secret) is kept. The back
 * office manages them in a later issue; until then the CLI (`pnpm --filter @cabinet/api apikey`) does.
 */
export class ApiKeysService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(em: EntityManager, input: { name: string; scopes: ApiKeyScope[]; expiresAt?: Date | null }): Promise<{ id: string; key: string; prefix: string }> {
    const prefix = randomBytes(6).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    const [row] = await em.query(
      `INSERT INTO api_keys (name, prefix, key_hash, scopes, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.name, prefix, sha256(secret), input.scopes, this.clock.now(), input.expiresAt ?? null],
    );
    return { id: row.id, key: `cab_${prefix}_${secret}`, prefix };
  }

  async authenticate(authorization: string | undefined, scopes: string[]): Promise<IntegratorContext> {
    const m = /^Bearer\s+cab_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/.exec(authorization ?? '');
    const unauthorized = () => new AppError('authentication_required', 401, 'Send a valid API key: `Authorization: Bearer cab_…`.', {}, { 'WWW-Authenticate': 'Bearer' });
    if (!m) throw unauthorized();
    const [row] = await this.ds.query('SELECT id, name, key_hash, scopes, expires_at, revoked_at FROM api_keys WHERE prefix = $1', [m[1]]);
    if (!row || !timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(sha256(m[2]), 'hex'))) throw unauthorized();
    if (row.revoked_at || (row.expires_at && row.expires_at <= this.clock.now())) {
      throw new AppError('invalid_token', 401, 'This API key is revoked or expired.', {}, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    const missing = scopes.filter((s) => !row.scopes.includes(s));
    if (missing.length) throw new AppError('forbidden', 403, `This API key lacks the scope ${missing.join(', ')}.`);
    return { apiKeyId: row.id, name: row.name, scopes: row.scopes };
  }
}
