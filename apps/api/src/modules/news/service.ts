import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { NewsLimits, type NewsInput, type NewsItemView, type NewsKind, type NewsPatch, type NewsState, type Page, type PromotionJoinResponse, type PromotionView, type StaffNewsItemView } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { decodeCursor, toPage } from '../../platform/pagination';
import type { AuthContext } from '../../platform/routes';
import { assertAdmin } from '../../platform/staff';
import type { AuditService } from '../audit';
import type { NotificationsService } from '../notifications';

export interface NewsRow {
  id: string;
  kind: NewsKind;
  slug: string;
  title: string;
  summary: string;
  body: string;
  has_image: boolean;
  image_alt: string | null;
  published_at: Date | null;
  starts_at: Date | null;
  ends_at: Date | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, kind, slug, title, summary, body, image IS NOT NULL AS has_image, image_alt, published_at, starts_at, ends_at, archived_at, created_at, updated_at`;
/** Visible to the public: published by the clock (a scheduled item appears at its time) and not archived. */
const VISIBLE = `published_at IS NOT NULL AND published_at <= $1 AND archived_at IS NULL`;

/** News and promotions: the public reads what the clock has published; customers join promotions; admins edit. */
export class NewsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { audit: AuditService; notifications: NotificationsService },
  ) {}

  async list(q: { kind?: NewsKind; limit: number; cursor?: string }): Promise<Page<NewsItemView>> {
    const rows = await this.visibleRows(this.ds.manager, q);
    return toPage(rows, q.limit, (r) => ({ at: r.published_at!.toISOString(), id: r.id }), toView);
  }

  async get(slug: string): Promise<NewsItemView> {
    const [row]: NewsRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM news_items WHERE slug = $2 AND ${VISIBLE}`, [this.clock.now(), slug]);
    if (!row) throw AppError.notFound('The news item');
    return toView(row);
  }

  async image(slug: string): Promise<{ contentType: string; content: Buffer }> {
    const [row] = await this.ds.query(`SELECT image, image_type FROM news_items WHERE slug = $2 AND image IS NOT NULL AND ${VISIBLE}`, [this.clock.now(), slug]);
    if (!row) throw AppError.notFound('The picture');
    return { contentType: row.image_type, content: row.image };
  }

  /** Promotions visible now, with whether this customer joined. */
  async promotions(customerId: string, q: { limit: number; cursor?: string }): Promise<Page<PromotionView>> {
    const rows = await this.visibleRows(this.ds.manager, { ...q, kind: 'promotion' });
    const joined: { promotion_id: string; joined_at: Date }[] = rows.length
      ? await this.ds.query('SELECT promotion_id, joined_at FROM promotion_participants WHERE customer_id = $1 AND promotion_id = ANY($2::uuid[])', [customerId, rows.map((r) => r.id)])
      : [];
    const now = this.clock.now();
    return toPage(rows, q.limit, (r) => ({ at: r.published_at!.toISOString(), id: r.id }), (r) => ({
      ...toView(r),
      joinedAt: joined.find((j) => j.promotion_id === r.id)?.joined_at.toISOString() ?? null,
      open: isOpen(r, now),
    }));
  }

  /** Joins a promotion once: a second join answers the first date. A closed promotion: 409; not visible: 404. */
  async join(customerId: string, promotionId: string): Promise<PromotionJoinResponse> {
    const ids: string[] = [];
    const out = await this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const [row]: NewsRow[] = await em.query(`SELECT ${COLUMNS} FROM news_items WHERE id = $2 AND kind = 'promotion' AND ${VISIBLE} FOR SHARE`, [now, promotionId]);
      if (!row) throw AppError.notFound('The promotion');
      const inserted: { joined_at: Date }[] = await em.query(
        'INSERT INTO promotion_participants (promotion_id, customer_id, joined_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING joined_at',
        [promotionId, customerId, now],
      );
      if (!inserted.length) {
        const [prev] = await em.query('SELECT joined_at FROM promotion_participants WHERE promotion_id = $1 AND customer_id = $2', [promotionId, customerId]);
        return { promotionId, joinedAt: (prev.joined_at as Date).toISOString(), created: false };
      }
      if (!isOpen(row, now)) throw new AppError('promotion_closed', 409, 'The promotion is not open for joining now.');
      ids.push(...(await this.deps.notifications.notify(em, {
        event: 'promotion.joined',
        customerId,
        title: `Вы участвуете в акции «${row.title}»`,
        body: row.summary,
        link: `/promotions`,
      })));
      return { promotionId, joinedAt: now.toISOString(), created: true };
    });
    await this.deps.notifications.deliver(ids);
    return out;
  }

  // --- back office ---------------------------------------------------------------------------------------

  async staffList(q: { kind?: NewsKind }): Promise<StaffNewsItemView[]> {
    const rows: (NewsRow & { participants: number })[] = await this.ds.query(
      `SELECT ${COLUMNS}, (SELECT count(*)::int FROM promotion_participants p WHERE p.promotion_id = n.id) AS participants
         FROM news_items n WHERE ($1::varchar IS NULL OR kind = $1) ORDER BY COALESCE(published_at, created_at) DESC, id DESC LIMIT 500`,
      [q.kind ?? null],
    );
    return rows.map((r) => this.toStaffView(r));
  }

  async staffGet(id: string, em: EntityManager = this.ds.manager): Promise<StaffNewsItemView> {
    const [row] = await em.query(
      `SELECT ${COLUMNS}, (SELECT count(*)::int FROM promotion_participants p WHERE p.promotion_id = n.id) AS participants FROM news_items n WHERE id = $1`,
      [id],
    );
    if (!row) throw AppError.notFound('The news item');
    return this.toStaffView(row);
  }

  async create(auth: AuthContext, input: NewsInput, ip: string | null): Promise<StaffNewsItemView> {
    assertAdmin(auth);
    const dates = checkDates(input);
    const image = input.image ? decodeImage(input.image) : null;
    return this.ds.transaction(async (em) => {
      await this.assertSlugFree(em, input.slug);
      const id = randomUUID();
      const now = this.clock.now();
      await em.query(
        `INSERT INTO news_items (id, kind, slug, title, summary, body, image, image_type, image_alt, published_at, starts_at, ends_at, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
        [id, input.kind, input.slug, input.title.trim(), input.summary.trim(), input.body, image?.content ?? null, image?.contentType ?? null, image?.alt ?? null, dates.publishedAt ?? null, dates.startsAt ?? null, dates.endsAt ?? null, auth.customerId, now],
      );
      await this.deps.audit.record(em, { action: 'news_created', actorId: auth.customerId, customerId: null, ip, details: { newsId: id, slug: input.slug, kind: input.kind } });
      return this.staffGet(id, em);
    });
  }

  async update(auth: AuthContext, id: string, patch: NewsPatch, ip: string | null): Promise<StaffNewsItemView> {
    assertAdmin(auth);
    return this.ds.transaction(async (em) => {
      const [row] = await em.query('SELECT starts_at, ends_at FROM news_items WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw AppError.notFound('The news item');
      const dates = checkDates({ startsAt: patch.startsAt === undefined ? row.starts_at?.toISOString() : patch.startsAt, endsAt: patch.endsAt === undefined ? row.ends_at?.toISOString() : patch.endsAt, publishedAt: patch.publishedAt });
      if (patch.slug) await this.assertSlugFree(em, patch.slug, id);
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (col: string, v: unknown) => {
        params.push(v);
        sets.push(`${col} = $${params.length}`);
      };
      if (patch.slug !== undefined) set('slug', patch.slug);
      if (patch.title !== undefined) set('title', patch.title.trim());
      if (patch.summary !== undefined) set('summary', patch.summary.trim());
      if (patch.body !== undefined) set('body', patch.body);
      if (patch.publishedAt !== undefined) set('published_at', dates.publishedAt);
      if (patch.startsAt !== undefined) set('starts_at', dates.startsAt);
      if (patch.endsAt !== undefined) set('ends_at', dates.endsAt);
      if (patch.image !== undefined) {
        const image = patch.image ? decodeImage(patch.image) : null;
        set('image', image?.content ?? null);
        set('image_type', image?.contentType ?? null);
        set('image_alt', image?.alt ?? null);
      }
      set('updated_at', this.clock.now());
      await em.query(`UPDATE news_items SET ${sets.join(', ')} WHERE id = $1`, params);
      await this.deps.audit.record(em, { action: 'news_updated', actorId: auth.customerId, customerId: null, ip, details: { newsId: id, fields: Object.keys(patch) } });
      return this.staffGet(id, em);
    });
  }

  /** Archives (hides) an item; archiving again changes nothing. */
  async archive(auth: AuthContext, id: string, ip: string | null): Promise<StaffNewsItemView> {
    assertAdmin(auth);
    return this.ds.transaction(async (em) => {
      const rows = await em.query('UPDATE news_items SET archived_at = COALESCE(archived_at, $2), updated_at = $2 WHERE id = $1 RETURNING id', [id, this.clock.now()]);
      if (!rows[0]?.length) throw AppError.notFound('The news item');
      await this.deps.audit.record(em, { action: 'news_archived', actorId: auth.customerId, customerId: null, ip, details: { newsId: id } });
      return this.staffGet(id, em);
    });
  }

  /** For the newsletter: a visible item's text. */
  async visibleById(em: EntityManager, id: string): Promise<NewsItemView | null> {
    const [row]: NewsRow[] = await em.query(`SELECT ${COLUMNS} FROM news_items WHERE id = $2 AND ${VISIBLE}`, [this.clock.now(), id]);
    return row ? toView(row) : null;
  }

  private async visibleRows(em: EntityManager, q: { kind?: NewsKind; limit: number; cursor?: string }): Promise<NewsRow[]> {
    const after = decodeCursor(q.cursor);
    const params: unknown[] = [this.clock.now(), q.limit + 1, q.kind ?? null];
    let where = `${VISIBLE} AND ($3::varchar IS NULL OR kind = $3)`;
    if (after) {
      params.push(after.at, after.id);
      where += ' AND (published_at, id) < ($4::timestamptz, $5::uuid)';
    }
    return em.query(`SELECT ${COLUMNS} FROM news_items WHERE ${where} ORDER BY published_at DESC, id DESC LIMIT $2`, params);
  }

  private async assertSlugFree(em: EntityManager, slug: string, except?: string): Promise<void> {
    const [taken] = await em.query('SELECT id FROM news_items WHERE slug = $1 AND id <> $2', [slug, except ?? '00000000-0000-0000-0000-000000000000']);
    if (taken) throw new AppError('conflict', 409, `The address ${slug} is taken by another item.`, { errors: [{ field: 'slug', code: 'unique', message: 'slug is taken' }] });
  }

  private toStaffView(r: NewsRow & { participants: number }): StaffNewsItemView {
    const now = this.clock.now();
    const state: NewsState = r.archived_at ? 'archived' : !r.published_at ? 'draft' : r.published_at > now ? 'scheduled' : 'published';
    return {
      ...toView(r),
      publishedAt: r.published_at?.toISOString() ?? '',
      state,
      scheduledAt: state === 'scheduled' ? r.published_at!.toISOString() : null,
      archivedAt: r.archived_at?.toISOString() ?? null,
      participants: r.participants,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  }
}

function isOpen(r: NewsRow, now: Date): boolean {
  return !r.archived_at && (!r.starts_at || r.starts_at <= now) && (!r.ends_at || r.ends_at > now);
}

function checkDates(input: { publishedAt?: string | null; startsAt?: string | null; endsAt?: string | null }) {
  const parse = (v: string | null | undefined) => (v ? new Date(v) : v === null ? null : undefined);
  const out = { publishedAt: parse(input.publishedAt), startsAt: parse(input.startsAt), endsAt: parse(input.endsAt) };
  if (out.startsAt && out.endsAt && out.endsAt <= out.startsAt) {
    throw AppError.validation([{ field: 'endsAt', code: 'isAfterStart', message: 'endsAt must be after startsAt' }]);
  }
  return out;
}

/** The picture's bytes, checked: the type it claims must be the type its first bytes show. */
function decodeImage(img: { contentType: string; data: string; alt: string }): { content: Buffer; contentType: string; alt: string } {
  const content = Buffer.from(img.data, 'base64');
  if (content.length > NewsLimits.imageMaxBytes) throw AppError.validation([{ field: 'image.data', code: 'maxBytes', message: `The picture must be at most ${NewsLimits.imageMaxBytes} bytes` }]);
  const sniffed =
    content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ? 'image/png'
    : content.length > 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff ? 'image/jpeg'
    : content.subarray(0, 4).toString('latin1') === 'RIFF' && content.subarray(8, 12).toString('latin1') === 'WEBP' ? 'image/webp'
    : null;
  if (sniffed !== img.contentType) {
    throw AppError.validation([{ field: 'image.data', code: 'imageType', message: `The file is not ${img.contentType} (PNG, JPEG or WebP expected)` }]);
  }
  return { content, contentType: sniffed, alt: img.alt.trim() };
}

export function toView(r: NewsRow): NewsItemView {
  return {
    id: r.id,
    kind: r.kind,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    body: r.body,
    imageUrl: r.has_image ? `/api/v1/news/${r.slug}/image?v=${r.updated_at.getTime()}` : null,
    imageAlt: r.has_image ? r.image_alt : null,
    publishedAt: r.published_at?.toISOString() ?? '',
    startsAt: r.starts_at?.toISOString() ?? null,
    endsAt: r.ends_at?.toISOString() ?? null,
  };
}
