import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { DataSource, EntityManager } from 'typeorm';
import { CorporateLimits, type DepartmentSpending, type SpendingQuery, type SpendingReport, type SpendingRow } from '@cabinet/shared-types';
import { AppError } from '../../platform/errors';
import { rub } from '../../platform/money';
import { moscowDayStart, nextDay } from '../../platform/moscow';
import { spentCte, type CompanyRow, type CorporateService } from './service';

/** Kopecks as roubles with a comma, as Excel in Russian reads them. */
const roubles = (k: bigint) => {
  const sign = k < 0n ? '-' : '';
  const a = k < 0n ? -k : k;
  return `${sign}${a / 100n},${String(a % 100n).padStart(2, '0')}`;
};

/**
 * Spending per employee (line) and department for a period of Moscow days: every charge of the company's
 * account in the period, each line's being the charges whose ref names it (see spentCte); the rest
 * (charges of the account as a whole) stand apart, so the total is the ledger's.
 */
export class SpendingReports {
  constructor(
    private readonly ds: DataSource,
    private readonly deps: { corporate: CorporateService },
  ) {}

  private period(q: SpendingQuery): { start: Date; end: Date } {
    const start = moscowDayStart(q.from);
    const end = moscowDayStart(nextDay(q.to));
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw AppError.validation([{ field: 'from', code: 'isDate', message: 'from and to must be dates YYYY-MM-DD' }]);
    if (q.from > q.to) throw AppError.validation([{ field: 'to', code: 'afterFrom', message: 'to must not be before from' }]);
    if (end.getTime() - start.getTime() > CorporateLimits.reportMaxDays * 86_400_000) {
      throw AppError.validation([{ field: 'to', code: 'maxPeriod', message: `the period must be at most ${CorporateLimits.reportMaxDays} days` }]);
    }
    return { start, end };
  }

  async report(customerId: string, companyId: string, q: SpendingQuery): Promise<SpendingReport> {
    const period = this.period(q);
    const { company } = await this.deps.corporate.reader(this.ds.manager, customerId, companyId);
    return this.build(this.ds.manager, company, q, period);
  }

  private async build(em: EntityManager, company: CompanyRow, q: SpendingQuery, p: { start: Date; end: Date }): Promise<SpendingReport> {
    const lines: { id: string; msisdn: string; employee_name: string | null; department: string | null; spent: string }[] = await em.query(
      `WITH ${spentCte('ARRAY[$1::uuid]', '$2::timestamptz', '$3::timestamptz')}
       SELECT l.id, l.msisdn, cl.employee_name, cl.department, coalesce(s.spent, 0) AS spent
         FROM mobile_lines l LEFT JOIN corporate_lines cl ON cl.line_id = l.id LEFT JOIN spent s ON s.line_id = l.id
        WHERE l.account_id = $1 ORDER BY cl.department NULLS LAST, cl.employee_name NULLS LAST, l.msisdn`,
      [company.account_id, p.start, p.end],
    );
    const [{ total }] = await em.query(
      `SELECT coalesce(-sum(amount), 0) AS total FROM ledger_entries WHERE account_id = $1 AND amount < 0 AND created_at >= $2 AND created_at < $3`,
      [company.account_id, p.start, p.end],
    );
    const byLine: SpendingRow[] = lines.map((l) => ({ lineId: l.id, msisdn: l.msisdn, employee: l.employee_name, department: l.department, spent: rub(l.spent) }));
    const departments = new Map<string | null, { lines: number; spent: bigint }>();
    for (const l of lines) {
      const d = departments.get(l.department) ?? { lines: 0, spent: 0n };
      d.lines += 1;
      d.spent += BigInt(l.spent);
      departments.set(l.department, d);
    }
    const byDepartment: DepartmentSpending[] = [...departments].map(([department, d]) => ({ department, lines: d.lines, spent: rub(d.spent) }));
    const onLines = lines.reduce((s, l) => s + BigInt(l.spent), 0n);
    return { from: q.from, to: q.to, byLine, byDepartment, accountWide: rub(BigInt(total) - onLines), total: rub(total) };
  }

  /** The same report as CSV for Excel in Russian: UTF-8 with BOM, `;`, roubles with a comma. */
  async csv(customerId: string, companyId: string, q: SpendingQuery, res: Response): Promise<void> {
    const period = this.period(q);
    const { company } = await this.deps.corporate.reader(this.ds.manager, customerId, companyId);
    const r = await this.build(this.ds.manager, company, q, period);
    const k = (m: { amount: number }) => roubles(BigInt(m.amount));
    const rows: string[][] = [
      ['Номер', 'Сотрудник', 'Отдел', 'Расходы, ₽'],
      ...r.byLine.map((l) => [l.msisdn, l.employee ?? '', l.department ?? '', k(l.spent)]),
      [],
      ['Отдел', 'Номеров', '', 'Расходы, ₽'],
      ...r.byDepartment.map((d) => [d.department ?? 'Без отдела', String(d.lines), '', k(d.spent)]),
      [],
      ['Начисления по счёту в целом', '', '', k(r.accountWide)],
      ['Итого', '', '', k(r.total)],
    ];
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="spending-${company.inn}-${q.from}-${q.to}.csv"`);
    res.status(200).send(Buffer.from(`\uFEFF${stringify(rows, { delimiter: ';', record_delimiter: '\r\n' })}`, 'utf8'));
  }

  /** The ledger's charges of an account in [start, end), by kind (the closing documents' lines). */
  static async charges(em: EntityManager, accountId: string, start: Date, end: Date): Promise<{ kind: string; amount: bigint }[]> {
    const rows: { kind: string; amount: string }[] = await em.query(
      `SELECT kind, -sum(amount) AS amount FROM ledger_entries WHERE account_id = $1 AND amount < 0 AND created_at >= $2 AND created_at < $3 GROUP BY kind ORDER BY kind`,
      [accountId, start, end],
    );
    return rows.map((r) => ({ kind: r.kind, amount: BigInt(r.amount) }));
  }
}
