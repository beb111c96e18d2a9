/** News and promotions (issue 8). Public: GET /news, GET /news/:slug; customers join promotions. */
export const NewsKinds = ['news', 'promotion'] as const;
export type NewsKind = (typeof NewsKinds)[number];

/** Where an item stands for staff: a draft (no date), scheduled (a date ahead), published, archived. */
export type NewsState = 'draft' | 'scheduled' | 'published' | 'archived';

export interface NewsItemView {
  id: string;
  kind: NewsKind;
  slug: string;
  title: string;
  summary: string;
  /** Plain text; paragraphs separated by blank lines. */
  body: string;
  /** The picture (`GET /news/:slug/image`), or null. */
  imageUrl: string | null;
  imageAlt: string | null;
  publishedAt: string;
  /** Promotions: the period one may join in (null: open-ended). */
  startsAt: string | null;
  endsAt: string | null;
}

/** A promotion as the signed-in customer sees it: whether they joined, and when. */
export interface PromotionView extends NewsItemView {
  joinedAt: string | null;
  /** Joinable now (published, not archived, within its period). */
  open: boolean;
}

export interface StaffNewsItemView extends NewsItemView {
  state: NewsState;
  /** Null while a draft. */
  publishedAt: string;
  scheduledAt: string | null;
  archivedAt: string | null;
  participants: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewsImageInput {
  /** `image/png`, `image/jpeg` or `image/webp` (checked against the file's bytes). */
  contentType: string;
  /** The file, base64. Up to 1 MB decoded. */
  data: string;
  alt: string;
}

export interface NewsInput {
  kind: NewsKind;
  slug: string;
  title: string;
  summary: string;
  body: string;
  /** When it becomes visible (ISO-8601; in the future: scheduled). Absent: a draft. */
  publishedAt?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  image?: NewsImageInput | null;
}

export type NewsPatch = Partial<Omit<NewsInput, 'kind'>>;

export interface PromotionJoinResponse {
  promotionId: string;
  joinedAt: string;
  /** False when the customer had joined before (the first date stands). */
  created: boolean;
}

export const NewsLimits = {
  imageMaxBytes: 1024 * 1024,
  titleMaxLength: 200,
  summaryMaxLength: 500,
  bodyMaxLength: 20_000,
} as const;

/** Newsletter: double opt-in by e-mail, one-click unsubscribe (RFC 8058). */
export interface NewsletterSubscribeRequest {
  email: string;
}

export interface NewsletterConfirmRequest {
  token: string;
}

export interface NewsletterStatusResponse {
  email: string;
  status: 'pending' | 'confirmed' | 'unsubscribed';
}

export interface NewsletterSendResponse {
  /** E-mails queued (one per confirmed subscriber). */
  queued: number;
}
