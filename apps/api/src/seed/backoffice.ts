import type { EntityManager } from 'typeorm';
import { patternsOf } from '../modules/numbers';
import type { Clock } from '../platform/clock';

/** Free numbers to issue, per operator: +7 9XX 5NN-NN-NN. */
const FREE_PREFIX: Record<string, string> = { megafon: '+7921', beeline: '+7905', mts: '+7911', tele2: '+7952' };

/** Beautiful numbers of the demo catalog (operator, number, category). */
export const DEMO_BEAUTIFUL_NUMBERS: [string, string, string][] = [
  ['megafon', '+79217777777', 'platinum'],
  ['megafon', '+79210001111', 'gold'],
  ['megafon', '+79213332211', 'silver'],
  ['megafon', '+79211234567', 'gold'],
  ['megafon', '+79215557755', 'silver'],
  ['megafon', '+79214567890', 'bronze'],
  ['megafon', '+79219119119', 'bronze'],
  ['beeline', '+79057770077', 'gold'],
  ['beeline', '+79051212121', 'silver'],
  ['beeline', '+79058889988', 'bronze'],
  ['beeline', '+79050002026', 'bronze'],
  ['mts', '+79115555555', 'platinum'],
  ['mts', '+79117771177', 'gold'],
  ['mts', '+79113456543', 'silver'],
  ['mts', '+79110707070', 'bronze'],
  ['tele2', '+79522223344', 'silver'],
  ['tele2', '+79527778877', 'gold'],
  ['tele2', '+79521000001', 'bronze'],
];

/**
 * The back office's demo data: the number stock (free numbers and the beautiful catalog) and a few
 * public applications in different states. Safe to run again.
 */
export async function seedBackoffice(em: EntityManager, clock: Clock): Promise<void> {
  const now = clock.now();
  const rows: [string, string, string][] = [...DEMO_BEAUTIFUL_NUMBERS];
  for (const [operator, prefix] of Object.entries(FREE_PREFIX)) {
    for (let i = 1; i <= 20; i++) rows.push([operator, `${prefix}5${String(300000 + i * 137).padStart(6, '0')}`, 'regular']);
  }
  await em.query(
    `INSERT INTO phone_numbers (operator, msisdn, category, patterns, created_at)
     SELECT v.operator, v.msisdn, v.category, coalesce(string_to_array(nullif(v.patterns, ''), ','), '{}'), $5
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(operator, msisdn, category, patterns)
      WHERE NOT EXISTS (SELECT 1 FROM mobile_lines l WHERE l.msisdn = v.msisdn)
     ON CONFLICT (msisdn) DO NOTHING`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => (r[2] === 'regular' ? '' : patternsOf(r[1]).join(','))), now],
  );

  const [{ n }] = await em.query('SELECT count(*)::int AS n FROM applications');
  if (n > 0) return;
  const tariff = async (code: string) => ((await em.query('SELECT id FROM tariffs WHERE code = $1', [code])) as { id: string }[])[0]?.id ?? null;
  const hour = 3600_000;
  const demo: { kind: string; status: string; name: string; phone: string; tariff: string | null; ago: number; extra: Record<string, unknown> }[] = [
    { kind: 'mobile', status: 'new', name: 'Мария', phone: '+79215550101', tariff: await tariff('megafon-vse'), ago: 2, extra: { address: 'Санкт-Петербург, Литейный пр., д. 20, кв. 7' } },
    { kind: 'mobile', status: 'new', name: 'Алексей', phone: '+79215550102', tariff: await tariff('tele2-black'), ago: 5, extra: { company_name: 'ООО «Северный ветер»' } },
    { kind: 'internet', status: 'in_progress', name: 'Кузнецов Дмитрий Андреевич', phone: '+79215550103', tariff: await tariff('skynet-500'), ago: 26, extra: { street: 'ул. Марата', house: '12', building: '2', flat: '44' } },
    { kind: 'callback', status: 'new', name: 'Светлана', phone: '+79215550104', tariff: null, ago: 1, extra: { topic: 'tariffs', comment: 'Подскажите тариф для пожилого человека' } },
  ];
  for (const a of demo) {
    const at = new Date(now.getTime() - a.ago * hour);
    const [{ seq }] = await em.query(`SELECT nextval('application_number_seq')::text AS seq`);
    const cols: Record<string, unknown> = {
      number: `A-${seq}`,
      kind: a.kind,
      status: a.status,
      name: a.name,
      phone: a.phone,
      tariff_id: a.tariff,
      consent_at: a.kind === 'callback' ? null : at,
      created_at: at,
      updated_at: at,
      ...a.extra,
    };
    const names = Object.keys(cols);
    const [{ id }] = await em.query(`INSERT INTO applications (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`, Object.values(cols));
    await em.query(`INSERT INTO application_events (application_id, status, at) VALUES ($1, 'new', $2)`, [id, at]);
    if (a.status !== 'new') {
      await em.query(
        `INSERT INTO application_events (application_id, status, actor_id, at) SELECT $1, $2, id, $3 FROM customers WHERE phone = '+79210000099'`,
        [id, a.status, new Date(at.getTime() + hour)],
      );
    }
  }
}
