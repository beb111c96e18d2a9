import type { LoanCalculation, LoanCapsInForce, LoanProductView, LoanScheduleRow, LoanView, SavedCardView } from '@cabinet/shared-types';

export const rub = (amount: number) => ({ amount, currency: 'RUB' as const });

export const shortProduct: LoanProductView = {
  id: 'prod-short',
  code: 'do-zarplaty',
  name: 'До зарплаты',
  kind: 'short',
  description: 'От 1 000 до 30 000 ₽ на 7–30 дней.',
  minAmount: rub(1_000_00),
  maxAmount: rub(30_000_00),
  minTermDays: 7,
  maxTermDays: 30,
  termStepDays: 1,
  paymentPeriodDays: null,
  dailyRate: 0.8,
  penaltyRate: 20,
  extension: { fee: rub(300_00), minDays: 7, maxDays: 30, maxCount: 3 },
};

export const instalmentProduct: LoanProductView = {
  id: 'prod-instalment',
  code: 'rassrochka',
  name: 'Заём в рассрочку',
  kind: 'instalment',
  description: 'От 30 000 до 100 000 ₽ на 2–12 месяцев.',
  minAmount: rub(30_000_00),
  maxAmount: rub(100_000_00),
  minTermDays: 60,
  maxTermDays: 360,
  termStepDays: 30,
  paymentPeriodDays: 30,
  dailyRate: 0.35,
  penaltyRate: 20,
  extension: null,
};

export const caps: LoanCapsInForce = { date: '2026-11-22', dailyRate: 0.8, totalCost: 100, penaltyRate: 20, highCostLoans: { pskAbove: 200, maxLoans: 2 }, sources: ['353-ФЗ'] };

/** What the API's calculator answers for a short loan: 0.8 % a day. */
export function calculation(amount: number, termDays: number): LoanCalculation {
  const interest = Math.floor((amount * 8000 * termDays) / 1e6);
  const due = new Date(Date.UTC(2026, 10, 22 + termDays)).toISOString().slice(0, 10);
  return {
    product: { id: shortProduct.id, name: shortProduct.name, kind: 'short' },
    amount: rub(amount),
    termDays,
    loanDate: '2026-11-22',
    dueOn: due,
    dailyRate: 0.8,
    psk: 292,
    totalToRepay: rub(amount + interest),
    overpayment: rub(interest),
    schedule: [{ n: 1, dueOn: due, principal: rub(amount), interest: rub(interest), total: rub(amount + interest), remainingAfter: rub(0), status: 'planned' }],
    caps,
    capped: false,
  };
}

const scheduleRow = (over: Partial<LoanScheduleRow> = {}): LoanScheduleRow => ({
  n: 1,
  dueOn: '2026-12-22',
  principal: rub(10_000_00),
  interest: rub(2_400_00),
  total: rub(12_400_00),
  remainingAfter: rub(0),
  status: 'next',
  ...over,
});

export function loan(over: Partial<LoanView> = {}): LoanView {
  return {
    id: 'loan-1',
    number: 'З-000042',
    status: 'active',
    product: { id: shortProduct.id, name: shortProduct.name, kind: 'short' },
    amount: rub(10_000_00),
    termDays: 30,
    createdAt: '2026-11-22T09:00:00Z',
    updatedAt: '2026-11-22T09:05:00Z',
    debt: { principal: rub(10_000_00), interest: rub(800_00), penalty: rub(54_79), total: rub(10_854_79), asOf: '2026-12-02', charged: rub(854_79), chargeCap: rub(10_000_00) },
    nextPayment: { dueOn: '2026-12-22', amount: rub(12_400_00) },
    borrower: { surname: 'Иванов', name: 'Иван' },
    phoneConfirmedAt: '2026-11-22T09:00:00Z',
    consents: [],
    decision: { outcome: 'approved', reason: null, note: null, at: '2026-11-22T09:01:00Z' },
    approvalValidUntil: null,
    history: [
      { status: 'draft', at: '2026-11-22T09:00:00Z', note: 'Телефон подтверждён кодом из SMS' },
      { status: 'approved', at: '2026-11-22T09:01:00Z', note: 'Одобрено автоматически' },
      { status: 'active', at: '2026-11-22T09:02:00Z', note: 'Деньги зачислены на карту •••• 1111' },
    ],
    contract: { issuedOn: '2026-11-22', dueOn: '2026-12-22', dailyRate: 0.8, penaltyRate: 20, psk: 292, totalToRepay: rub(12_400_00), caps },
    schedule: [scheduleRow()],
    operations: [
      { id: 'op-1', at: '2026-11-22T09:02:00Z', kind: 'disbursement', amount: rub(10_000_00), toPenalty: rub(0), toInterest: rub(0), toFee: rub(0), toPrincipal: rub(0), paymentId: null, description: 'Выдача на карту •••• 1111' },
    ],
    payout: { status: 'succeeded', card: { last4: '1111', brand: 'visa', holder: 'IVAN IVANOV' }, failureReason: null, at: '2026-11-22T09:02:00Z' },
    extensions: 0,
    services: [],
    ...over,
  };
}

export const ownCard: SavedCardView = { id: 'card-1', last4: '1111', brand: 'visa', expMonth: 12, expYear: 2030, holder: 'IVAN IVANOV', isDefault: true, createdAt: '2026-11-20T09:00:00Z' };
export const otherCard: SavedCardView = { id: 'card-2', last4: '4444', brand: 'mastercard', expMonth: 12, expYear: 2030, holder: 'PETR SIDOROV', isDefault: false, createdAt: '2026-11-21T09:00:00Z' };
