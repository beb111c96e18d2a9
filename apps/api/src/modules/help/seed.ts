import type { EntityManager } from 'typeorm';

type Day = [string, string] | null;
const week = (weekday: Day, sat: Day, sun: Day) => ({ mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat, sun });

/** Demo offices and pick-up points in St Petersburg and Moscow (reference data; coordinates are the real streets'). */
export const DEMO_OFFICES = [
  { code: 'spb-nevsky', kind: 'office', name: 'Офис на Невском', city: 'Санкт-Петербург', address: 'Невский пр., д. 28', lat: 59.935602, lon: 30.325908, phone: '+78120000001', hours: week(['09:00', '21:00'], ['10:00', '20:00'], ['10:00', '18:00']), simPickup: true },
  { code: 'spb-moskovsky', kind: 'office', name: 'Офис у Московской', city: 'Санкт-Петербург', address: 'Московский пр., д. 189', lat: 59.848794, lon: 30.321596, phone: '+78120000002', hours: week(['10:00', '20:00'], ['10:00', '18:00'], null), simPickup: true },
  { code: 'spb-pickup-sadovaya', kind: 'pickup', name: 'Пункт выдачи «Садовая»', city: 'Санкт-Петербург', address: 'ул. Садовая, д. 42', lat: 59.926754, lon: 30.31756, phone: null, hours: week(['10:00', '22:00'], ['10:00', '22:00'], ['10:00', '22:00']), simPickup: true },
  { code: 'spb-pickup-prosvescheniya', kind: 'pickup', name: 'Пункт выдачи «Просвещения»', city: 'Санкт-Петербург', address: 'пр. Просвещения, д. 19', lat: 60.051538, lon: 30.332781, phone: null, hours: week(['11:00', '21:00'], ['11:00', '19:00'], null), simPickup: false },
  { code: 'msk-tverskaya', kind: 'office', name: 'Офис на Тверской', city: 'Москва', address: 'ул. Тверская, д. 15', lat: 55.764383, lon: 37.605847, phone: '+74950000001', hours: week(['09:00', '21:00'], ['10:00', '20:00'], ['10:00', '20:00']), simPickup: true },
] as const;

const video = (section: string, title: string, id: string, duration: number) => ({ section, title, url: `https://rutube.ru/video/${id}/`, duration });

/** Instruction videos per section (links to the provider's channel; the ids are placeholders of the demo). */
export const DEMO_VIDEOS = [
  video('home', 'Личный кабинет за две минуты', 'demo-cabinet-tour', 125),
  video('accounts', 'Баланс, пакеты и детализация', 'demo-accounts', 180),
  video('payments', 'Как пополнить счёт и включить автоплатёж', 'demo-payments', 150),
  video('payments', 'Обещанный платёж', 'demo-promised-payment', 75),
  video('tariffs', 'Как сменить тариф', 'demo-tariffs', 95),
  video('loans', 'Заём на карту: заявка и погашение', 'demo-loans', 210),
  video('bonus', 'Бонусная карта: начисление и списание баллов', 'demo-bonus', 140),
  video('orders', 'Заказ SIM-карты с самовывозом', 'demo-sim-order', 90),
  video('profile', 'Профиль, пароль и вход через Госуслуги', 'demo-profile', 115),
  video('speedtest', 'Как правильно измерить скорость интернета', 'demo-speedtest', 100),
];

/** Offices and help videos; safe to run again. */
export async function seedHelp(em: EntityManager): Promise<void> {
  for (const [position, o] of DEMO_OFFICES.entries()) {
    await em.query(
      `INSERT INTO offices (code, kind, name, city, address, latitude, longitude, phone, hours, sim_pickup, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (code) DO NOTHING`,
      [o.code, o.kind, o.name, o.city, o.address, o.lat, o.lon, o.phone, JSON.stringify(o.hours), o.simPickup, position],
    );
  }
  const [{ n }] = await em.query('SELECT count(*)::int AS n FROM help_videos');
  if (n > 0) return;
  for (const [position, v] of DEMO_VIDEOS.entries()) {
    await em.query('INSERT INTO help_videos (section, title, url, duration_seconds, position) VALUES ($1, $2, $3, $4, $5)', [v.section, v.title, v.url, v.duration, position]);
  }
}
