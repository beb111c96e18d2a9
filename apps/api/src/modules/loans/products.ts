import type { EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock';

/**
 * The two products of the catalog. Rates are within the caps (0.8 % a day, penalty 20 % a year):
 * the short loan's ПСК is 292 % (0.8 % × 365), the instalment loan's 127.75 % (0.35 % × 365).
 */
export const LOAN_PRODUCTS = [
  {
    code: 'do-zarplaty',
    name: 'До зарплаты',
    kind: 'short' as const,
    description: 'От 1 000 до 30 000 ₽ на 7–30 дней, одним платежом в конце срока. Можно продлить, оплатив проценты и плату за продление.',
    minAmount: 1_000_00,
    maxAmount: 30_000_00,
    minTermDays: 7,
    maxTermDays: 30,
    termStepDays: 1,
    paymentPeriodDays: null,
    dailyRatePpm: 8_000,
    penaltyAnnualPpm: 200_000,
    extension: { fee: 300_00, minDays: 7, maxDays: 30, maxCount: 3 },
  },
  {
    code: 'rassrochka',
    name: 'Заём в рассрочку',
    kind: 'instalment' as const,
    description: 'От 30 000 до 100 000 ₽ на 2–12 месяцев, равными платежами каждые 30 дней по графику.',
    minAmount: 30_000_00,
    maxAmount: 100_000_00,
    minTermDays: 60,
    maxTermDays: 360,
    termStepDays: 30,
    paymentPeriodDays: 30,
    dailyRatePpm: 3_500,
    penaltyAnnualPpm: 200_000,
    extension: null,
  },
];

/** Adds the products that are missing (by code). Safe to run again. */
export async function seedLoanProducts(em: EntityManager, clock: Clock): Promise<void> {
  for (const p of LOAN_PRODUCTS) {
    await em.query(
      `INSERT INTO loan_products (code, name, kind, description, min_amount, max_amount, min_term_days, max_term_days, term_step_days, payment_period_days,
                                  daily_rate_ppm, penalty_annual_ppm, extension_fee, extension_min_days, extension_max_days, extension_max_count, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT (code) DO NOTHING`,
      [p.code, p.name, p.kind, p.description, p.minAmount, p.maxAmount, p.minTermDays, p.maxTermDays, p.termStepDays, p.paymentPeriodDays, p.dailyRatePpm, p.penaltyAnnualPpm,
        p.extension?.fee ?? null, p.extension?.minDays ?? null, p.extension?.maxDays ?? null, p.extension?.maxCount ?? null, clock.now()],
    );
  }
}
