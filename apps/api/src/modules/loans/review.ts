import type { DataSource } from 'typeorm';
import type { BorrowerData, ConsentKind, LoanReviewItem, LoanReviewView, LoanStatus, Page } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { moscowDay } from '../../platform/moscow';
import { AppError } from '../../platform/errors';
import { rub } from '../../platform/money';
import { decodeCursor, toPage } from '../../platform/pagination';
import type { AuthContext } from '../../platform/routes';
import type { AuditService } from '../audit';
import type { RequestMeta } from '../customers';
import type { NotificationsService } from '../notifications';
import type { LoanApplicationsService } from './applications';
import type { CreditBureau } from './bureau';
import { priceLoan } from './catalog';
import { loanById, loanNumber, type LoanRow, type ProductRow } from './repository';

type ReviewRow = LoanRow & { product_name: string; product_kind: ProductRow['kind']; payment_period_days: number | null; c_surname: string; c_name: string; c_patronymic: string | null; c_phone: string };

const SELECT = `SELECT l.*, p.name AS product_name, p.kind AS product_kind, p.payment_period_days,
                       c.surname AS c_surname, c.name AS c_name, c.patronymic AS c_patronymic, c.phone AS c_phone
                  FROM loans l JOIN loan_products p ON p.id = l.product_id JOIN customers c ON c.id = l.customer_id`;

/**
 * The operators' side of applications (back office): the queue of applications the rules sent to manual
 * review, one application with everything the rules saw, and the decision. Every action is audited with
 * the operator as actor (viewing an application too: it shows passport data). A staff queue is
 * cross-customer by nature, so these queries do not filter by customer.
 */
export class LoanReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly deps: { applications: LoanApplicationsService; audit: AuditService; notifications: NotificationsService; bureau: CreditBureau },
  ) {}

  async queue(q: { status?: LoanStatus; limit: number; cursor?: string }): Promise<Page<LoanReviewItem>> {
    const after = decodeCursor(q.cursor);
    const status = q.status ?? 'in_review';
    const rows: ReviewRow[] = await this.ds.query(
      `${SELECT} WHERE l.status = $1 AND l.submitted_at IS NOT NULL ${after ? 'AND (l.submitted_at, l.id) > ($3::timestamptz, $4::uuid)' : ''} ORDER BY l.submitted_at, l.id LIMIT $2`,
      after ? [status, q.limit + 1, after.at, after.id] : [status, q.limit + 1],
    );
    return toPage(rows, q.limit, (r) => ({ at: (r.submitted_at as Date).toISOString(), id: r.id }), (r) => this.item(r));
  }

  async get(actor: AuthContext, id: string, meta: RequestMeta): Promise<LoanReviewView> {
    const r = await this.row(id);
    await this.ds.transaction((em) => this.deps.audit.record(em, { action: 'loan_application_viewed', actorId: actor.customerId, customerId: r.customer_id, ip: meta.ip, details: { loanId: id } }));
    return this.view(r);
  }

  async approve(actor: AuthContext, id: string, comment: string | undefined, meta: RequestMeta): Promise<LoanReviewView> {
    return this.decide(actor, id, { outcome: 'approved', reason: 'approved_by_operator', note: comment ?? null }, meta);
  }

  async reject(actor: AuthContext, id: string, reason: string, meta: RequestMeta): Promise<LoanReviewView> {
    return this.decide(actor, id, { outcome: 'rejected', reason: 'rejected_by_operator', note: reason }, meta);
  }

  private async decide(actor: AuthContext, id: string, v: { outcome: 'approved' | 'rejected'; reason: 'approved_by_operator' | 'rejected_by_operator'; note: string | null }, meta: RequestMeta): Promise<LoanReviewView> {
    const messages = await this.ds.transaction(async (em) => {
      const l = await loanById(em, id, true);
      if (l.status !== 'in_review') throw new AppError('loan_not_in_status', 409, `Only an application in review can be decided; this one is ${l.status}.`);
      const out = await this.deps.applications.finish(em, l, v, actor.customerId);
      await this.deps.audit.record(em, {
        action: v.outcome === 'approved' ? 'loan_application_approved' : 'loan_application_rejected',
        actorId: actor.customerId,
        customerId: l.customer_id,
        ip: meta.ip,
        details: { loanId: id, before: 'in_review', after: v.outcome, note: v.note },
      });
      return out;
    });
    await this.deps.notifications.deliver(messages);
    return this.view(await this.row(id));
  }

  private async row(id: string): Promise<ReviewRow> {
    const [r]: ReviewRow[] = await this.ds.query(`${SELECT} WHERE l.id = $1 AND l.status <> 'draft'`, [id]);
    if (!r) throw AppError.notFound('The application');
    return r;
  }

  private item(r: ReviewRow): LoanReviewItem {
    const income = r.borrower.monthlyIncome?.amount ?? null;
    let pti: number | null;
    try {
      const o = priceLoan({ dailyRatePpm: r.daily_rate_ppm, penaltyAnnualPpm: r.penalty_annual_ppm, paymentPeriodDays: r.payment_period_days }, BigInt(r.amount), r.term_days, moscowDay(r.submitted_at ?? this.clock.now()));
      const largest = o.rows.reduce((m, x) => (x.total > m ? x.total : m), 0n);
      pti = income ? Math.round((Number(largest) / income) * 1000) / 1000 : null;
    } catch {
      pti = null;
    }
    return {
      id: r.id,
      number: loanNumber(r.number),
      status: r.status,
      customer: { id: r.customer_id, name: [r.c_surname, r.c_name, r.c_patronymic].filter(Boolean).join(' ') || [r.borrower.surname, r.borrower.name].filter(Boolean).join(' '), phone: r.c_phone },
      product: { id: r.product_id, name: r.product_name, kind: r.product_kind },
      amount: rub(r.amount),
      termDays: r.term_days,
      monthlyIncome: income === null ? null : rub(income),
      paymentToIncome: pti,
      submittedAt: r.submitted_at?.toISOString() ?? null,
      decision: r.decision_outcome && r.decided_at ? { outcome: r.decision_outcome, reason: r.decision_reason, note: r.decision_note, at: r.decided_at.toISOString() } : null,
    };
  }

  private async view(r: ReviewRow): Promise<LoanReviewView> {
    const em = this.ds.manager;
    const history: { status: LoanStatus; note: string | null; at: Date }[] = await em.query('SELECT status, note, at FROM loan_status_changes WHERE loan_id = $1 ORDER BY id', [r.id]);
    const consents: { kind: ConsentKind; version: string; accepted_at: Date }[] = await em.query('SELECT kind, version, accepted_at FROM loan_consents WHERE loan_id = $1 ORDER BY kind', [r.id]);
    const b = r.borrower as BorrowerData;
    const bureau = b.passportSeries ? await this.deps.bureau.report(em, b) : [];
    return {
      ...this.item(r),
      borrower: r.borrower,
      rules: r.decision_rules ?? [],
      bureau,
      history: history.map((h) => ({ status: h.status, at: h.at.toISOString(), note: h.note })),
      consents: consents.map((c) => ({ kind: c.kind, version: c.version, acceptedAt: c.accepted_at.toISOString() })),
    };
  }
}
