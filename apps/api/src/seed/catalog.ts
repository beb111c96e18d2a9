import type { EntityManager } from 'typeorm';
import type { Clock } from '../platform/clock';
import { seedLoanProducts } from '../modules/loans/products';
import { seedHelp } from '../modules/help/seed';

type T = { code: string; kind: 'mobile' | 'internet'; provider: string; name: string; description: string; fee: number; changeFee?: number; minutes?: number; sms?: number; mb?: number; speed?: number; minute?: number; smsPrice?: number; mbPrice?: number; archived?: boolean };
type O = { code: string; kind: 'mobile' | 'internet'; provider: string; name: string; description: string; fee: number; minutes?: number; sms?: number; mb?: number; fits: string[] };

const GB = 1024;

/** A demo catalog modelled on St Petersburg's operators and a home-internet provider (fees in roubles). */
export const DEMO_TARIFFS: T[] = [
  { code: 'megafon-vse', kind: 'mobile', provider: 'megafon', name: 'Без переплат. Всё', description: 'Звонки, SMS и интернет с запасом', fee: 650, minutes: 1500, sms: 500, mb: 40 * GB, minute: 2.5, smsPrice: 2.5, mbPrice: 1 },
  { code: 'megafon-minimum', kind: 'mobile', provider: 'megafon', name: 'Минимум', description: 'Для тех, кто больше звонит', fee: 350, changeFee: 100, minutes: 400, sms: 100, mb: 10 * GB, minute: 2.5, smsPrice: 2.5, mbPrice: 1 },
  { code: 'megafon-archive-2019', kind: 'mobile', provider: 'megafon', name: 'Включайся! Общайся', description: 'Архивный тариф', fee: 300, minutes: 600, sms: 300, mb: 5 * GB, minute: 3, smsPrice: 3, mbPrice: 2, archived: true },
  { code: 'beeline-up', kind: 'mobile', provider: 'beeline', name: 'UP', description: 'Гибкий тариф с ГБ за 0 ₽ на соцсети', fee: 550, minutes: 1000, sms: 300, mb: 30 * GB, minute: 2, smsPrice: 2, mbPrice: 1 },
  { code: 'mts-moy', kind: 'mobile', provider: 'mts', name: 'Мой МТС', description: 'Интернет, звонки и кешбэк', fee: 600, minutes: 800, sms: 300, mb: 35 * GB, minute: 2, smsPrice: 2, mbPrice: 1 },
  { code: 'tele2-black', kind: 'mobile', provider: 'tele2', name: 'Черный', description: 'Безлимит на мессенджеры', fee: 500, minutes: 500, sms: 100, mb: 30 * GB, minute: 1.5, smsPrice: 1.5, mbPrice: 0.5 },
  { code: 'skynet-100', kind: 'internet', provider: 'skynet', name: 'Домашний 100', description: 'До 100 Мбит/с', fee: 500, speed: 100 },
  { code: 'skynet-500', kind: 'internet', provider: 'skynet', name: 'Домашний 500', description: 'До 500 Мбит/с, Wi-Fi роутер в аренду', fee: 750, speed: 500 },
  { code: 'skynet-1000', kind: 'internet', provider: 'skynet', name: 'Гигабит', description: 'До 1 Гбит/с', fee: 990, changeFee: 50, speed: 1000 },
];

export const DEMO_OPTIONS: O[] = [
  { code: 'megafon-plus-10gb', kind: 'mobile', provider: 'megafon', name: '+10 ГБ', description: 'Дополнительные 10 ГБ каждый месяц', fee: 200, mb: 10 * GB, fits: ['megafon-vse', 'megafon-minimum'] },
  { code: 'megafon-minutes-300', kind: 'mobile', provider: 'megafon', name: '+300 минут', description: 'Дополнительные минуты на все номера России', fee: 150, minutes: 300, fits: ['megafon-vse', 'megafon-minimum'] },
  { code: 'tele2-sms-200', kind: 'mobile', provider: 'tele2', name: '+200 SMS', description: 'SMS на номера России', fee: 60, sms: 200, fits: ['tele2-black'] },
  { code: 'beeline-plus-5gb', kind: 'mobile', provider: 'beeline', name: '+5 ГБ', description: 'Дополнительный интернет', fee: 150, mb: 5 * GB, fits: ['beeline-up'] },
  { code: 'skynet-static-ip', kind: 'internet', provider: 'skynet', name: 'Статический IP', description: 'Постоянный внешний адрес', fee: 150, fits: ['skynet-100', 'skynet-500', 'skynet-1000'] },
  { code: 'skynet-tv', kind: 'internet', provider: 'skynet', name: 'ТВ: 150 каналов', description: 'Телевидение на любом устройстве', fee: 299, fits: ['skynet-500', 'skynet-1000'] },
];

const k = (rub: number | undefined) => Math.round((rub ?? 0) * 100);

/** Inserts the demo catalog; existing codes are left as they are. */
export async function seedCatalog(em: EntityManager, clock: Clock): Promise<void> {
  await seedLoanProducts(em, clock);
  await seedHelp(em);
  for (const t of DEMO_TARIFFS) {
    await em.query(
      `INSERT INTO tariffs (code, kind, provider, name, description, region, monthly_fee, change_fee, minutes, sms, mb, speed_mbps,
                            minute_price, sms_price, mb_price, archived, created_at)
       VALUES ($1, $2, $3, $4, $5, 'spb', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (code) DO NOTHING`,
      [t.code, t.kind, t.provider, t.name, t.description, k(t.fee), k(t.changeFee), t.minutes ?? 0, t.sms ?? 0, t.mb ?? 0, t.speed ?? null, k(t.minute), k(t.smsPrice), k(t.mbPrice), t.archived ?? false, clock.now()],
    );
  }
  // Operator points (issue 10): MegaFon-style "bonus for paying your bill", 1 % of paid charges on the MegaFon tariffs.
  await em.query(`UPDATE tariffs SET points_rate_bp = 100 WHERE code IN ('megafon-vse', 'megafon-minimum') AND points_rate_bp = 0`);
  for (const o of DEMO_OPTIONS) {
    await em.query(
      `INSERT INTO tariff_options (code, kind, provider, name, description, monthly_fee, minutes, sms, mb)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING`,
      [o.code, o.kind, o.provider, o.name, o.description, k(o.fee), o.minutes ?? 0, o.sms ?? 0, o.mb ?? 0],
    );
    await em.query(
      `INSERT INTO tariff_option_fits (option_id, tariff_id)
       SELECT o.id, t.id FROM tariff_options o, tariffs t WHERE o.code = $1 AND t.code = ANY($2::text[]) ON CONFLICT DO NOTHING`,
      [o.code, o.fits],
    );
  }
}
