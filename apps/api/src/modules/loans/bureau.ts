import type { EntityManager } from 'typeorm';
import type { CreditBureauLoan } from '@cabinet/shared-types';

/** Who is asked about (the credit-bureau consent of the application allows the request). */
export interface BureauSubject {
  surname: string;
  name: string;
  birthDate: string;
  passportSeries: string;
  passportNumber: string;
}

/**
 * A credit bureau (НБКИ, ОКБ…): the borrower's loans at other lenders, open or overdue, with their ПСК.
 * The decision rules count these with our own loans. The product talks only through this interface.
 */
export interface CreditBureau {
  readonly name: string;
  report(em: EntityManager, subject: BureauSubject): Promise<CreditBureauLoan[]>;
}

/**
 * The local stand-in: a table of other lenders' loans by passport (`sandbox_credit_bureau_loans`) that
 * tests and demos fill in. A passport it does not know has a clean history.
 */
export class SandboxCreditBureau implements CreditBureau {
  readonly name = 'sandbox';

  async report(em: EntityManager, s: BureauSubject): Promise<CreditBureauLoan[]> {
    const rows: { lender: string; psk: string; status: 'active' | 'overdue' }[] = await em.query(
      `SELECT lender, psk, status FROM sandbox_credit_bureau_loans WHERE passport_series = $1 AND passport_number = $2 AND status <> 'closed' ORDER BY opened_on`,
      [s.passportSeries, s.passportNumber],
    );
    return rows.map((r) => ({ lender: r.lender, psk: Number(r.psk), status: r.status }));
  }
}
