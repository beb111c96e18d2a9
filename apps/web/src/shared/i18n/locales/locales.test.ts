import { describe, expect, it } from 'vitest';
import type { Dictionary } from '../dictionary';
import { en } from './en';
import { ru } from './ru';
import { ruCore } from './ru-core';
import { ruRest } from './ru-rest';

/** Keys with plural suffixes folded (ru has _few/_many that en does not need). */
function keys(dictionary: Dictionary, prefix = ''): Set<string> {
  const result = new Set<string>();
  for (const [key, value] of Object.entries(dictionary)) {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof value === 'string') result.add(path);
    else keys(value, `${path}.`).forEach((k) => result.add(k));
  }
  return result;
}

describe('translations', () => {
  it('English has every key Russian has, and no extra ones', () => {
    expect([...keys(en)].sort()).toEqual([...keys(ru)].sort());
  });
  it('each top-level section of Russian is in one of its two parts only', () => {
    const core = Object.keys(ruCore);
    expect(core.filter((section) => section in ruRest)).toEqual([]);
    expect(Object.keys(ru).sort()).toEqual([...core, ...Object.keys(ruRest)].sort());
  });
  it('every Russian plural has the one/few/many/other forms', () => {
    const flat = JSON.stringify(ru);
    for (const match of flat.matchAll(/"(\w+)_one"/g)) {
      for (const form of ['few', 'many', 'other']) expect(flat).toContain(`"${match[1]}_${form}"`);
    }
  });
});
