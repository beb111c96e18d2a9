import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock';
import type { CustomersService } from '../customers';
import { plasticNumber, virtualNumber } from './card-number';
import { PointsBook } from './points';
import { TILL_SIMULATOR, type TillService } from './till';

/** The reward catalog (reference data, like the tariffs). */
export const BONUS_REWARDS = [
  { code: 'coffee', title: 'Кофе в кафе АЗС', description: 'Любой кофе 0,3 л в кафе на станции', kind: 'voucher', points: 90, validDays: 30 },
  { code: 'car-wash', title: 'Автомойка «Экспресс»', description: 'Бесконтактная мойка кузова на АЗС с автомойкой', kind: 'voucher', points: 250, validDays: 60 },
  { code: 'minutes-100', title: '100 минут связи', description: 'Пакет минут на звонки по России на 30 дней: введите код в кабинете оператора', kind: 'mobile_minutes', points: 300, validDays: 30 },
  { code: 'data-5gb', title: '5 ГБ интернета', description: 'Пакет мобильного интернета на 30 дней: введите код в кабинете оператора', kind: 'mobile_data', points: 400, validDays: 30 },
  { code: 'fuel-500', title: 'Сертификат на топливо 500 ₽', description: 'Оплата топлива на любой АЗС сети', kind: 'voucher', points: 480, validDays: 90 },
] as const;

/** The demo batch of plastic cards and the demo members (README lists them). */
export const DEMO_BONUS = {
  batch: { code: 'SMART-2026-01', name: 'Карты SMART, партия 1', price: 10000, batch: 1, size: 50 },
  /** Ivan's plastic card (with history and points about to expire). */
  ivanCard: plasticNumber(1, 1),
  /** Printed and sold, waiting for activation. */
  freeCards: [2, 3, 4, 5, 6].map((n) => plasticNumber(1, n)),
} as const;

export async function seedBonusCatalog(em: EntityManager): Promise<void> {
  for (const [position, r] of BONUS_REWARDS.entries()) {
    await em.query(
      `INSERT INTO bonus_rewards (code, title, description, kind, points, valid_days, position) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING`,
      [r.code, r.title, r.description, r.kind, r.points, r.validDays, position],
    );
  }
}

/** A batch of printed cards: `2 7801 BB SSSSS C`, serials 1…size. Idempotent. */
export async function issueCardBatch(em: EntityManager, clock: Clock, b: { code: string; name: string; price: number; batch: number; size: number; firstSerial?: number }): Promise<string[]> {
  const [row] = await em.query(
    'INSERT INTO bonus_card_batches (code, name, price, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id',
    [b.code, b.name, b.price, clock.now()],
  );
  const first = b.firstSerial ?? 1;
  const numbers = Array.from({ length: b.size }, (_, i) => plasticNumber(b.batch, first + i));
  await em.query(
    `INSERT INTO bonus_cards (number, kind, batch_id, status, created_at) SELECT n, 'plastic', $2, 'issued', $3 FROM unnest($1::text[]) n ON CONFLICT (number) DO NOTHING`,
    [numbers, row.id, clock.now()],
  );
  return numbers;
}

const DAY = 24 * 3600_000;

/**
 * Demo data of the program: the catalog, a demo campaign, a batch of cards, Ivan (+79210000001) with a
 * plastic card and a year of history — some of it about to expire — and Anna (+79210000002) with a
 * virtual card. Safe to run again: nothing is added twice.
 */
export async function seedBonus(ds: DataSource, deps: { customers: CustomersService; till: TillService; ttlMonths: number }, clock: Clock): Promise<void> {
  const book = new PointsBook(clock, deps.ttlMonths);
  const now = clock.now();
  const ivan = await ds.transaction(async (em) => {
    await seedBonusCatalog(em);
    await issueCardBatch(em, clock, DEMO_BONUS.batch);
    const [{ n }] = await em.query('SELECT count(*)::int AS n FROM bonus_campaigns');
    if (!n) {
      await em.query(
        `INSERT INTO bonus_campaigns (name, multiplier, categories, weekdays, starts_at, ends_at, created_at) VALUES
           ('Двойные баллы по выходным', 2, NULL, '{6,7}', $1, $2, $1),
           ('Кофе ×3', 3, '{cafe}', NULL, $1, $3, $1)`,
        [now, new Date(now.getTime() + 365 * DAY), new Date(now.getTime() + 60 * DAY)],
      );
    }
    const ivan = await deps.customers.findCredentials(em, '+79210000001');
    const anna = await deps.customers.findCredentials(em, '+79210000002');
    if (anna && !(await em.query('SELECT 1 FROM bonus_members WHERE customer_id = $1', [anna.id])).length) {
      await book.enroll(em, anna.id);
      await em.query(
        `INSERT INTO bonus_cards (number, kind, customer_id, status, activated_at, created_at) VALUES ($1, 'virtual', $2, 'active', $3, $3)`,
        [await nextVirtual(em), anna.id, now],
      );
      await book.lock(em, anna.id);
      await book.credit(em, { customerId: anna.id, kind: 'accrual', description: 'Покупка: АЗС №8, Лиговский пр.', at: new Date(now.getTime() - 20 * DAY) }, 40, { earnedAt: new Date(now.getTime() - 20 * DAY), source: 'accrual' });
    }
    if (!ivan || (await em.query('SELECT 1 FROM bonus_members WHERE customer_id = $1', [ivan.id])).length) return null;
    await book.enroll(em, ivan.id);
    const [card] = await em.query(`WITH u AS (UPDATE bonus_cards SET status = 'active', customer_id = $2, activated_at = $3 WHERE number = $1 AND status = 'issued' RETURNING id) SELECT id FROM u`, [
      DEMO_BONUS.ivanCard,
      ivan.id,
      new Date(now.getTime() - 360 * DAY),
    ]);
    await book.lock(em, ivan.id);
    const earn = async (daysAgo: number, points: number, station: string) => {
      const at = new Date(now.getTime() - daysAgo * DAY);
      await book.credit(em, { customerId: ivan.id, kind: 'accrual', description: `Покупка: ${station}`, cardId: card?.id, at }, points, { earnedAt: at, source: 'accrual' });
    };
    // Earned almost a year ago: these expire in a few days ("N points expire on DATE").
    await earn(355, 120, 'АЗС №3, Московский пр.');
    await earn(300, 64, 'АЗС №17, Пулковское ш.');
    await earn(180, 85, 'АЗС №3, Московский пр.');
    await book.debit(em, { customerId: ivan.id, kind: 'spend', description: 'Оплата баллами: АЗС №17, Пулковское ш.', cardId: card?.id, at: new Date(now.getTime() - 90 * DAY) }, 50);
    await earn(60, 230, 'АЗС №8, Лиговский пр.');
    return ivan.id;
  });
  if (!ivan) return;
  // Two recent receipts through the tills' own path (the simulator's key), so they can be refunded in the simulator.
  const day = (n: number) => new Date(now.getTime() - n * DAY).toISOString();
  await deps.till.purchase(TILL_SIMULATOR, {
    receiptId: 'DEMO-0001',
    cardNumber: DEMO_BONUS.ivanCard,
    station: 'АЗС №17, Пулковское ш.',
    occurredAt: day(3),
    items: [
      { name: 'АИ-95', category: 'fuel', quantity: 40, amount: { amount: 254000, currency: 'RUB' } },
      { name: 'Сигареты', category: 'tobacco', amount: { amount: 22000, currency: 'RUB' } },
    ],
  });
  await deps.till.purchase(TILL_SIMULATOR, {
    receiptId: 'DEMO-0002',
    cardNumber: DEMO_BONUS.ivanCard,
    station: 'АЗС №3, Московский пр.',
    occurredAt: day(1),
    items: [
      { name: 'Капучино 0,3', category: 'cafe', amount: { amount: 19000, currency: 'RUB' } },
      { name: 'Омывающая жидкость', category: 'goods', amount: { amount: 45000, currency: 'RUB' } },
    ],
  });
}

async function nextVirtual(em: EntityManager): Promise<string> {
  const [{ seq }] = await em.query(`SELECT nextval('bonus_virtual_card_seq') AS seq`);
  return virtualNumber(BigInt(seq));
}
