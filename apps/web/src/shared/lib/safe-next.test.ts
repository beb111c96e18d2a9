import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps a path of this site', () => {
    expect(safeNext('/sessions')).toBe('/sessions');
    expect(safeNext('/profile?tab=phone#email')).toBe('/profile?tab=phone#email');
  });
  it.each(['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null, '/login?next=/x'])(
    'refuses %s',
    (next) => {
      expect(safeNext(next)).toBe('/');
    },
  );
});
