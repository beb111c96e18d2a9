import type { ApplicationStatusView, ApplicationView, CustomerCard, NumberView, OrderView } from '@cabinet/shared-types';
import { mobileAccount } from './account-fixtures';
import { customer } from './fake-api';

const rub = (amount: number) => ({ amount, currency: 'RUB' as const });

export const accepted: ApplicationStatusView = {
  number: 'A-100001',
  kind: 'mobile',
  status: 'new',
  reason: null,
  tariff: { id: 't-vse', name: 'Без переплат. Всё' },
  chosenNumber: null,
  createdAt: '2026-11-22T09:00:00Z',
  updatedAt: '2026-11-22T09:00:00Z',
  history: [{ status: 'new', at: '2026-11-22T09:00:00Z', reason: null }],
};

export function application(overrides: Partial<ApplicationView> = {}): ApplicationView {
  return {
    id: 'app-1',
    number: 'A-100001',
    kind: 'mobile',
    status: 'new',
    reason: null,
    name: 'Мария',
    companyName: null,
    phone: '+79215550101',
    email: null,
    address: 'Литейный пр., д. 20',
    internetAddress: null,
    topic: null,
    comment: null,
    tariff: { id: 't-vse', name: 'Без переплат. Всё', provider: 'megafon', monthlyFee: rub(65000) },
    chosenNumber: null,
    existingCustomerId: null,
    result: null,
    createdAt: '2026-11-22T09:00:00Z',
    updatedAt: '2026-11-22T09:00:00Z',
    history: [{ status: 'new', at: '2026-11-22T09:00:00Z', reason: null, actor: null }],
    ...overrides,
  };
}

export function beautiful(overrides: Partial<NumberView> = {}): NumberView {
  return {
    id: 'n-1',
    msisdn: '+79217777777',
    operator: 'megafon',
    category: 'platinum',
    patterns: ['777', 'repeating'],
    operatorPrice: rub(10_000_000),
    price: rub(5_000_000),
    ...overrides,
  };
}

export function order(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: 'o-1',
    number: 'O-100001',
    kind: 'number',
    status: 'new',
    reason: null,
    accountId: 'a-1',
    accountNumber: '7000001',
    line: { id: 'l-1', msisdn: '+79210000001' },
    beautifulNumber: { id: 'n-1', msisdn: '+79211234567', operator: 'megafon' },
    tariff: null,
    delivery: null,
    address: null,
    pickupOfficeId: null,
    comment: null,
    price: rub(1_500_000),
    resultLineId: null,
    createdAt: '2026-11-22T09:00:00Z',
    updatedAt: '2026-11-22T09:00:00Z',
    history: [{ status: 'new', at: '2026-11-22T09:00:00Z', reason: null }],
    ...overrides,
  };
}

export const operator = { ...customer, id: 'staff-1', phone: '+79210000099', surname: 'Смирнова', name: 'Ольга', role: 'operator' as const };
export const admin = { ...customer, id: 'staff-2', phone: '+79210000098', surname: 'Кравцов', name: 'Андрей', role: 'admin' as const };

export function card(): CustomerCard {
  return {
    customer,
    accounts: [mobileAccount()],
    sessions: [{ id: 's-9', createdAt: '2026-11-22T08:00:00Z', lastSeenAt: '2026-11-22T08:30:00Z', userAgent: 'Firefox', ip: '192.0.2.1' }],
    payments: [],
    sections: [
      {
        key: 'orders',
        title: 'Заказы SIM-карт и номеров',
        items: [{ id: 'o-1', title: 'O-100001 · SIM-карта', subtitle: 'Счёт 7000001', status: 'new', amount: null, at: '2026-11-22T09:00:00Z', link: '/backoffice/orders/o-1' }],
      },
    ],
  };
}
