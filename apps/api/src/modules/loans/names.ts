/**
 * Is a card in the customer's own name? Cards carry the holder in Latin letters, transliterated by the
 * bank (IVAN IVANOV, but also YULIYA / IULIIA / JULIA, ALEXEY / ALEKSEI); the customer's name is in
 * Cyrillic. Both sides are brought to one skeleton: Cyrillic transliterated (the passport rules of
 * ICAO Doc 9303), then the usual variants folded (y/j → i, x → ks, kh → h, tz → ts, a leading "ie" → "e",
 * doubled letters → one). The holder's words must be the customer's name and surname (a patronymic may
 * be there too), in any order, and nothing else.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

export function nameSkeleton(word: string): string {
  let s = word.toLowerCase().replace(/[а-яё]/g, (c) => CYRILLIC[c] ?? '');
  s = s.replace(/[^a-z]/g, '');
  s = s
    .replace(/shch|sch/g, 'Q')
    .replace(/tch|ch/g, 'C')
    .replace(/zh/g, 'Z')
    .replace(/sh/g, 'S')
    .replace(/kh/g, 'h')
    .replace(/tz|ts/g, 'T')
    .replace(/ph/g, 'f')
    .replace(/x/g, 'ks')
    .replace(/c(?=[eiy])/g, 'T')
    .replace(/c/g, 'k')
    .replace(/[yj]/g, 'i')
    .replace(/w/g, 'v')
    .replace(/^ie/, 'e')
    .replace(/(.)\1+/g, '$1');
  return s;
}

const words = (s: string | null | undefined) => (s ?? '').split(/[^A-Za-zА-Яа-яЁё]+/).filter(Boolean).map(nameSkeleton).filter(Boolean);

export function holderMatches(holder: string, person: { surname: string; name: string; patronymic?: string | null }): boolean {
  const card = words(holder);
  const required = [...words(person.surname), ...words(person.name)];
  const allowed = new Set([...required, ...words(person.patronymic)]);
  if (!card.length || !required.length) return false;
  if (!card.every((w) => allowed.has(w))) return false;
  const left = [...card];
  for (const w of required) {
    const i = left.indexOf(w);
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}
