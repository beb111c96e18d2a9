import type {
  AutopayView,
  DeferredPaymentOffer,
  MonthlySummaryView,
  PaymentView,
  PromisedPaymentOffer,
  ReceiptView,
  SavedCardView,
  TransactionView,
} from '@cabinet/shared-types';

export const rub = (amount: number) => ({ amount, currency: 'RUB' as const });

export function payment(overrides: Partial<PaymentView> = {}): PaymentView {
  return {
    id: 'p-1',
    accountId: 'a-1',
    accountNumber: '7000001',
    loanId: null,
    amount: rub(50000),
    method: 'bank_card',
    status: 'pending',
    confirmation: { type: 'redirect', url: '/api/sandbox/acquirer/pay/sbx_1' },
    cancellationReason: null,
    card: null,
    purpose: 'top_up',
    source: 'customer',
    createdAt: '2026-11-22T09:00:00Z',
    settledAt: null,
    ...overrides,
  };
}

export function savedCard(overrides: Partial<SavedCardView> = {}): SavedCardView {
  return {
    id: 'card-1',
    last4: '4444',
    brand: 'mastercard',
    expMonth: 12,
    expYear: 2030,
    holder: 'IVAN IVANOV',
    isDefault: true,
    createdAt: '2026-10-01T09:00:00Z',
    ...overrides,
  };
}

export const mirCard = savedCard({ id: 'card-2', last4: '0004', brand: 'mir', isDefault: false, createdAt: '2026-11-01T09:00:00Z' });

export function autopay(overrides: Partial<AutopayView> = {}): AutopayView {
  return {
    id: 'ap-1',
    accountId: 'a-1',
    kind: 'threshold',
    card: savedCard(),
    amount: rub(50000),
    threshold: rub(10000),
    dayOfMonth: null,
    status: 'active',
    failures: 0,
    lastRunAt: null,
    nextRunAt: null,
    createdAt: '2026-11-01T09:00:00Z',
    ...overrides,
  };
}

export function receipt(overrides: Partial<ReceiptView> = {}): ReceiptView {
  return {
    paymentId: 'p-1',
    number: 'R-000123',
    seller: { name: 'ООО «Кабинет Связь»', inn: '7801234567', taxSystem: 'УСН доходы', address: 'https://cabinet.example' },
    customerContact: '+79210000001',
    items: [
      {
        description: 'Пополнение лицевого счёта 7000001',
        quantity: 1,
        price: rub(50000),
        amount: rub(50000),
        vat: 'none',
        paymentSubject: 'service',
        paymentMode: 'full_prepayment',
      },
    ],
    total: rub(50000),
    method: 'bank_card',
    card: { last4: '4444', brand: 'mastercard' },
    paidAt: '2026-11-22T09:01:00Z',
    fiscal: { fn: '9999078900004792', fd: '12345', fpd: null },
    ...overrides,
  };
}

export function transaction(overrides: Partial<TransactionView> = {}): TransactionView {
  return {
    id: 'tx-1',
    amount: rub(-65000),
    kind: 'monthly_fee',
    description: 'Абонентская плата, тариф «Без переплат. Всё»',
    balanceAfter: rub(34250),
    createdAt: '2026-11-22T05:00:00Z',
    ...overrides,
  };
}

export const summary: MonthlySummaryView = {
  months: [
    { month: '2026-06', spent: rub(65000), received: rub(100000), byKind: { monthly_fee: rub(65000) } },
    { month: '2026-07', spent: rub(70000), received: rub(50000), byKind: {} },
    { month: '2026-08', spent: rub(0), received: rub(0), byKind: {} },
    { month: '2026-09', spent: rub(85000), received: rub(100000), byKind: {} },
    { month: '2026-10', spent: rub(65000), received: rub(30000), byKind: {} },
    { month: '2026-11', spent: rub(85000), received: rub(50000), byKind: {} },
  ],
};

export function promisedOffer(overrides: Partial<PromisedPaymentOffer> = {}): PromisedPaymentOffer {
  return {
    available: true,
    reason: null,
    maxAmount: rub(50000),
    fees: [
      { upTo: rub(10000), fee: rub(0) },
      { upTo: rub(30000), fee: rub(2500) },
      { upTo: rub(50000), fee: rub(5000) },
    ],
    days: 3,
    open: null,
    ...overrides,
  };
}

export function deferredOffer(overrides: Partial<DeferredPaymentOffer> = {}): DeferredPaymentOffer {
  return {
    available: true,
    reason: null,
    maxDays: 5,
    paidUntil: '2026-12-22',
    monthlyFee: rub(75000),
    last: null,
    ...overrides,
  };
}
