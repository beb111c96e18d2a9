import PDFDocument from 'pdfkit';
import type { Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import type { ClosingDocumentKind, ClosingDocumentView, Page } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { rub } from '../../platform/money';
import { monthBounds, moscowMonth, previousMonth, ruDate, ruMonth } from '../../platform/moscow';
import type { CompanyRow, CorporateService } from './service';
import { SpendingReports } from './spending';

const FONT_REGULAR = require.resolve('@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf');

/** VAT on communication services, included in the prices (22 % from 1 January 2026). */
export const VAT_PERCENT = 22;
const vatOf = (gross: bigint) => (gross * BigInt(VAT_PERCENT) + BigInt(100 + VAT_PERCENT) / 2n) / BigInt(100 + VAT_PERCENT);

const SERVICE_RU: Record<string, string> = {
  monthly_fee: 'Абонентская плата за услуги связи',
  option_fee: 'Дополнительные опции',
  tariff_change_fee: 'Смена тарифного плана',
  usage: 'Услуги связи сверх пакета',
  block_fee: 'Добровольная блокировка номеров',
  promised_fee: 'Комиссия за обещанный платёж',
  number_purchase: 'Выделение номера',
};
const serviceName = (kind: string) => SERVICE_RU[kind] ?? 'Прочие услуги связи';

const TITLES: Record<ClosingDocumentKind, string> = { invoice: 'Счёт на оплату', act: 'Акт оказанных услуг' };
const PREFIX: Record<ClosingDocumentKind, string> = { invoice: 'СЧ', act: 'АКТ' };

interface DocumentRow {
  id: string;
  kind: ClosingDocumentKind;
  period: string;
  number: string;
  amount: string;
  vat: string;
  created_at: Date;
}

const toView = (r: DocumentRow): ClosingDocumentView => ({ id: r.id, kind: r.kind, period: r.period, number: r.number, amount: rub(r.amount), vat: rub(r.vat), createdAt: r.created_at.toISOString() });

/** "1234,50" */
const ROUBLES = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = (k: bigint) => ROUBLES.format(Number(k) / 100);

/**
 * Closing documents for a company's accountant: for each month (Moscow) an invoice (счёт) and an act
 * (акт оказанных услуг) for what the account was charged that month, as PDF. The `corporate-documents`
 * job issues last month's after it ends; a document is unique per (account, kind, month), and issuing
 * takes an advisory lock per account and month, so running twice (or on two nodes) makes one of each.
 */
export class ClosingDocuments {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { corporate: CorporateService; seller: { name: string; inn: string; address: string } },
  ) {}

  /** Issues the last finished month's documents of every company that existed in it. */
  async runDue(): Promise<{ period: string; issued: number }> {
    const period = previousMonth(moscowMonth(this.clock.now()));
    const { end } = monthBounds(period);
    const companies: { id: string }[] = await this.ds.query(
      `SELECT c.id FROM companies c WHERE c.created_at < $1
          AND NOT EXISTS (SELECT 1 FROM closing_documents d WHERE d.company_id = c.id AND d.period = $2 AND d.kind = 'act')`,
      [end, period],
    );
    let issued = 0;
    for (const { id } of companies) issued += await this.ds.transaction((em) => this.issue(em, id, period));
    return { period, issued };
  }

  /** Both documents of one company and month; returns how many were made (0 when they exist). */
  async issue(em: EntityManager, companyId: string, period: string): Promise<number> {
    const [company]: CompanyRow[] = await em.query('SELECT * FROM companies WHERE id = $1', [companyId]);
    if (!company) return 0;
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('closing-documents:' || $1 || ':' || $2))`, [company.account_id, period]);
    const have: { kind: ClosingDocumentKind }[] = await em.query('SELECT kind FROM closing_documents WHERE account_id = $1 AND period = $2', [company.account_id, period]);
    const { start, end, lastDay } = monthBounds(period);
    const charges = await SpendingReports.charges(em, company.account_id, start, end);
    const total = charges.reduce((s, c) => s + c.amount, 0n);
    const [acc] = await em.query('SELECT number FROM accounts WHERE id = $1', [company.account_id]);
    let made = 0;
    for (const kind of ['invoice', 'act'] as const) {
      if (have.some((h) => h.kind === kind)) continue;
      const number = `${PREFIX[kind]}-${acc.number}-${period.replace('-', '')}`;
      const pdf = await this.render({ kind, number, date: lastDay, period, company, accountNumber: acc.number, charges, total });
      const inserted = await em.query(
        `INSERT INTO closing_documents (customer_id, company_id, account_id, kind, period, number, amount, vat, pdf, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (account_id, kind, period) DO NOTHING RETURNING id`,
        [company.customer_id, company.id, company.account_id, kind, period, number, total.toString(), vatOf(total).toString(), pdf, this.clock.now()],
      );
      made += inserted.length;
    }
    return made;
  }

  async list(customerId: string, companyId: string): Promise<Page<ClosingDocumentView>> {
    await this.deps.corporate.reader(this.ds.manager, customerId, companyId);
    const rows: DocumentRow[] = await this.ds.query(
      `SELECT id, kind, period, number, amount, vat, created_at FROM closing_documents WHERE company_id = $1 ORDER BY period DESC, kind DESC`,
      [companyId],
    );
    return { items: rows.map(toView), nextCursor: null };
  }

  async download(customerId: string, companyId: string, documentId: string, res: Response): Promise<void> {
    await this.deps.corporate.reader(this.ds.manager, customerId, companyId);
    const [doc] = await this.ds.query('SELECT number, pdf FROM closing_documents WHERE id = $1 AND company_id = $2', [documentId, companyId]);
    if (!doc) throw AppError.notFound('The document');
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(doc.number)}.pdf"; filename*=UTF-8''${encodeURIComponent(doc.number)}.pdf`);
    res.status(200).send(doc.pdf);
  }

  private async render(d: { kind: ClosingDocumentKind; number: string; date: string; period: string; company: CompanyRow; accountNumber: string; charges: { kind: string; amount: bigint }[]; total: bigint }): Promise<Buffer> {
    const title = `${TITLES[d.kind]} № ${d.number} от ${ruDate(d.date)}`;
    const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title, Author: this.deps.seller.name, CreationDate: this.clock.now() } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    doc.registerFont('regular', FONT_REGULAR);
    doc.registerFont('bold', FONT_BOLD);
    const s = this.deps.seller;
    const c = d.company;
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;

    doc.font('bold').fontSize(15).text(title);
    doc.moveDown(0.6).font('regular').fontSize(10);
    doc.text(`${d.kind === 'act' ? 'Исполнитель' : 'Поставщик'}: ${s.name}, ИНН ${s.inn}, ${s.address}`);
    doc.text(`${d.kind === 'act' ? 'Заказчик' : 'Покупатель'}: ${c.name}, ИНН ${c.inn}, КПП ${c.kpp}, ${c.legal_address}`);
    doc.text(`Основание: лицевой счёт № ${d.accountNumber}. Период: ${ruMonth(d.period)}.`);
    doc.moveDown(0.8);

    const widths = [28, width - 28 - 50 - 40 - 90 - 90, 50, 40, 90, 90];
    const row = (cells: string[], font: 'regular' | 'bold') => {
      doc.font(font).fontSize(9);
      const h = Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: widths[i] - 6 }))) + 6;
      const y = doc.y;
      let x = left;
      cells.forEach((t, i) => {
        doc.rect(x, y, widths[i], h).lineWidth(0.5).strokeColor('#000000').stroke();
        doc.fillColor('#000000').text(t, x + 3, y + 3, { width: widths[i] - 6, align: i >= 2 ? 'right' : 'left' });
        x += widths[i];
      });
      doc.x = left;
      doc.y = y + h;
    };
    row(['№', 'Наименование услуги', 'Кол-во', 'Ед.', 'Цена, ₽', 'Сумма, ₽'], 'bold');
    const items = d.charges.length ? d.charges : [{ kind: 'monthly_fee', amount: 0n }];
    items.forEach((ch, i) => row([String(i + 1), `${serviceName(ch.kind)}, ${ruMonth(d.period)}`, '1', 'усл.', money(ch.amount), money(ch.amount)], 'regular'));
    doc.moveDown(0.6).font('bold').fontSize(10);
    doc.text(`Итого: ${money(d.total)} ₽`, { align: 'right' });
    doc.font('regular').text(`В том числе НДС (${VAT_PERCENT} %): ${money(vatOf(d.total))} ₽`, { align: 'right' });
    doc.moveDown(0.8);
    if (d.kind === 'act') {
      doc.text(`Всего оказано услуг ${items.length}, на сумму ${money(d.total)} ₽.`);
      doc.text('Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий по объёму, качеству и срокам оказания услуг не имеет.');
      doc.moveDown(2);
      doc.text('Исполнитель ____________________', left, doc.y, { continued: false });
      doc.moveDown(1.2);
      doc.text('Заказчик ____________________');
    } else {
      doc.text(`Назначение платежа: оплата услуг связи по лицевому счёту № ${d.accountNumber} за ${ruMonth(d.period)}.`);
      doc.text('Оплата этого счёта означает согласие с условиями оказания услуг.');
      doc.moveDown(2);
      doc.text('Руководитель ____________________      Бухгалтер ____________________');
    }
    doc.end();
    await done;
    return Buffer.concat(chunks);
  }
}
