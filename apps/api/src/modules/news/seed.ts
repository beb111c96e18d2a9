import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** A banner picture for demo items: a diagonal gradient between two colours, as a PNG. */
export function bannerPng(from: [number, number, number], to: [number, number, number], width = 640, height = 280): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      for (let i = 0; i < 3; i++) raw[row + 1 + x * 3 + i] = Math.round(from[i] + (to[i] - from[i]) * t);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const DAY = 86_400_000;

/** Demo news and promotions: two published news, two open promotions, one scheduled for tomorrow. */
export async function seedNews(em: EntityManager, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  const items = [
    {
      kind: 'promotion', slug: 'double-gigabytes', title: 'Удвоенный трафик на месяц', daysAgo: 1, until: 30,
      summary: 'Подключитесь к акции — и весь декабрь мобильный интернет по вашему тарифу будет вдвое больше.',
      body: 'Участвуют все абоненты мобильной связи. Нажмите «Участвовать» в личном кабинете — дополнительные гигабайты начислятся с ближайшего расчётного периода.\n\nАкция действует до конца месяца.',
      colours: [[255, 106, 0], [255, 196, 0]], alt: 'Оранжевый баннер акции «Удвоенный трафик»',
    },
    {
      kind: 'promotion', slug: 'fuel-bonus-x2', title: 'Двойные баллы на АЗС по выходным', daysAgo: 3, until: 60,
      summary: 'По субботам и воскресеньям — 2 % баллами за топливо на всех станциях сети.',
      body: 'Вступите в акцию в личном кабинете, и покупки топлива по выходным будут приносить двойные баллы. Баллы действуют 12 месяцев.',
      colours: [[0, 122, 204], [0, 200, 150]], alt: 'Сине-зелёный баннер акции «Двойные баллы»',
    },
    {
      kind: 'news', slug: 'new-cabinet', title: 'Новый личный кабинет', daysAgo: 5, until: null,
      summary: 'Платежи, заявки, займы и бонусы — теперь в одном месте. Рассказываем, что изменилось.',
      body: 'Мы обновили личный кабинет: он работает на телефоне, показывает все уведомления в одном центре и позволяет настроить, о чём сообщать по SMS и почте.\n\nЕсли что-то не получается — напишите нам в чат поддержки.',
      colours: [[60, 40, 160], [150, 90, 230]], alt: 'Фиолетовый баннер «Новый личный кабинет»',
    },
    {
      kind: 'news', slug: 'maintenance-night', title: 'Плановые работы в ночь на воскресенье', daysAgo: 2, until: null,
      summary: 'С 02:00 до 04:00 возможны короткие перерывы в работе домашнего интернета.',
      body: 'Мы обновляем оборудование на узлах связи. Перерывы будут не дольше 15 минут. Приносим извинения за неудобства.',
      colours: null, alt: null,
    },
    {
      kind: 'news', slug: 'new-year-tariffs', title: 'Новогодние тарифы', daysAgo: -1, until: null,
      summary: 'Скоро: праздничные тарифы с безлимитом на мессенджеры.',
      body: 'Подробности — в день запуска.',
      colours: [[200, 20, 60], [255, 120, 120]], alt: 'Красный баннер «Новогодние тарифы»',
    },
  ] as const;
  for (const i of items) {
    const published = new Date(now - i.daysAgo * DAY);
    await em.query(
      `INSERT INTO news_items (id, kind, slug, title, summary, body, image, image_type, image_alt, published_at, starts_at, ends_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) ON CONFLICT (slug) DO NOTHING`,
      [
        randomUUID(), i.kind, i.slug, i.title, i.summary, i.body,
        i.colours ? bannerPng(i.colours[0] as [number, number, number], i.colours[1] as [number, number, number]) : null,
        i.colours ? 'image/png' : null, i.alt, published,
        i.kind === 'promotion' ? published : null, i.until ? new Date(now + i.until * DAY) : null, new Date(now - 6 * DAY),
      ],
    );
  }
}
