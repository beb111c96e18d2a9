import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { SUPPORT_TOKEN_HEADER, SupportLimits } from '@cabinet/shared-types';
import { pageLimit } from '../../platform/pagination';
import type { RateCounter } from '../../platform/rate-limit';
import { requestMeta } from '../../platform/request-meta';
import { route, type AuthContext, type RouteSpec } from '../../platform/routes';
import { ADMIN_TAG, STAFF_TAG } from '../../platform/staff';
import {
  CloseChatDto,
  FaqAdminCategoryDto,
  FaqAdminListDto,
  FaqAdminQuestionDto,
  FaqCategoryBodyDto,
  FaqCategoryPatchDto,
  FaqListDto,
  FaqQuestionBodyDto,
  FaqQuestionIdParams,
  FaqQuestionPatchDto,
  FaqSearchListDto,
  FaqSearchQuery,
  FaqVisitorVoteDto,
  FaqVoteDto,
  FaqVoteViewDto,
  OpenChatDto,
  OpenVisitorChatDto,
  OperatorTopicsDto,
  SendMessageDto,
  SupportAttachmentDto,
  SupportAttachmentParams,
  SupportChatDetailDto,
  SupportChatDto,
  SupportChatIdParams,
  SupportMessageDto,
  SupportOperatorDto,
  SupportOperatorListDto,
  SupportQueueItemDto,
  SupportQueueQueryDto,
  SupportStaffChatDto,
  SupportStreamQuery,
  UploadAttachmentDto,
  VisitorChatDto,
} from './dto';
import type { FaqService } from './faq';
import type { Party, SupportService } from './service';
import { resumePoint, streamChat, type StreamOptions } from './stream';

const TAG = 'Support';
const FAQ_TAG = 'FAQ';
const STREAM_NOTE =
  'Server-Sent Events (`text/event-stream`): every event of the chat after `Last-Event-ID` (header, or `?lastEventId=`), then each new one live ' +
  '(`event: message | taken | closed | rated`, `id:` the event’s `seq`, `data:` the message as JSON). The server ends the stream after a while; ' +
  'reconnect with the last id seen — nothing is lost or repeated. Works across API nodes (PostgreSQL LISTEN/NOTIFY).';
const UPLOAD_NOTE =
  'The file as base64 in JSON, at most 5 MB decoded. Its type is read from its first bytes (PNG, JPEG, GIF, WebP, PDF; else 415 `attachment_type_not_allowed`; ' +
  'too big: 413 `attachment_too_large`). Send its `id` as `attachmentId` of the next message.';
const VISITOR_NOTE = `Send the token from POST /support/visitor/chats as the \`${SUPPORT_TOKEN_HEADER}\` header; without it, or with another, 404.`;

/** The file itself, with its stored type and name (the type was read from its bytes at upload). */
function sendFile(res: Response, file: { fileName: string; contentType: string; content: Buffer }): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.content.length));
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.setHeader('Content-Disposition', `${file.contentType === 'application/pdf' ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  res.status(200).end(file.content);
}

const visitor = (req: Request): Party => ({ kind: 'visitor', token: req.get(SUPPORT_TOKEN_HEADER) });
const customer = (auth: AuthContext): Party => ({ kind: 'customer', customerId: auth.customerId });
const staff = (auth: AuthContext): Party => ({ kind: 'staff', auth });

export function supportRoutes(support: SupportService, faq: FaqService, rate: RateCounter, stream: StreamOptions): RouteSpec[] {
  // Per signed-in session (staff behind one office address must not share a budget), else per address.
  const caller = (req: Request) => {
    const bearer = req.get('authorization');
    return bearer ? `s:${createHash('sha256').update(bearer).digest('base64url').slice(0, 22)}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
  };
  const limit = (name: string) => [rate.middleware({ name, limit: SupportLimits.messagesPerMinute, windowMs: 60_000, key: caller })];
  const live = (party: (ctx: { req: Request; auth: AuthContext }) => Party) =>
    async ({ req, res, auth, params, query }: { req: Request; res: Response; auth: AuthContext; params: SupportChatIdParams; query: SupportStreamQuery }) => {
      const who = party({ req, auth });
      const chatId = await support.assertReadable(who, params.id);
      const from = resumePoint(req, query);
      await streamChat(req, res, { ...stream, bus: support.bus, chatId, from, read: (after) => support.eventsAfter(chatId, after) });
    };

  /** The same chat routes for a customer (`/support/chats`), a visitor (`/support/visitor/chats`, by token) and staff. */
  const chatRoutes = (base: string, auth: 'customer' | 'public' | 'staff', party: (ctx: { req: Request; auth: AuthContext }) => Party, tags: string[], note = ''): RouteSpec[] => [
    route<unknown, unknown, SupportChatIdParams>({
      method: 'get',
      path: `${base}/:id`,
      summary: `One chat with its messages${auth === 'staff' ? ' (staff, within the queue rules)' : ''}`,
      description: note || undefined,
      tags,
      auth,
      params: SupportChatIdParams,
      response: auth === 'staff' ? SupportStaffChatDto : SupportChatDetailDto,
      errors: [404],
      handler: ({ req, auth: a, params }) => support.get(party({ req, auth: a }), params.id),
    }),
    route<SendMessageDto, unknown, SupportChatIdParams>({
      method: 'post',
      path: `${base}/:id/messages`,
      idempotent: true,
      summary: auth === 'staff' ? 'Reply in a chat (staff): takes a waiting chat; the customer gets it live and by SMS' : 'Write in a chat: text and/or an uploaded file',
      description: `${note} ${SupportLimits.messagesPerMinute} a minute per session (visitors: per address; 429 after). A closed chat answers 409 \`chat_closed\`.`.trim(),
      tags,
      auth,
      params: SupportChatIdParams,
      body: SendMessageDto,
      status: 201,
      response: SupportMessageDto,
      middleware: limit(`support-messages-${auth}`),
      errors: [404, 409],
      handler: ({ req, auth: a, params, body }) => support.send(party({ req, auth: a }), params.id, body),
    }),
    route<UploadAttachmentDto, unknown, SupportChatIdParams>({
      method: 'post',
      path: `${base}/:id/attachments`,
      idempotent: true,
      summary: 'Upload a file for the next message (images and PDF up to 5 MB)',
      description: `${note} ${UPLOAD_NOTE}`.trim(),
      tags,
      auth,
      params: SupportChatIdParams,
      body: UploadAttachmentDto,
      status: 201,
      response: SupportAttachmentDto,
      middleware: limit(`support-uploads-${auth}`),
      errors: [404, 409, 413, 415],
      handler: ({ req, auth: a, params, body }) => support.upload(party({ req, auth: a }), params.id, body),
    }),
    route<unknown, unknown, SupportAttachmentParams>({
      method: 'get',
      path: `${base}/:id/attachments/:attachmentId`,
      summary: 'An attached file',
      description: note || undefined,
      tags,
      auth,
      params: SupportAttachmentParams,
      produces: 'application/octet-stream',
      errors: [404],
      handler: async ({ req, res, auth: a, params }) => sendFile(res, await support.attachment(party({ req, auth: a }), params.id, params.attachmentId)),
    }),
    route<unknown, SupportStreamQuery, SupportChatIdParams>({
      method: 'get',
      path: `${base}/:id/events`,
      summary: 'The chat live (Server-Sent Events), resumable with Last-Event-ID',
      description: `${note} ${STREAM_NOTE}`.trim(),
      tags,
      auth,
      params: SupportChatIdParams,
      query: SupportStreamQuery,
      produces: 'text/event-stream',
      errors: [404],
      handler: live(party),
    }),
  ];

  return [
    // ---- a customer ----
    route<OpenChatDto>({
      method: 'post',
      path: '/support/chats',
      idempotent: true,
      summary: 'Open a chat with support: a topic (general, connection, financial, technical) and the first message',
      tags: [TAG],
      auth: 'customer',
      body: OpenChatDto,
      status: 201,
      response: SupportChatDetailDto,
      middleware: limit('support-open-customer'),
      handler: ({ auth, body }) => support.openForCustomer(auth.customerId, body),
    }),
    route<unknown, SupportQueueQueryDto>({
      method: 'get',
      path: '/support/chats',
      summary: 'My chats with support, newest first',
      tags: [TAG],
      auth: 'customer',
      query: SupportQueueQueryDto,
      page: SupportChatDto,
      handler: ({ auth, query }) => support.listForCustomer(auth.customerId, { limit: pageLimit(query), cursor: query.cursor }),
    }),
    ...chatRoutes('/support/chats', 'customer', ({ auth }) => customer(auth), [TAG]),
    route<CloseChatDto, unknown, SupportChatIdParams>({
      method: 'post',
      path: '/support/chats/:id/close',
      summary: 'Close the chat with a rating 1–5 (or rate one the operator closed; once)',
      tags: [TAG],
      auth: 'customer',
      params: SupportChatIdParams,
      body: CloseChatDto,
      response: SupportChatDetailDto,
      errors: [404, 409],
      handler: ({ auth, params, body }) => support.closeByRequester({ kind: 'customer', customerId: auth.customerId }, params.id, body),
    }),

    // ---- a visitor of the public site ----
    route<OpenVisitorChatDto>({
      method: 'post',
      path: '/support/visitor/chats',
      idempotent: true,
      summary: 'Open a chat from the public site (no sign-in): name, phone, topic, first message',
      description:
        `Answers 201 with the chat and a token: send it as \`${SUPPORT_TOKEN_HEADER}\` on every later call of this chat. ` +
        `The first chat from an address in an hour needs no captcha; later ones answer 428 \`captcha_required\` with a picture. ${SupportLimits.visitorChatsPerMinute} a minute per address.`,
      tags: [TAG],
      auth: 'public',
      body: OpenVisitorChatDto,
      status: 201,
      response: VisitorChatDto,
      middleware: [rate.middleware({ name: 'support-visitor-open', limit: SupportLimits.visitorChatsPerMinute, windowMs: 60_000 })],
      errors: [428],
      handler: ({ req, body }) => support.openForVisitor(body, requestMeta(req).ip),
    }),
    ...chatRoutes('/support/visitor/chats', 'public', ({ req }) => visitor(req), [TAG], VISITOR_NOTE),
    route<CloseChatDto, unknown, SupportChatIdParams>({
      method: 'post',
      path: '/support/visitor/chats/:id/close',
      summary: 'A visitor closes the chat with a rating 1–5',
      description: VISITOR_NOTE,
      tags: [TAG],
      auth: 'public',
      params: SupportChatIdParams,
      body: CloseChatDto,
      response: SupportChatDetailDto,
      errors: [404, 409],
      handler: ({ req, params, body }) => support.closeByRequester({ kind: 'visitor', token: req.get(SUPPORT_TOKEN_HEADER) }, params.id, body),
    }),

    // ---- operators ----
    route<unknown, SupportQueueQueryDto>({
      method: 'get',
      path: '/backoffice/support/chats',
      summary: 'The support queue (staff): chats of my topics by age, oldest first; filter by topic and status',
      description: 'An operator sees the chats of the topics an admin gave them (none: an empty queue); an admin sees every chat.',
      tags: [STAFF_TAG],
      auth: 'staff',
      query: SupportQueueQueryDto,
      page: SupportQueueItemDto,
      handler: ({ auth, query }) => support.queue(auth, { ...query, limit: pageLimit(query) }),
    }),
    ...chatRoutes('/backoffice/support/chats', 'staff', ({ auth }) => staff(auth), [STAFF_TAG]),
    route<unknown, unknown, SupportChatIdParams>({
      method: 'post',
      path: '/backoffice/support/chats/:id/take',
      summary: 'Take a waiting chat (staff); an admin may take one over',
      tags: [STAFF_TAG],
      auth: 'staff',
      params: SupportChatIdParams,
      response: SupportStaffChatDto,
      errors: [404, 409],
      handler: ({ auth, params }) => support.take(auth, params.id),
    }),
    route<unknown, unknown, SupportChatIdParams>({
      method: 'post',
      path: '/backoffice/support/chats/:id/close',
      summary: 'Close a chat (staff); the customer may still rate it',
      tags: [STAFF_TAG],
      auth: 'staff',
      params: SupportChatIdParams,
      response: SupportStaffChatDto,
      errors: [404, 409],
      handler: ({ auth, params }) => support.closeByStaff(auth, params.id),
    }),
    route({
      method: 'get',
      path: '/backoffice/support/operators',
      summary: 'Operators and admins with the topics of their queue (staff)',
      tags: [STAFF_TAG],
      auth: 'staff',
      response: SupportOperatorListDto,
      handler: async () => ({ items: await support.operators() }),
    }),
    route<OperatorTopicsDto, unknown, SupportChatIdParams>({
      method: 'put',
      path: '/backoffice/support/operators/:id/topics',
      summary: 'Set the topics an operator sees (admin): the queue rules',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: SupportChatIdParams,
      body: OperatorTopicsDto,
      response: SupportOperatorDto,
      errors: [403, 404],
      handler: ({ auth, params, body }) => support.setOperatorTopics(auth, params.id, body.topics),
    }),

    // ---- FAQ ----
    route({
      method: 'get',
      path: '/faq',
      summary: 'The FAQ (public): categories with their questions and answers',
      tags: [FAQ_TAG],
      auth: 'public',
      response: FaqListDto,
      handler: async () => ({ items: await faq.list() }),
    }),
    route<unknown, FaqSearchQuery>({
      method: 'get',
      path: '/faq/search',
      summary: 'Search the FAQ (public), Russian full-text: «пароля» finds «пароль»',
      tags: [FAQ_TAG],
      auth: 'public',
      query: FaqSearchQuery,
      response: FaqSearchListDto,
      handler: async ({ query }) => ({ items: await faq.search(query.q, query.limit ?? 10) }),
    }),
    route<FaqVisitorVoteDto, unknown, FaqQuestionIdParams>({
      method: 'post',
      path: '/faq/questions/:id/votes',
      summary: '“Was this helpful?” from a visitor (public): one vote per visitor id, a second one changes it',
      tags: [FAQ_TAG],
      auth: 'public',
      params: FaqQuestionIdParams,
      body: FaqVisitorVoteDto,
      response: FaqVoteViewDto,
      middleware: [rate.middleware({ name: 'faq-votes', limit: 60, windowMs: 60_000 })],
      errors: [404],
      handler: ({ params, body }) => faq.vote(params.id, { visitorId: body.visitorId }, body.helpful),
    }),
    route<FaqVoteDto, unknown, FaqQuestionIdParams>({
      method: 'post',
      path: '/support/faq/questions/:id/votes',
      summary: '“Was this helpful?” from a signed-in customer: one vote per customer',
      tags: [FAQ_TAG],
      auth: 'customer',
      params: FaqQuestionIdParams,
      body: FaqVoteDto,
      response: FaqVoteViewDto,
      errors: [404],
      handler: ({ auth, params, body }) => faq.vote(params.id, { customerId: auth.customerId }, body.helpful),
    }),
    route({
      method: 'get',
      path: '/backoffice/faq',
      summary: 'The FAQ with unpublished questions (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      response: FaqAdminListDto,
      errors: [403],
      handler: async ({ auth }) => ({ items: await faq.adminList(auth) }),
    }),
    route<FaqCategoryBodyDto>({
      method: 'post',
      path: '/backoffice/faq/categories',
      idempotent: true,
      summary: 'Add a FAQ category (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      body: FaqCategoryBodyDto,
      status: 201,
      response: FaqAdminCategoryDto,
      errors: [403, 409],
      handler: ({ auth, body }) => faq.createCategory(auth, body),
    }),
    route<FaqCategoryPatchDto, unknown, FaqQuestionIdParams>({
      method: 'patch',
      path: '/backoffice/faq/categories/:id',
      summary: 'Change a FAQ category (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: FaqQuestionIdParams,
      body: FaqCategoryPatchDto,
      response: FaqAdminCategoryDto,
      errors: [403, 404, 409],
      handler: ({ auth, params, body }) => faq.updateCategory(auth, params.id, body),
    }),
    route<unknown, unknown, FaqQuestionIdParams>({
      method: 'delete',
      path: '/backoffice/faq/categories/:id',
      summary: 'Remove an empty FAQ category (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: FaqQuestionIdParams,
      status: 204,
      errors: [403, 404, 409],
      handler: ({ auth, params }) => faq.deleteCategory(auth, params.id),
    }),
    route<FaqQuestionBodyDto>({
      method: 'post',
      path: '/backoffice/faq/questions',
      idempotent: true,
      summary: 'Add a FAQ question with its answer (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      body: FaqQuestionBodyDto,
      status: 201,
      response: FaqAdminQuestionDto,
      errors: [403],
      handler: ({ auth, body }) => faq.createQuestion(auth, body),
    }),
    route<FaqQuestionPatchDto, unknown, FaqQuestionIdParams>({
      method: 'patch',
      path: '/backoffice/faq/questions/:id',
      summary: 'Change a FAQ question: text, answer, category, order, published (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: FaqQuestionIdParams,
      body: FaqQuestionPatchDto,
      response: FaqAdminQuestionDto,
      errors: [403, 404],
      handler: ({ auth, params, body }) => faq.updateQuestion(auth, params.id, body),
    }),
    route<unknown, unknown, FaqQuestionIdParams>({
      method: 'delete',
      path: '/backoffice/faq/questions/:id',
      summary: 'Remove a FAQ question (admin)',
      tags: [ADMIN_TAG],
      auth: 'staff',
      params: FaqQuestionIdParams,
      status: 204,
      errors: [403, 404],
      handler: ({ auth, params }) => faq.deleteQuestion(auth, params.id),
    }),
  ];
}

