import type { DataSource, EntityManager } from 'typeorm';
import type { CreatePartnerRequest, Page, PartnerView, UpdatePartnerRequest } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { decodeCursor, toPage } from '../../platform/pagination';
import type { AuthContext } from '../../platform/routes';
import type { AuditService } from '../audit';
import { requireAdmin } from './staff';

interface PartnerRow {
  id: string;
  name: string;
  contact_email: string;
  description: string | null;
  status: PartnerView['status'];
  created_at: Date;
  active_keys: number;
}

const SELECT = `SELECT p.*, (SELECT count(*)::int FROM api_keys k WHERE k.partner_id = p.id AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $1)) AS active_keys
  FROM partners p`;

/** Integrators (a till vendor, a network, a CRM, a bank): the owners of API keys and webhook endpoints. */
export class PartnersService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { audit: AuditService },
  ) {}

  async list(actor: AuthContext, q: { limit: number; cursor?: string }): Promise<Page<PartnerView>> {
    requireAdmin(actor);
    const after = decodeCursor(q.cursor);
    const rows: PartnerRow[] = await this.ds.query(
      `${SELECT} ${after ? 'WHERE (p.created_at, p.id) < ($3::timestamptz, $4::uuid)' : ''} ORDER BY p.created_at DESC, p.id DESC LIMIT $2`,
      after ? [this.clock.now(), q.limit + 1, after.at, after.id] : [this.clock.now(), q.limit + 1],
    );
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), toPartnerView);
  }

  async get(actor: AuthContext, id: string): Promise<PartnerView> {
    requireAdmin(actor);
    return toPartnerView(await this.row(this.ds.manager, id));
  }

  async create(actor: AuthContext, input: CreatePartnerRequest): Promise<PartnerView> {
    requireAdmin(actor);
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const [row] = await em
        .query(`INSERT INTO partners (name, contact_email, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id`, [
          input.name.trim(),
          input.contactEmail.trim().toLowerCase(),
          input.description?.trim() || null,
          now,
        ])
        .catch(duplicateName);
      await this.deps.audit.record(em, { action: 'partner_created', actorId: actor.customerId, customerId: null, details: { partnerId: row.id, name: input.name } });
      return toPartnerView(await this.row(em, row.id));
    });
  }

  async update(actor: AuthContext, id: string, input: UpdatePartnerRequest): Promise<PartnerView> {
    requireAdmin(actor);
    return this.ds.transaction(async (em) => {
      await this.row(em, id);
      await em
        .query(
          `UPDATE partners SET name = coalesce($2, name), contact_email = coalesce($3, contact_email),
             description = CASE WHEN $4 THEN $5 ELSE description END, status = coalesce($6, status), updated_at = $7 WHERE id = $1`,
          [id, input.name?.trim() ?? null, input.contactEmail?.trim().toLowerCase() ?? null, input.description !== undefined, input.description?.trim() || null, input.status ?? null, this.clock.now()],
        )
        .catch(duplicateName);
      await this.deps.audit.record(em, { action: 'partner_updated', actorId: actor.customerId, customerId: null, details: { partnerId: id, changes: input } });
      return toPartnerView(await this.row(em, id));
    });
  }

  /** The partner's contact address (webhook failure e-mails). */
  async contact(em: EntityManager, id: string): Promise<{ name: string; email: string } | null> {
    const [p] = await em.query('SELECT name, contact_email FROM partners WHERE id = $1', [id]);
    return p ? { name: p.name, email: p.contact_email } : null;
  }

  private async row(em: EntityManager, id: string): Promise<PartnerRow> {
    const [r] = await em.query(`${SELECT} WHERE p.id = $2`, [this.clock.now(), id]);
    if (!r) throw AppError.notFound('The partner');
    return r;
  }
}

function duplicateName(err: { driverError?: { code?: string }; code?: string }): never {
  if ((err.driverError?.code ?? err.code) === '23505') throw new AppError('conflict', 409, 'A partner with this name exists already.');
  throw err;
}

function toPartnerView(r: PartnerRow): PartnerView {
  return {
    id: r.id,
    name: r.name,
    contactEmail: r.contact_email,
    description: r.description,
    status: r.status,
    activeKeys: r.active_keys,
    createdAt: r.created_at.toISOString(),
  };
}
