import type { DataSource, EntityManager } from 'typeorm';
import type { ConfirmPhoneChangeRequest, CustomerCardSection } from '@cabinet/shared-types';
import type { Clock } from '../../platform/clock';
import { formatRub } from '../../platform/money';
import type { OtpService } from '../../platform/otp/otp.service';
import type { RateCounter } from '../../platform/rate-limit';
import type { AuditService } from '../audit';
import type { EventPublisher } from '../integrations';
import type { AuthService } from '../auth';
import type { CustomersService, IdentityCheck } from '../customers';
import type { NotificationsService } from '../notifications';
import type { PaymentsService, PayoutsService } from '../payments';
import { LoanApplicationsService } from './applications';
import { SandboxCreditBureau, type CreditBureau } from './bureau';
import { LoanCatalogService } from './catalog';
import { LoanPaidServicesService } from './paid-services';
import { OPEN_LOAN_STATUSES } from './repository';
import { LoanReviewService } from './review';
import { LoanServicingService } from './servicing';

export interface LoansDeps {
  customers: CustomersService;
  auth: AuthService;
  otp: OtpService;
  rate: RateCounter;
  notifications: NotificationsService;
  audit: AuditService;
  payments: PaymentsService;
  payouts: PayoutsService;
  bureau?: CreditBureau;
  /** Webhooks: `loan.status_changed`. */
  events?: EventPublisher;
  /** Signs the wizard's phone confirmations. */
  secret: string;
}

/**
 * The loans module's public face: the catalog and calculator, applications and their decision, the
 * back office's review, servicing — and what other modules ask of it (is a loan open? is this the
 * borrower's passport?).
 */
export class LoansService implements IdentityCheck {
  readonly catalog: LoanCatalogService;
  readonly applications: LoanApplicationsService;
  readonly servicing: LoanServicingService;
  readonly review: LoanReviewService;
  /** Optional paid services offered with a loan (opt-in, priced apart, refundable within 14 days). */
  readonly paidServices: LoanPaidServicesService;

  constructor(
    private readonly ds: DataSource,
    clock: Clock,
    deps: LoansDeps,
  ) {
    const bureau = deps.bureau ?? new SandboxCreditBureau();
    this.catalog = new LoanCatalogService(ds, clock);
    this.paidServices = new LoanPaidServicesService(ds, clock, { payments: deps.payments, notifications: deps.notifications, audit: deps.audit });
    this.applications = new LoanApplicationsService(ds, clock, { ...deps, bureau, paidServices: this.paidServices });
    this.servicing = new LoanServicingService(ds, clock, {
      payments: deps.payments,
      payouts: deps.payouts,
      notifications: deps.notifications,
      applications: this.applications,
      paidServices: this.paidServices,
      events: deps.events,
    });
    this.review = new LoanReviewService(ds, clock, { applications: this.applications, audit: deps.audit, notifications: deps.notifications, bureau });
  }

  /** Money is owed on a loan of this customer (paid out, active or overdue): e.g. an account may not be closed. */
  async hasOpenLoan(customerId: string, em: EntityManager = this.ds.manager): Promise<boolean> {
    const [row] = await em.query('SELECT 1 FROM loans WHERE customer_id = $1 AND status = ANY($2) LIMIT 1', [customerId, OPEN_LOAN_STATUSES]);
    return !!row;
  }

  /** The loans section of the staff's customer card (the back-office console): the newest loans and their debt. */
  async cardSection(customerId: string): Promise<CustomerCardSection | null> {
    const { items } = await this.applications.list(customerId, { limit: 20 });
    if (!items.length) return null;
    return {
      key: 'loans',
      title: 'Займы',
      items: items.map((l) => ({
        id: l.id,
        title: `${l.number} · ${l.product.name}`,
        subtitle: `${formatRub(l.amount.amount)} на ${l.termDays} дн.${l.debt ? ` · долг ${formatRub(l.debt.total.amount)}` : ''}`,
        status: l.status,
        amount: l.debt ? l.debt.total : l.amount,
        at: l.createdAt,
        link: l.status === 'in_review' ? '/backoffice/loans' : null,
      })),
    };
  }

  /** A borrower has passport data on file: a phone change then waits for an operator's identity check. */
  async hasBorrowerProfile(em: EntityManager, customerId: string): Promise<boolean> {
    const [row] = await em.query('SELECT 1 FROM borrower_profiles WHERE customer_id = $1', [customerId]);
    return !!row;
  }

  async passportMatches(em: EntityManager, customerId: string, passport: ConfirmPhoneChangeRequest): Promise<boolean> {
    const [row] = await em.query('SELECT passport_series, passport_number FROM borrower_profiles WHERE customer_id = $1', [customerId]);
    return !!row && row.passport_series === passport.passportSeries.trim() && row.passport_number === passport.passportNumber.trim();
  }
}
