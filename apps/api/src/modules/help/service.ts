import type { DataSource } from 'typeorm';
import {
  GuideTips,
  Weekdays,
  type AboutView,
  type DismissGuideRequest,
  type GuideStateView,
  type GuideTip,
  type HelpSection,
  type HelpVideoView,
  type LegalDocumentHistory,
  type LegalDocumentSummary,
  type LegalDocumentView,
  type OfficeHours,
  type OfficeKind,
  type OfficeView,
} from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';

interface OfficeRow {
  id: string;
  code: string;
  kind: OfficeKind;
  name: string;
  city: string;
  address: string;
  latitude: string;
  longitude: string;
  phone: string | null;
  hours: Partial<Record<(typeof Weekdays)[number], [string, string] | null>>;
  sim_pickup: boolean;
}

interface DocumentRow {
  code: string;
  version: string;
  title: string;
  body?: string;
  effective_from: Date;
}

/** "Open in maps" links: a pin at the office's coordinates (no map is embedded, nothing is fetched). */
export function mapLinks(lat: number, lon: number, label: string): OfficeView['maps'] {
  return {
    yandex: `https://yandex.ru/maps/?pt=${lon},${lat}&z=17&l=map&text=${encodeURIComponent(label)}`,
    google: `https://www.google.com/maps/search/?api=1&query=${lat},${lon}`,
  };
}

function toOfficeView(r: OfficeRow): OfficeView {
  const lat = Number(r.latitude);
  const lon = Number(r.longitude);
  const hours: OfficeHours[] = Weekdays.map((day) => {
    const h = r.hours[day];
    return { day, opens: h ? h[0] : null, closes: h ? h[1] : null };
  });
  return {
    id: r.id, code: r.code, kind: r.kind, name: r.name, city: r.city, address: r.address, latitude: lat, longitude: lon,
    phone: r.phone, hours, simPickup: r.sim_pickup, maps: mapLinks(lat, lon, `${r.name}, ${r.address}`),
  };
}

const summary = (d: DocumentRow): LegalDocumentSummary => ({ code: d.code, version: d.version, title: d.title, effectiveFrom: d.effective_from.toISOString() });

/**
 * Offices and pick-up points, legal documents with their versions, help videos, the "About" facts and
 * the onboarding guide's state. Offices, documents and videos are reference data (public, not owned).
 */
export class HelpService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly about: { name: string; version: string; support: AboutView['support'] },
  ) {}

  // ——— offices ———

  async offices(q: { city?: string; kind?: OfficeKind; simPickup?: boolean }): Promise<{ items: OfficeView[] }> {
    const where = ['active'];
    const args: unknown[] = [];
    if (q.city) where.push(`city = $${args.push(q.city.trim())}`);
    if (q.kind) where.push(`kind = $${args.push(q.kind)}`);
    if (q.simPickup !== undefined) where.push(`sim_pickup = $${args.push(q.simPickup)}`);
    const rows: OfficeRow[] = await this.ds.query(`SELECT * FROM offices WHERE ${where.join(' AND ')} ORDER BY city, position, name, id`, args);
    return { items: rows.map(toOfficeView) };
  }

  async office(id: string): Promise<OfficeView> {
    const [row]: OfficeRow[] = await this.ds.query('SELECT * FROM offices WHERE id = $1 AND active', [id]);
    if (!row) throw AppError.notFound('The office');
    return toOfficeView(row);
  }

  /** For SIM orders: the pick-up point, or 400 naming `pickupOfficeId` when it is not one. */
  async pickupPoint(id: string): Promise<OfficeView> {
    const [row]: OfficeRow[] = await this.ds.query('SELECT * FROM offices WHERE id = $1 AND active', [id]);
    if (!row) throw AppError.validation([{ field: 'pickupOfficeId', code: 'office_not_found', message: 'No such office: choose one from GET /offices?simPickup=true' }]);
    if (!row.sim_pickup) throw new AppError('office_not_for_pickup', 400, 'SIM cards are not handed out at this office: choose one from GET /offices?simPickup=true.');
    return toOfficeView(row);
  }

  // ——— documents ———

  /** The version in force of each document: the latest whose date has come. */
  async documents(): Promise<LegalDocumentSummary[]> {
    const rows: DocumentRow[] = await this.ds.query(
      `SELECT DISTINCT ON (code) code, version, title, effective_from FROM legal_documents WHERE effective_from <= $1 ORDER BY code, effective_from DESC, version DESC`,
      [this.clock.now()],
    );
    const order = ['terms', 'privacy'];
    const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
    return rows.map(summary).sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
  }

  async document(code: string): Promise<LegalDocumentHistory> {
    const rows: DocumentRow[] = await this.ds.query(
      'SELECT code, version, title, body, effective_from FROM legal_documents WHERE code = $1 AND effective_from <= $2 ORDER BY effective_from DESC, version DESC',
      [code, this.clock.now()],
    );
    if (!rows.length) throw AppError.notFound('The document');
    return { ...summary(rows[0]), body: rows[0].body as string, versions: rows.map(summary) };
  }

  /** The exact text a consent names (older versions stay readable). */
  async documentVersion(code: string, version: string): Promise<LegalDocumentView> {
    const [row]: DocumentRow[] = await this.ds.query('SELECT code, version, title, body, effective_from FROM legal_documents WHERE code = $1 AND version = $2', [code, version]);
    if (!row || row.effective_from > this.clock.now()) throw AppError.notFound('The document version');
    return { ...summary(row), body: row.body as string };
  }

  // ——— help videos and about ———

  async videos(section?: HelpSection): Promise<{ items: HelpVideoView[] }> {
    const rows: { id: string; section: HelpSection; title: string; url: string; duration_seconds: number }[] = await this.ds.query(
      `SELECT id, section, title, url, duration_seconds FROM help_videos ${section ? 'WHERE section = $1' : ''} ORDER BY section, position, id`,
      section ? [section] : [],
    );
    return { items: rows.map((r) => ({ id: r.id, section: r.section, title: r.title, url: r.url, durationSeconds: r.duration_seconds })) };
  }

  async aboutView(): Promise<AboutView> {
    return { name: this.about.name, version: this.about.version, documents: await this.documents(), support: this.about.support };
  }

  // ——— the onboarding guide ———

  async guide(customerId: string): Promise<GuideStateView> {
    const [row]: { dismissed: string[]; dismissed_all_at: Date | null }[] = await this.ds.query('SELECT dismissed, dismissed_all_at FROM guide_states WHERE customer_id = $1', [customerId]);
    return toGuideView(row);
  }

  /** Dismisses one tip, or the whole guide; dismissing twice changes nothing. */
  async dismiss(customerId: string, input: DismissGuideRequest): Promise<GuideStateView> {
    if (input.all && input.tip) throw AppError.validation([{ field: 'tip', code: 'whitelist', message: 'send either tip or all: true, not both' }]);
    if (!input.all && !input.tip) throw AppError.validation([{ field: 'tip', code: 'isDefined', message: 'name the tip to dismiss, or send all: true' }]);
    const now = this.clock.now();
    const [row] = await this.ds.query(
      `INSERT INTO guide_states (customer_id, dismissed, dismissed_all_at, updated_at) VALUES ($1, $2::text[], $3, $4)
       ON CONFLICT (customer_id) DO UPDATE SET
         dismissed = (SELECT coalesce(array_agg(DISTINCT t ORDER BY t), '{}') FROM unnest(guide_states.dismissed || EXCLUDED.dismissed) t),
         dismissed_all_at = coalesce(guide_states.dismissed_all_at, EXCLUDED.dismissed_all_at),
         updated_at = EXCLUDED.updated_at
       RETURNING dismissed, dismissed_all_at`,
      [customerId, input.tip ? [input.tip] : [], input.all ? now : null, now],
    );
    return toGuideView(row);
  }

  /** "Show the tips again" (from the help page). */
  async resetGuide(customerId: string): Promise<GuideStateView> {
    await this.ds.query('DELETE FROM guide_states WHERE customer_id = $1', [customerId]);
    return toGuideView(undefined);
  }
}

function toGuideView(row: { dismissed: string[]; dismissed_all_at: Date | null } | undefined): GuideStateView {
  const dismissed = GuideTips.filter((t) => row?.dismissed.includes(t));
  const all = row?.dismissed_all_at ?? null;
  return { pending: all ? [] : GuideTips.filter((t: GuideTip) => !dismissed.includes(t)), dismissed, dismissedAllAt: all?.toISOString() ?? null };
}
