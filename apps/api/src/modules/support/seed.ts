import type { EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock';

/** The demo FAQ: what people ask a provider's hotline most (see /work/shared/seeds). */
export const DEMO_FAQ: { slug: string; title: string; questions: [string, string][] }[] = [
  {
    slug: 'account',
    title: 'Личный кабинет',
    questions: [
      ['Как восстановить пароль от личного кабинета?', 'На странице входа нажмите «Забыли пароль?», введите номер телефона или номер договора — придёт SMS с кодом. После ввода кода задайте новый пароль. Если телефон сменился, напишите в чат поддержки.'],
      ['Как войти через Госуслуги?', 'На странице входа нажмите «Войти через Госуслуги». При первом входе подтвердите телефон, указанный в кабинете, — учётные записи свяжутся.'],
      ['Почему кабинет просит сменить пароль при первом входе?', 'Пароль, выданный при подключении (последние 4 цифры ICCID SIM-карты), временный. Придумайте свой — не короче 8 символов.'],
    ],
  },
  {
    slug: 'payments',
    title: 'Оплата и баланс',
    questions: [
      ['Как пополнить баланс банковской картой?', 'В разделе «Оплата» выберите счёт, сумму и карту. Деньги зачисляются сразу после подтверждения банком (3-D Secure).'],
      ['Что такое обещанный платёж?', 'Если баланс ниже нуля, можно взять обещанный платёж на 3 дня: услуги продолжат работать. Его нужно погасить до окончания срока.'],
      ['Как настроить автоплатёж?', 'Привяжите карту в разделе «Оплата» и включите автоплатёж: по порогу баланса или раз в месяц.'],
    ],
  },
  {
    slug: 'internet',
    title: 'Домашний интернет',
    questions: [
      ['Не работает интернет: что проверить?', 'Перезагрузите роутер (выключите на 30 секунд), проверьте кабель и баланс договора. Если не помогло — откройте чат с темой «Техническая поддержка», приложите фото индикаторов роутера.'],
      ['Как поменять пароль от Wi-Fi?', 'Пароль Wi-Fi меняется в настройках роутера (обычно 192.168.0.1). Пароль личного кабинета — в профиле, раздел «Безопасность».'],
    ],
  },
  {
    slug: 'support',
    title: 'Поддержка',
    questions: [
      ['Как написать в поддержку?', 'В кабинете откройте «Поддержка» → «Новое обращение», выберите тему и напишите. Без входа — чат на странице «Помощь» (понадобятся имя и телефон). Можно приложить фото или PDF до 5 МБ.'],
      ['Как быстро отвечает оператор?', 'Обычно в течение 10 минут в рабочее время. Ответ придёт в чат, а если вы ушли со страницы — SMS.'],
    ],
  },
];

/** FAQ and the demo operator's queue rules (the operator takes connection and technical chats). */
export async function seedSupport(em: EntityManager, clock: Clock): Promise<void> {
  const [{ n }] = await em.query('SELECT count(*)::int AS n FROM faq_categories');
  if (n === 0) {
    const now = clock.now();
    for (const [ci, c] of DEMO_FAQ.entries()) {
      const [cat]: { id: string }[] = await em.query('INSERT INTO faq_categories (slug, title, position, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [c.slug, c.title, ci * 10, now]);
      for (const [qi, [question, answer]] of c.questions.entries()) {
        await em.query('INSERT INTO faq_questions (category_id, question, answer, position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)', [cat.id, question, answer, qi * 10, now]);
      }
    }
  }
  await em.query(
    `INSERT INTO support_operator_topics (operator_id, topic)
     SELECT c.id, t.topic FROM customers c, (VALUES ('general'), ('connection'), ('technical')) AS t(topic)
      WHERE c.phone = '+79210000099' AND c.role = 'operator' ON CONFLICT DO NOTHING`,
  );
}
