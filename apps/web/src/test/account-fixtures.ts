import type { AccountView, MobileLineView, TariffOptionView, TariffView } from '@cabinet/shared-types';

const rub = (amount: number) => ({ amount, currency: 'RUB' as const });

export function tariff(overrides: Partial<TariffView> = {}): TariffView {
  return {
    id: 't-vse',
    code: 'megafon-vse',
    kind: 'mobile',
    provider: 'megafon',
    name: 'Без переплат. Всё',
    description: 'Звонки, SMS и интернет с запасом',
    region: 'spb',
    monthlyFee: rub(65000),
    changeFee: rub(0),
    packages: { minutes: 1500, sms: 500, mb: 40960 },
    speedMbps: null,
    overage: { minute: rub(250), sms: rub(250), mb: rub(100) },
    archived: false,
    ...overrides,
  };
}

export const minimum = tariff({
  id: 't-min',
  code: 'megafon-minimum',
  name: 'Минимум',
  description: 'Для тех, кто больше звонит',
  monthlyFee: rub(35000),
  changeFee: rub(10000),
  packages: { minutes: 400, sms: 100, mb: 10240 },
});

export const black = tariff({
  id: 't-black',
  code: 'tele2-black',
  provider: 'tele2',
  name: 'Черный',
  monthlyFee: rub(50000),
  packages: { minutes: 500, sms: 100, mb: 30720 },
});

export const home500 = tariff({
  id: 't-h500',
  code: 'skynet-500',
  kind: 'internet',
  provider: 'skynet',
  name: 'Домашний 500',
  description: 'Для всей семьи',
  monthlyFee: rub(75000),
  packages: null,
  overage: null,
  speedMbps: 500,
});

export const plus10: TariffOptionView = {
  id: 'o-10gb',
  code: 'megafon-plus-10gb',
  kind: 'mobile',
  provider: 'megafon',
  name: '+10 ГБ',
  description: 'Дополнительные 10 ГБ каждый месяц',
  monthlyFee: rub(20000),
  adds: { minutes: 0, sms: 0, mb: 10240 },
  tariffIds: ['t-vse', 't-min'],
};

export function line(overrides: Partial<MobileLineView> = {}): MobileLineView {
  return {
    id: 'l-1',
    accountId: 'a-1',
    msisdn: '+79210000001',
    iccidLast4: '0017',
    operator: 'megafon',
    status: 'active',
    blockReason: null,
    blockedAt: null,
    restriction: null,
    tariff: tariff(),
    options: [],
    packages: {
      minutes: { left: 1088, total: 1500 },
      sms: { left: 463, total: 500 },
      mb: { left: 24160, total: 40960 },
      resetsAt: '2026-12-22T05:00:00Z',
    },
    periodStart: '2026-11-22T05:00:00Z',
    periodEnd: '2026-12-22T05:00:00Z',
    scheduledChange: null,
    ...overrides,
  };
}

export function mobileAccount(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: 'a-1',
    number: '7000001',
    kind: 'mobile',
    status: 'active',
    balance: rub(34250),
    creditLimit: rub(0),
    paidUntil: null,
    lowBalance: true,
    access: 'owner',
    managedLineId: null,
    lines: [line(), line({ id: 'l-2', msisdn: '+79520000011', operator: 'tele2', tariff: black })],
    contract: null,
    createdAt: '2026-01-10T09:00:00Z',
    ...overrides,
  };
}

export function internetAccount(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: 'i-1',
    number: '8000001',
    kind: 'internet',
    status: 'active',
    balance: rub(120000),
    creditLimit: rub(0),
    paidUntil: '2026-12-22',
    lowBalance: false,
    access: 'owner',
    managedLineId: null,
    lines: [],
    contract: {
      id: 'c-1',
      accountId: 'i-1',
      contractNumber: '100200300',
      address: 'Санкт-Петербург, ул. Садовая, д. 10, кв. 5',
      status: 'active',
      suspendedAt: null,
      tariff: home500,
      trafficMb: 183500,
      periodStart: '2026-11-22T05:00:00Z',
      periodEnd: '2026-12-22T05:00:00Z',
      deviceCount: 2,
      scheduledChange: null,
    },
    createdAt: '2026-01-10T09:00:00Z',
    ...overrides,
  };
}
