import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ApplicationLimits,
  SupportLimits,
  SupportTopics,
  type AttachmentType,
  type CaptchaAnswer,
  type Page,
  type SupportAttachmentView,
  type SupportAuthor,
  type SupportChatDetailView,
  type SupportChatStatus,
  type SupportChatView,
  type SupportEventKind,
  type SupportMessageView,
  type SupportOperatorView,
  type SupportQueueItemView,
  type SupportQueueQuery,
  type SupportStaffChatView,
  type SupportTopic,
  type VisitorChatView,
} from '@cabinet/shared-types';
import type { AuditService } from '../audit';
import type { CaptchaProvider } from '../auth';
import type { NotificationsService } from '../notifications';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { checkedKeyset } from '../../platform/keyset';
import { decodeCursor, toPage } from '../../platform/pagination';
import { normalizePhone } from '../../platform/phone';
import type { RateCounter } from '../../platform/rate-limit';
import type { AuthContext } from '../../platform/routes';
import { assertAdmin } from '../../platform/staff';
import { SupportBus } from './bus';
import { AttachmentStore, cleanFileName, decodeUpload, sniffType } from './files';

const HOUR_MS = 3_600_000;
/** An operator's reply is announced by SMS unless another one was, in this chat, this recently. */
const REPLY_NOTICE_QUIET_MS = 10 * 60_000;

/** Who acts on a chat: its customer, its visitor (by token), or staff. */
export type Party =
  | { kind: 'customer'; customerId: string }
  | { kind: 'visitor'; token: string | undefined }
  | { kind: 'staff'; auth: AuthContext };

interface ChatRow {
  id: string;
  number: string;
  customer_id: string | null;
  visitor_name: string | null;
  visitor_phone: string | null;
  topic: SupportTopic;
  status: SupportChatStatus;
  operator_id: string | null;
  operator_name: string | null;
  customer_name: string | null;
  customer_phone: string | null;
  rating: number | null;
  created_at: Date;
  closed_at: Date | null;
  last_message_at: Date;
  preview?: string | null;
}

interface MessageRow {
  seq: string;
  id: string;
  kind: SupportEventKind;
  author: SupportAuthor;
  author_name: string | null;
  body: string | null;
  created_at: Date;
  a_id: string | null;
  a_name: string | null;
  a_type: AttachmentType | null;
  a_size: number | null;
}

const SELECT_CHAT = `
  SELECT c.id, c.number, c.customer_id, c.visitor_name, c.visitor_phone, c.topic, c.status, c.operator_id, c.rating,
         c.created_at, c.closed_at, c.last_message_at,
         o.name AS operator_name, cu.name || ' ' || cu.surname AS customer_name, cu.phone AS customer_phone
    FROM support_chats c
    LEFT JOIN customers o ON o.id = c.operator_id
    LEFT JOIN customers cu ON cu.id = c.customer_id`;

const SELECT_MESSAGES = `
  SELECT m.seq::text AS seq, m.id, m.kind, m.author, m.author_name, m.body, m.created_at,
         a.id AS a_id, a.file_name AS a_name, a.content_type AS a_type, a.size AS a_size
    FROM support_messages m LEFT JOIN support_attachments a ON a.id = m.attachment_id`;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Support chats. A customer's chat is found by `customer_id` (the same 404 for "not yours"); a visitor's by
 * the hash of the token it was opened with; staff by their queue rules (topics an operator was given;
 * an admin sees every chat). Every change writes an event row and announces it (SupportBus).
 */
export class SupportService {
  readonly files: AttachmentStore;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: {
      bus: SupportBus;
      dataDir: string;
      notifications: NotificationsService;
      audit: AuditService;
      rate: RateCounter;
      captcha: CaptchaProvider;
    },
  ) {
    this.files = new AttachmentStore(deps.dataDir);
  }

  get bus(): SupportBus {
    return this.deps.bus;
  }

  // ---- opening ----

  async openForCustomer(customerId: string, input: { topic: SupportTopic; text: string }): Promise<SupportChatDetailView> {
    const text = this.text(input.text);
    const id = await this.ds.transaction(async (em) => {
      const [me]: { name: string }[] = await em.query('SELECT name FROM customers WHERE id = $1', [customerId]);
      return this.create(em, { customer_id: customerId, topic: input.topic, ip: null }, 'customer', customerId, me?.name ?? null, text);
    });
    return this.detail(await this.chatRow(this.ds.manager, id), this.ds.manager);
  }

  /** A visitor of the public site: name and phone; the captcha after the first chat of an address in an hour. */
  async openForVisitor(
    input: { topic: SupportTopic; text: string; name: string; phone: string; captcha?: CaptchaAnswer },
    ip: string | null,
  ): Promise<VisitorChatView> {
    const phone = normalizePhone(input.phone);
    if (!phone) throw AppError.validation([{ field: 'phone', code: 'isPhone', message: 'phone must be a Russian mobile number, e.g. 8 921 000-00-00' }]);
    const name = input.name.trim();
    if (!name) throw AppError.validation([{ field: 'name', code: 'isNotEmpty', message: 'name should not be empty' }]);
    const text = this.text(input.text);
    await this.captchaGate(input.captcha, ip);
    const token = randomBytes(32).toString('base64url');
    const id = await this.ds.transaction((em) =>
      this.create(em, { customer_id: null, visitor_name: name, visitor_phone: phone, visitor_token_hash: hashToken(token), topic: input.topic, ip }, 'visitor', null, name, text),
    );
    return { chat: await this.detail(await this.chatRow(this.ds.manager, id), this.ds.manager), token };
  }

  private async create(em: EntityManager, cols: Record<string, unknown>, author: SupportAuthor, authorId: string | null, authorName: string | null, text: string): Promise<string> {
    const now = this.clock.now();
    const [{ n }] = await em.query(`SELECT nextval('support_chat_number_seq')::text AS n`);
    const all = { ...cols, number: `S-${n}`, status: 'waiting', created_at: now, last_message_at: now };
    const names = Object.keys(all);
    const [row]: { id: string }[] = await em.query(
      `INSERT INTO support_chats (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(all),
    );
    await this.event(em, row.id, cols.customer_id as string | null, { kind: 'message', author, authorId, authorName, body: text });
    return row.id;
  }

  private async captchaGate(captcha: CaptchaAnswer | undefined, ip: string | null): Promise<void> {
    const free = await this.deps.rate.hit(`support-visitor-free:${ip ?? 'unknown'}`, HOUR_MS);
    if (free.hits <= ApplicationLimits.freePerIpPerHour) return;
    const outcome = await this.ds.transaction(async (em) => {
      if (!captcha) return new AppError('captcha_required', 428, 'Enter the characters from the picture.', { captcha: await this.deps.captcha.issue(em) });
      if (await this.deps.captcha.verify(em, captcha.id, captcha.answer)) return null;
      return new AppError('captcha_invalid', 428, 'The characters from the picture do not match; try the new picture.', {
        captcha: await this.deps.captcha.issue(em),
        errors: [{ field: 'captcha.answer', code: 'captcha_invalid', message: 'The characters do not match.' }],
      });
    });
    if (outcome) throw outcome;
  }

  // ---- reading ----

  /** The customer's chats, newest first. */
  async listForCustomer(customerId: string, q: { limit: number; cursor?: string }): Promise<Page<SupportChatView>> {
    const after = checkedKeyset(decodeCursor(q.cursor), 'uuid');
    const rows: ChatRow[] = await this.ds.query(
      `${SELECT_CHAT} WHERE c.customer_id = $1 ${after ? 'AND (c.created_at, c.id) < ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
      after ? [customerId, q.limit + 1, after.at, after.id] : [customerId, q.limit + 1],
    );
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) => this.view(r));
  }

  async get(party: Party, chatId: string): Promise<SupportChatDetailView | SupportStaffChatView> {
    const row = await this.find(this.ds.manager, party, chatId);
    if (party.kind === 'staff') return { ...this.queueItem(row), messages: await this.messagesAfter(this.ds.manager, row.id, '0') };
    return this.detail(row, this.ds.manager);
  }

  /** Events after `seq` (the SSE resume point), oldest first, once the caller may see the chat. */
  async eventsAfter(chatId: string, seq: string): Promise<SupportMessageView[]> {
    return this.messagesAfter(this.ds.manager, chatId, seq);
  }

  /** Checks the caller may read the chat; the chat's id for the stream. */
  async assertReadable(party: Party, chatId: string): Promise<string> {
    return (await this.find(this.ds.manager, party, chatId)).id;
  }

  // ---- writing ----

  async send(party: Party, chatId: string, input: { text?: string; attachmentId?: string }): Promise<SupportMessageView> {
    const notices: string[] = [];
    const seq = await this.ds.transaction(async (em) => {
      // Whose chat first: "not yours" answers 404 whatever the body.
      const chat = await this.find(em, party, chatId, true);
      const text = input.text === undefined || input.text.trim() === '' ? null : this.text(input.text);
      if (!text && !input.attachmentId) throw AppError.validation([{ field: 'text', code: 'isNotEmpty', message: 'Write a message or attach a file.' }]);
      if (chat.status === 'closed') throw new AppError('chat_closed', 409, 'This chat is closed; open a new one.');
      if (input.attachmentId) {
        const [a]: { id: string }[] = await em.query(
          `SELECT a.id FROM support_attachments a WHERE a.id = $1 AND a.chat_id = $2 AND a.uploaded_by = $3
              AND NOT EXISTS (SELECT 1 FROM support_messages m WHERE m.attachment_id = a.id)`,
          [input.attachmentId, chat.id, this.authorOf(party)],
        );
        if (!a) throw AppError.validation([{ field: 'attachmentId', code: 'notFound', message: 'Upload the file to this chat first (each file goes with one message).' }]);
      }
      if (party.kind === 'staff') {
        // Writing takes the chat if nobody has: the queue moves on.
        if (chat.status === 'waiting') await this.takeIn(em, chat, party.auth);
        else if (chat.operator_id !== party.auth.customerId && party.auth.role !== 'admin') throw new AppError('chat_taken', 409, 'Another operator has taken this chat.');
        notices.push(...(await this.replyNotice(em, chat, text)));
      }
      const name = await this.nameOf(em, party, chat);
      return this.event(em, chat.id, chat.customer_id, {
        kind: 'message',
        author: this.authorOf(party),
        authorId: party.kind === 'customer' ? party.customerId : party.kind === 'staff' ? party.auth.customerId : null,
        authorName: name,
        body: text,
        attachmentId: input.attachmentId ?? null,
      });
    });
    await this.deps.notifications.deliver(notices);
    const [m] = await this.messagesAfter(this.ds.manager, chatId, String(BigInt(seq) - 1n), 1);
    return m;
  }

  /** A file for the next message: images and PDF up to 5 MB, the type read from its first bytes. */
  async upload(party: Party, chatId: string, input: { fileName: string; contentBase64: string }): Promise<SupportAttachmentView> {
    const chat = await this.find(this.ds.manager, party, chatId);
    const content = decodeUpload(input.contentBase64);
    const type = sniffType(content);
    if (!type) throw new AppError('attachment_type_not_allowed', 415, 'Attach a picture (PNG, JPEG, GIF, WebP) or a PDF.');
    if (chat.status === 'closed') throw new AppError('chat_closed', 409, 'This chat is closed; open a new one.');
    const id = randomUUID();
    const stored = await this.files.put(chat.id, id, content);
    const fileName = cleanFileName(input.fileName, type);
    try {
      await this.ds.query(
        `INSERT INTO support_attachments (id, chat_id, customer_id, file_name, content_type, size, sha256, storage_key, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, chat.id, chat.customer_id, fileName, type, content.length, stored.sha256, stored.key, this.authorOf(party), this.clock.now()],
      );
    } catch (err) {
      await this.files.remove(stored.key);
      throw err;
    }
    return { id, fileName, contentType: type, size: content.length };
  }

  async attachment(party: Party, chatId: string, attachmentId: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const chat = await this.find(this.ds.manager, party, chatId);
    const [a]: { file_name: string; content_type: string; storage_key: string }[] = await this.ds.query(
      'SELECT file_name, content_type, storage_key FROM support_attachments WHERE id = $1 AND chat_id = $2',
      [attachmentId, chat.id],
    );
    if (!a) throw AppError.notFound('The attachment');
    return { fileName: a.file_name, contentType: a.content_type, content: await this.files.read(a.storage_key) };
  }

  /** Staff take a waiting chat (or an admin takes one over). */
  async take(auth: AuthContext, chatId: string): Promise<SupportStaffChatView> {
    await this.ds.transaction(async (em) => {
      const chat = await this.find(em, { kind: 'staff', auth }, chatId, true);
      if (chat.status === 'closed') throw new AppError('chat_closed', 409, 'This chat is closed.');
      if (chat.operator_id === auth.customerId) return;
      if (chat.status === 'active' && auth.role !== 'admin') throw new AppError('chat_taken', 409, 'Another operator has taken this chat.');
      await this.takeIn(em, chat, auth);
    });
    return this.get({ kind: 'staff', auth }, chatId) as Promise<SupportStaffChatView>;
  }

  private async takeIn(em: EntityManager, chat: ChatRow, auth: AuthContext): Promise<void> {
    const now = this.clock.now();
    await em.query(`UPDATE support_chats SET status = 'active', operator_id = $2, taken_at = $3 WHERE id = $1`, [chat.id, auth.customerId, now]);
    const [me]: { name: string }[] = await em.query('SELECT name FROM customers WHERE id = $1', [auth.customerId]);
    await this.event(em, chat.id, chat.customer_id, { kind: 'taken', author: 'system', authorId: auth.customerId, authorName: me?.name ?? null, body: null });
    await this.deps.audit.record(em, { action: 'support_chat_taken', actorId: auth.customerId, customerId: chat.customer_id, details: { chat: chat.number } });
  }

  /**
   * The customer (or visitor) closes the chat with a rating 1–5, or rates one the operator closed (once).
   */
  async closeByRequester(party: Exclude<Party, { kind: 'staff' }>, chatId: string, input: { rating: number; comment?: string }): Promise<SupportChatDetailView> {
    await this.ds.transaction(async (em) => {
      const chat = await this.find(em, party, chatId, true);
      if (chat.rating !== null) throw new AppError('chat_already_rated', 409, 'This chat has been rated already.');
      const now = this.clock.now();
      await em.query(
        `UPDATE support_chats SET rating = $2, rating_comment = $3, status = 'closed', closed_at = COALESCE(closed_at, $4) WHERE id = $1`,
        [chat.id, input.rating, input.comment?.trim() || null, now],
      );
      if (chat.status !== 'closed') {
        await this.event(em, chat.id, chat.customer_id, { kind: 'closed', author: this.authorOf(party), authorId: party.kind === 'customer' ? party.customerId : null, authorName: null, body: null });
      }
      await this.event(em, chat.id, chat.customer_id, { kind: 'rated', author: this.authorOf(party), authorId: party.kind === 'customer' ? party.customerId : null, authorName: null, body: String(input.rating) });
    });
    return this.get(party, chatId) as Promise<SupportChatDetailView>;
  }

  async closeByStaff(auth: AuthContext, chatId: string): Promise<SupportStaffChatView> {
    await this.ds.transaction(async (em) => {
      const chat = await this.find(em, { kind: 'staff', auth }, chatId, true);
      if (chat.status === 'closed') throw new AppError('chat_closed', 409, 'This chat is closed already.');
      if (chat.operator_id && chat.operator_id !== auth.customerId && auth.role !== 'admin') throw new AppError('chat_taken', 409, 'Another operator has taken this chat.');
      await em.query(`UPDATE support_chats SET status = 'closed', closed_at = $2, operator_id = COALESCE(operator_id, $3) WHERE id = $1`, [chat.id, this.clock.now(), auth.customerId]);
      await this.event(em, chat.id, chat.customer_id, { kind: 'closed', author: 'operator', authorId: auth.customerId, authorName: null, body: null });
      await this.deps.audit.record(em, { action: 'support_chat_closed', actorId: auth.customerId, customerId: chat.customer_id, details: { chat: chat.number } });
    });
    return this.get({ kind: 'staff', auth }, chatId) as Promise<SupportStaffChatView>;
  }

  // ---- the back office ----

  /** The queue: chats of the caller's topics (admins: all), oldest first (they have waited longest). */
  async queue(auth: AuthContext, q: SupportQueueQuery & { limit: number }): Promise<Page<SupportQueueItemView>> {
    const after = checkedKeyset(decodeCursor(q.cursor), 'uuid');
    const status = q.status ?? 'open';
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    where.push(this.rulesSql(auth, p));
    if (q.topic) where.push(`c.topic = ${p(q.topic)}`);
    if (status === 'open') where.push(`c.status IN ('waiting', 'active')`);
    else if (status === 'mine') where.push(`c.status = 'active' AND c.operator_id = ${p(auth.customerId)}`);
    else where.push(`c.status = ${p(status)}`);
    // Closed ones newest first; open ones by age.
    const desc = status === 'closed';
    if (after) where.push(`(c.created_at, c.id) ${desc ? '<' : '>'} (${p(after.at)}::timestamptz, ${p(after.id)}::uuid)`);
    const rows: ChatRow[] = await this.ds.query(
      `${SELECT_CHAT.replace('FROM support_chats c', `, (SELECT left(coalesce(m.body, ''), 140) FROM support_messages m WHERE m.chat_id = c.id AND m.kind = 'message' ORDER BY m.seq DESC LIMIT 1) AS preview
         FROM support_chats c`)}
        WHERE ${where.join(' AND ')}
        ORDER BY c.created_at ${desc ? 'DESC' : 'ASC'}, c.id ${desc ? 'DESC' : 'ASC'} LIMIT ${p(q.limit + 1)}`,
      params,
    );
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), (r) => this.queueItem(r));
  }

  async operators(): Promise<SupportOperatorView[]> {
    const rows: { id: string; name: string; surname: string; phone: string; role: 'operator' | 'admin'; topics: SupportTopic[] | null }[] = await this.ds.query(
      `SELECT c.id, c.name, c.surname, c.phone, c.role, array_remove(array_agg(t.topic ORDER BY t.topic), NULL) AS topics
         FROM customers c LEFT JOIN support_operator_topics t ON t.operator_id = c.id
        WHERE c.role IN ('operator', 'admin') GROUP BY c.id ORDER BY c.surname, c.name, c.id`,
    );
    return rows.map((r) => ({ id: r.id, name: `${r.name} ${r.surname}`, phone: r.phone, role: r.role, topics: r.role === 'admin' ? [...SupportTopics] : (r.topics ?? []) }));
  }

  async setOperatorTopics(auth: AuthContext, operatorId: string, topics: SupportTopic[]): Promise<SupportOperatorView> {
    assertAdmin(auth);
    await this.ds.transaction(async (em) => {
      const [op]: { role: string }[] = await em.query(`SELECT role FROM customers WHERE id = $1 AND role IN ('operator', 'admin')`, [operatorId]);
      if (!op) throw AppError.notFound('The operator');
      await em.query('DELETE FROM support_operator_topics WHERE operator_id = $1', [operatorId]);
      for (const t of new Set(topics)) await em.query('INSERT INTO support_operator_topics (operator_id, topic) VALUES ($1, $2)', [operatorId, t]);
      await this.deps.audit.record(em, { action: 'support_operator_topics_changed', actorId: auth.customerId, customerId: operatorId, details: { topics: [...new Set(topics)] } });
    });
    return (await this.operators()).find((o) => o.id === operatorId)!;
  }

  // ---- internals ----

  private rulesSql(auth: AuthContext, p: (v: unknown) => string): string {
    return auth.role === 'admin' ? 'TRUE' : `c.topic IN (SELECT topic FROM support_operator_topics WHERE operator_id = ${p(auth.customerId)})`;
  }

  /** The chat if the party may see it; otherwise the same 404 as for a chat that does not exist. */
  private async find(em: EntityManager, party: Party, chatId: string, lock = false): Promise<ChatRow> {
    const params: unknown[] = [chatId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    let rule: string;
    if (party.kind === 'customer') rule = `c.customer_id = ${p(party.customerId)}`;
    else if (party.kind === 'visitor') {
      if (!party.token || party.token.length > 100) throw AppError.notFound('The chat');
      rule = `c.customer_id IS NULL AND c.visitor_token_hash = ${p(hashToken(party.token))}`;
    } else rule = this.rulesSql(party.auth, p);
    if (lock) {
      const locked: { id: string }[] = await em.query(`SELECT c.id FROM support_chats c WHERE c.id = $1 AND ${rule} FOR UPDATE`, params);
      if (!locked.length) throw AppError.notFound('The chat');
    }
    const [row]: ChatRow[] = await em.query(`${SELECT_CHAT} WHERE c.id = $1 AND ${rule}`, params);
    if (!row) throw AppError.notFound('The chat');
    return row;
  }

  private async chatRow(em: EntityManager, id: string): Promise<ChatRow> {
    const [row]: ChatRow[] = await em.query(`${SELECT_CHAT} WHERE c.id = $1`, [id]);
    return row;
  }

  private async event(
    em: EntityManager,
    chatId: string,
    customerId: string | null,
    e: { kind: SupportEventKind; author: SupportAuthor; authorId: string | null; authorName: string | null; body: string | null; attachmentId?: string | null },
  ): Promise<string> {
    const now = this.clock.now();
    const [row]: { seq: string }[] = await em.query(
      `INSERT INTO support_messages (chat_id, customer_id, kind, author, author_id, author_name, body, attachment_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq::text AS seq`,
      [chatId, customerId, e.kind, e.author, e.authorId, e.authorName, e.body, e.attachmentId ?? null, now],
    );
    await em.query('UPDATE support_chats SET last_message_at = $2 WHERE id = $1', [chatId, now]);
    await SupportBus.announce(em, chatId);
    return row.seq;
  }

  private async messagesAfter(em: EntityManager, chatId: string, seq: string, limit = 500): Promise<SupportMessageView[]> {
    const rows: MessageRow[] = await em.query(`${SELECT_MESSAGES} WHERE m.chat_id = $1 AND m.seq > $2::bigint ORDER BY m.seq LIMIT $3`, [chatId, seq, limit]);
    return rows.map(toMessageView);
  }

  /** «Ответ поддержки» by SMS (event `support.reply`), unless one went out for this chat in the last 10 minutes. */
  private async replyNotice(em: EntityManager, chat: ChatRow, text: string | null): Promise<string[]> {
    const to = chat.customer_phone ?? chat.visitor_phone;
    if (!to) return [];
    const [recent] = await em.query(
      `SELECT 1 FROM support_messages WHERE chat_id = $1 AND author = 'operator' AND kind = 'message' AND created_at > $2 LIMIT 1`,
      [chat.id, new Date(this.clock.now().getTime() - REPLY_NOTICE_QUIET_MS)],
    );
    if (recent) return [];
    const preview = text ? `: «${text.length > 60 ? `${text.slice(0, 60)}…` : text}»` : '';
    const where = chat.customer_id ? 'в личном кабинете, раздел «Поддержка»' : 'в чате на сайте';
    const body = `Ответ поддержки по обращению ${chat.number}${preview}. Продолжить переписку можно ${where}.`;
    if (chat.customer_id) {
      // A customer hears it on the channels their preferences keep for support.reply: the notification centre
      // (and their browsers, by Web Push) and the SMS, by default.
      return this.deps.notifications.notify(em, { event: 'support.reply', customerId: chat.customer_id, title: `Ответ поддержки: ${chat.number}`, body, link: `/support/${chat.id}`, sms: to });
    }
    return [
      await this.deps.notifications.enqueue(em, {
        channel: 'sms',
        to,
        subject: 'support.reply',
        body,
        customerId: null,
        event: 'support.reply',
      }),
    ];
  }

  private async nameOf(em: EntityManager, party: Party, chat: ChatRow): Promise<string | null> {
    if (party.kind === 'visitor') return chat.visitor_name;
    const id = party.kind === 'customer' ? party.customerId : party.auth.customerId;
    const [me]: { name: string }[] = await em.query('SELECT name FROM customers WHERE id = $1', [id]);
    return me?.name ?? null;
  }

  private authorOf(party: Party): SupportAuthor {
    return party.kind === 'customer' ? 'customer' : party.kind === 'visitor' ? 'visitor' : 'operator';
  }

  private text(raw: string): string {
    const text = raw.trim();
    if (!text) throw AppError.validation([{ field: 'text', code: 'isNotEmpty', message: 'text should not be empty' }]);
    if (text.length > SupportLimits.messageMaxLength) throw AppError.validation([{ field: 'text', code: 'maxLength', message: `text must be at most ${SupportLimits.messageMaxLength} characters` }]);
    return text;
  }

  private view(r: ChatRow): SupportChatView {
    return {
      id: r.id,
      number: r.number,
      topic: r.topic,
      status: r.status,
      operatorName: r.operator_name,
      rating: r.rating,
      createdAt: r.created_at.toISOString(),
      lastMessageAt: r.last_message_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
    };
  }

  private async detail(r: ChatRow, em: EntityManager): Promise<SupportChatDetailView> {
    return { ...this.view(r), messages: await this.messagesAfter(em, r.id, '0') };
  }

  private queueItem(r: ChatRow): SupportQueueItemView {
    return {
      ...this.view(r),
      requesterName: r.customer_name ?? r.visitor_name ?? '',
      requesterPhone: r.customer_phone ?? r.visitor_phone,
      customerId: r.customer_id,
      operatorId: r.operator_id,
      preview: r.preview ?? null,
      waitingSeconds: Math.max(0, Math.floor((this.clock.now().getTime() - r.created_at.getTime()) / 1000)),
    };
  }
}

function toMessageView(r: MessageRow): SupportMessageView {
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind,
    author: r.author,
    authorName: r.author_name,
    text: r.body,
    attachment: r.a_id ? { id: r.a_id, fileName: r.a_name!, contentType: r.a_type!, size: r.a_size! } : null,
    createdAt: r.created_at.toISOString(),
  };
}
