import { randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { DataSource } from 'typeorm';
import { DetailReportLimits, type DetailReportFormat, type DetailReportRequest, type DetailReportStatus, type DetailReportView, type Page } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { moscowDay, ruDate } from '../../platform/moscow';
import { decodeCursor, toPage } from '../../platform/pagination';
import type { CustomersService } from '../customers';
import type { Attachment, NotificationsService } from '../notifications';
import { EXPORT_COLUMNS, roubles, type ExportRow, type HistoryFilter, type HistoryService } from './history';

interface OrderRow {
  id: string;
  customer_id: string;
  account_id: string;
  period_from: string;
  period_to: string;
  format: DetailReportFormat;
  email: string;
  status: DetailReportStatus;
  attempts: number;
  message_id: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** A job run holds an order this long; if it dies meanwhile, a later run takes the order again. */
const CLAIM_MS = 10 * 60_000;
/** Unexpected failures (not "access lost" or "too large") are retried by later runs this many times in all. */
const MAX_ATTEMPTS = 3;

const FONT_REGULAR = require.resolve('@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf');

const toView = (r: OrderRow): DetailReportView => ({
  id: r.id,
  accountId: r.account_id,
  from: r.period_from,
  to: r.period_to,
  format: r.format,
  status: r.status,
  email: r.email,
  createdAt: r.created_at.toISOString(),
  sentAt: r.sent_at?.toISOString() ?? null,
});

/** The last day a period that starts on `from` may end on: 12 months later, less a day. */
function lastAllowedDay(from: string): string {
  const [y, m, d] = from.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + DetailReportLimits.maxMonths, d) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Detail reports by e-mail: the subscriber (or a co-user who may read the account's history) orders a
 * period; the `detail-reports` job renders the history of that period as CSV (the history CSV itself) or
 * PDF and sends it to the orderer's e-mail through the mail transport as an attachment.
 */
export class DetailReportService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { history: HistoryService; customers: CustomersService; notifications: NotificationsService },
  ) {}

  async order(customerId: string, accountId: string, input: DetailReportRequest): Promise<DetailReportView> {
    await this.deps.history.accountNumber(customerId, accountId); // 404 unless the caller may read the account
    this.checkPeriod(input);
    const { email } = await this.deps.customers.getView(customerId);
    if (!email) throw new AppError('email_required', 409, 'Add an e-mail address to your profile first: the detail report is sent there.');
    const entries = await this.deps.history.count(accountId, this.filter(input));
    const max = DetailReportLimits.maxEntries[input.format];
    if (entries > max) {
      throw new AppError('detail_report_too_large', 409, `The period holds ${entries} entries; one ${input.format.toUpperCase()} report holds at most ${max}. Choose a shorter period${input.format === 'pdf' ? ' or CSV' : ''}.`);
    }
    const [row]: OrderRow[] = await this.ds.query(
      `INSERT INTO detail_reports (id, customer_id, account_id, period_from, period_to, format, email, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8) RETURNING *`,
      [randomUUID(), customerId, accountId, input.from, input.to, input.format, email, this.clock.now()],
    );
    return toView(row);
  }

  /** The caller's orders for this account, newest first. */
  async list(customerId: string, accountId: string, q: { limit: number; cursor?: string }): Promise<Page<DetailReportView>> {
    await this.deps.history.accountNumber(customerId, accountId);
    const after = decodeCursor(q.cursor);
    const rows: OrderRow[] = await this.ds.query(
      `SELECT * FROM detail_reports WHERE customer_id = $1 AND account_id = $2 ${after ? 'AND (created_at, id) < ($4, $5::uuid)' : ''}
        ORDER BY created_at DESC, id DESC LIMIT $3`,
      [customerId, accountId, q.limit + 1, ...(after ? [after.at, after.id] : [])],
    );
    return toPage(rows, q.limit, (r) => ({ at: r.created_at.toISOString(), id: r.id }), toView);
  }

  /**
   * The job: renders and sends queued orders, oldest first. Safe on several nodes at once and after a crash:
   * each order is claimed for a while (SKIP LOCKED), and the e-mail is written to the outbox once.
   */
  async runQueued(max = 50): Promise<{ sent: number; failed: number; retry: number }> {
    const seen: string[] = [];
    const out = { sent: 0, failed: 0, retry: 0 };
    while (seen.length < max) {
      const now = this.clock.now();
      const [[order]]: [OrderRow[], number] = await this.ds.query(
        `UPDATE detail_reports SET claimed_until = $1, attempts = attempts + 1
          WHERE id = (SELECT id FROM detail_reports
                       WHERE status = 'queued' AND (claimed_until IS NULL OR claimed_until < $2) AND NOT (id = ANY($3::uuid[]))
                       ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING *`,
        [new Date(now.getTime() + CLAIM_MS), now, seen],
      );
      if (!order) break;
      seen.push(order.id);
      out[await this.process(order)] += 1;
    }
    return out;
  }

  private async process(order: OrderRow): Promise<'sent' | 'failed' | 'retry'> {
    let messageId = order.message_id;
    if (!messageId) {
      let file: Attachment;
      try {
        file = await this.render(order);
      } catch (err) {
        const gone = err instanceof AppError && err.status === 404;
        if (gone || order.attempts >= MAX_ATTEMPTS) {
          await this.finish(order.id, 'failed', gone ? 'The customer may no longer read this account.' : String(err));
          return 'failed';
        }
        await this.ds.query(`UPDATE detail_reports SET claimed_until = NULL, error = $2 WHERE id = $1`, [order.id, String(err)]);
        return 'retry';
      }
      messageId = await this.ds.transaction(async (em) => {
        const id = await this.deps.notifications.enqueue(em, {
          channel: 'email',
          to: order.email,
          customerId: order.customer_id,
          subject: `Детализация по счёту за ${ruDate(order.period_from)}–${ruDate(order.period_to)}`,
          body:
            `Здравствуйте!\n\nВо вложении детализация операций по лицевому счёту за период с ${ruDate(order.period_from)} по ${ruDate(order.period_to)} ` +
            `(${order.format.toUpperCase()}, время московское).\n\nЭто письмо отправлено автоматически, отвечать на него не нужно.`,
          attachments: [file],
        });
        await em.query(`UPDATE detail_reports SET message_id = $2 WHERE id = $1`, [order.id, id]);
        return id;
      });
    }
    await this.deps.notifications.deliver([messageId]);
    const status = await this.deps.notifications.statusOf(messageId);
    if (status === 'sent') {
      await this.finish(order.id, 'sent');
      return 'sent';
    }
    if (status === 'failed') {
      await this.finish(order.id, 'failed', 'The mail transport did not accept the message.');
      return 'failed';
    }
    // Still pending: another node is delivering it right now; a later run looks again.
    await this.ds.query(`UPDATE detail_reports SET claimed_until = NULL WHERE id = $1`, [order.id]);
    return 'retry';
  }

  private async finish(id: string, status: 'sent' | 'failed', error: string | null = null): Promise<void> {
    await this.ds.query(`UPDATE detail_reports SET status = $2, error = $3, sent_at = $4, claimed_until = NULL WHERE id = $1`, [
      id,
      status,
      error,
      status === 'sent' ? this.clock.now() : null,
    ]);
  }

  /** The file: the history CSV of the period, or the same lines as a PDF. Checks the orderer's access again. */
  async render(order: Pick<OrderRow, 'customer_id' | 'account_id' | 'period_from' | 'period_to' | 'format'>): Promise<Attachment> {
    const number = await this.deps.history.accountNumber(order.customer_id, order.account_id);
    const f = this.filter({ from: order.period_from, to: order.period_to });
    const name = `detail-${number}-${order.period_from}-${order.period_to}`;
    if (order.format === 'csv') {
      return { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', content: await this.deps.history.csvFile(order.customer_id, order.account_id, f) };
    }
    const rows = this.deps.history.exportRows(order.customer_id, order.account_id, f);
    return { filename: `${name}.pdf`, contentType: 'application/pdf', content: await this.pdf(number, order.period_from, order.period_to, rows) };
  }

  /** The period as the history filter takes it: Moscow days, oldest entry first (a detail reads in time order). */
  private filter(p: { from: string; to: string }): HistoryFilter {
    return { from: p.from, to: p.to, sort: 'createdAt' };
  }

  private checkPeriod(p: DetailReportRequest): void {
    const today = moscowDay(this.clock.now());
    if (p.from > p.to) throw AppError.validation([{ field: 'to', code: 'afterFrom', message: 'to must not be before from' }]);
    if (p.to > today) throw AppError.validation([{ field: 'to', code: 'notInFuture', message: `to must not be after today (${today}, Moscow)` }]);
    if (p.to > lastAllowedDay(p.from)) {
      throw AppError.validation([{ field: 'to', code: 'maxPeriod', message: `the period must be at most ${DetailReportLimits.maxMonths} months (to at most ${lastAllowedDay(p.from)})` }]);
    }
  }

  /** A4 pages: title, a table with the CSV's columns (the header repeated on each page), totals, page numbers. */
  private async pdf(number: string, from: string, to: string, rows: AsyncIterable<ExportRow>): Promise<Buffer> {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 36,
      bufferPages: true,
      info: { Title: `Детализация по счёту № ${number}`, Author: 'Cabinet', CreationDate: this.clock.now() },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    doc.registerFont('regular', FONT_REGULAR);
    doc.registerFont('bold', FONT_BOLD);

    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const widths = [78, 112, 70, width - 78 - 112 - 70 - 80, 80];
    const right = [false, false, true, false, true];
    const pad = 3;
    const bottom = () => doc.page.height - doc.page.margins.bottom - 14;
    const line = (cells: string[], font: 'regular' | 'bold', shade: boolean) => {
      doc.font(font).fontSize(8.5);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad }))) + 2 * pad;
      if (doc.y + h > bottom()) {
        doc.addPage();
        if (font === 'regular') line(EXPORT_COLUMNS, 'bold', true);
        doc.font(font).fontSize(8.5);
      }
      const y = doc.y;
      if (shade) doc.rect(left, y, width, h).fill('#eeeeee');
      doc.fillColor('#000000');
      let x = left;
      cells.forEach((c, i) => {
        doc.text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, align: right[i] ? 'right' : 'left', lineBreak: true });
        x += widths[i];
      });
      doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.3).strokeColor('#999999').stroke();
      doc.x = left;
      doc.y = y + h;
    };

    doc.font('bold').fontSize(14).text(`Детализация по лицевому счёту № ${number}`);
    doc.font('regular').fontSize(10).text(`Период: с ${ruDate(from)} по ${ruDate(to)} (время московское)`);
    doc.text(`Сформирована: ${new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'short', timeStyle: 'short' }).format(this.clock.now())}`);
    doc.moveDown(0.8);
    line(EXPORT_COLUMNS, 'bold', true);
    let count = 0;
    let credit = 0n;
    let debit = 0n;
    for await (const r of rows) {
      line(r.cells, 'regular', false);
      count += 1;
      if (r.amount > 0n) credit += r.amount;
      else debit -= r.amount;
    }
    if (doc.y + 50 > bottom()) doc.addPage();
    doc.moveDown(0.8).font('regular').fontSize(10);
    if (!count) doc.text('За этот период операций не было.');
    doc.text(`Операций: ${count}. Поступило: ${roubles(credit)} ₽. Списано: ${roubles(debit)} ₽.`);

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing in the margin must not start a new page
      doc.font('regular').fontSize(8).fillColor('#555555').text(`Стр. ${i + 1} из ${range.count}`, left, doc.page.height - margin + 8, { width, align: 'right' });
      doc.page.margins.bottom = margin;
    }
    doc.end();
    await done;
    return Buffer.concat(chunks);
  }
}
