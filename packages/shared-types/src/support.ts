import type { CaptchaAnswer } from './auth';

/**
 * Support (issue 8): chats with an operator (from the cabinet, or by a visitor of the public site with a
 * name and phone), live over Server-Sent Events, attachments, a rating at the end; and the FAQ.
 */
export const SupportTopics = ['general', 'connection', 'financial', 'technical'] as const;
export type SupportTopic = (typeof SupportTopics)[number];

/** `waiting`: nobody has taken it yet; `active`: an operator took it; `closed` is final. */
export const SupportChatStatuses = ['waiting', 'active', 'closed'] as const;
export type SupportChatStatus = (typeof SupportChatStatuses)[number];

/** Who wrote a message; `system` marks events (taken, closed). */
export const SupportAuthors = ['customer', 'visitor', 'operator', 'system'] as const;
export type SupportAuthor = (typeof SupportAuthors)[number];

/** What an event of a chat is: a message, an operator taking it, the chat closed (and rated). */
export const SupportEventKinds = ['message', 'taken', 'closed', 'rated'] as const;
export type SupportEventKind = (typeof SupportEventKinds)[number];

export const AttachmentTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof AttachmentTypes)[number];

export const SupportLimits = {
  messageMaxLength: 4000,
  /** An attachment: images and PDF up to 5 MB, the type read from the file's first bytes. */
  attachmentMaxBytes: 5 * 1024 * 1024,
  /** The JSON body of an upload: the file as base64 (4/3 of it) plus its name. */
  attachmentBodyMaxBytes: 7 * 1024 * 1024 + 4096,
  fileNameMaxLength: 200,
  nameMaxLength: 100,
  commentMaxLength: 1000,
  /** Messages one caller may send per minute. */
  messagesPerMinute: 30,
  /** Visitor chats one address may open per minute (and the captcha after the first in an hour). */
  visitorChatsPerMinute: 5,
  searchMaxLength: 200,
} as const;

/** The header a visitor's chat is read and written with (the token came with POST /support/visitor/chats). */
export const SUPPORT_TOKEN_HEADER = 'X-Support-Token';

export interface SupportAttachmentView {
  id: string;
  fileName: string;
  contentType: AttachmentType;
  size: number;
}

/** One event of a chat; `seq` is its Server-Sent Events id (`Last-Event-ID`), increasing. */
export interface SupportMessageView {
  id: string;
  seq: string;
  kind: SupportEventKind;
  author: SupportAuthor;
  /** The operator's first name, the customer's name, or the visitor's. */
  authorName: string | null;
  text: string | null;
  attachment: SupportAttachmentView | null;
  createdAt: string;
}

export interface SupportChatView {
  id: string;
  /** What people say: `S-100001`. */
  number: string;
  topic: SupportTopic;
  status: SupportChatStatus;
  /** The operator who took it (first name only, for the customer). */
  operatorName: string | null;
  rating: number | null;
  createdAt: string;
  lastMessageAt: string;
  closedAt: string | null;
}

export interface SupportChatDetailView extends SupportChatView {
  messages: SupportMessageView[];
}

/** The staff's view of a chat in the queue. */
export interface SupportQueueItemView extends SupportChatView {
  /** Who asks: the customer's name or the visitor's. */
  requesterName: string;
  requesterPhone: string | null;
  /** A signed-in customer (null: a visitor of the public site). */
  customerId: string | null;
  operatorId: string | null;
  /** The newest message, shortened. */
  preview: string | null;
  /** Seconds since the chat was opened. */
  waitingSeconds: number;
}

export interface SupportStaffChatView extends SupportQueueItemView {
  messages: SupportMessageView[];
}

/** POST /support/chats */
export interface OpenChatRequest {
  topic: SupportTopic;
  text: string;
}

/** POST /support/visitor/chats — the public site asks for a name and phone. */
export interface OpenVisitorChatRequest extends OpenChatRequest {
  name: string;
  phone: string;
  captcha?: CaptchaAnswer;
}

export interface VisitorChatView {
  chat: SupportChatDetailView;
  /** Send it as `X-Support-Token` on every later call of this chat; shown once. */
  token: string;
}

/** POST …/messages: text, an uploaded attachment, or both. */
export interface SendMessageRequest {
  text?: string;
  attachmentId?: string;
}

/** POST …/attachments — the file as base64 in JSON (≤ 5 MB decoded). */
export interface UploadAttachmentRequest {
  fileName: string;
  contentBase64: string;
}

/** POST /support/chats/:id/close — the customer ends the chat with a rating (or rates one the operator closed). */
export interface CloseChatRequest {
  rating: number;
  comment?: string;
}

export interface SupportQueueQuery {
  topic?: SupportTopic;
  /** `open` (default: waiting and active), `waiting`, `active`, `mine`, `closed`. */
  status?: 'open' | 'waiting' | 'active' | 'mine' | 'closed';
  limit?: number;
  cursor?: string;
}

export interface SupportOperatorView {
  id: string;
  name: string;
  phone: string;
  role: 'operator' | 'admin';
  topics: SupportTopic[];
}

/** PUT /backoffice/support/operators/:id/topics */
export interface OperatorTopicsRequest {
  topics: SupportTopic[];
}

// ---- FAQ ----

export interface FaqQuestionView {
  id: string;
  categoryId: string;
  question: string;
  answer: string;
  helpfulYes: number;
  helpfulNo: number;
}

export interface FaqCategoryView {
  id: string;
  slug: string;
  title: string;
  position: number;
  questions: FaqQuestionView[];
}

export interface FaqSearchResult extends FaqQuestionView {
  categoryTitle: string;
  /** The answer's matching part with the found words in «…». */
  snippet: string;
}

/** POST /faq/questions/:id/votes (a visitor: `visitorId` the browser keeps) and /support/faq/questions/:id/votes. */
export interface FaqVoteRequest {
  helpful: boolean;
  visitorId?: string;
}

export interface FaqVoteView {
  questionId: string;
  helpful: boolean;
  helpfulYes: number;
  helpfulNo: number;
}

export interface FaqCategoryRequest {
  slug: string;
  title: string;
  position?: number;
}

export interface FaqQuestionRequest {
  categoryId: string;
  question: string;
  answer: string;
  position?: number;
  published?: boolean;
}

export interface FaqAdminQuestionView extends FaqQuestionView {
  position: number;
  published: boolean;
  updatedAt: string;
}

export interface FaqAdminCategoryView extends Omit<FaqCategoryView, 'questions'> {
  questions: FaqAdminQuestionView[];
}
