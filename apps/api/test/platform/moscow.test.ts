import { addDays, daysBetween, monthBounds, moscowDay, nextDay, previousMonth, ruDate } from '../../src/platform/moscow';

// Calendar days as the contracts and the cabinet name them: Moscow days, `YYYY-MM-DD`.
describe('Moscow calendar days', () => {
  it('an instant late in the UTC evening is already the next day in Moscow', () => {
    expect(moscowDay(new Date('2026-12-31T20:59:59.999Z'))).toBe('2026-12-31');
    expect(moscowDay(new Date('2026-12-31T21:00:00Z'))).toBe('2027-01-01');
  });

  it('addDays crosses month, year and leap-day ends, and goes back with a negative count', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-04', 0)).toBe('2026-12-04');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('daysBetween counts whole days either way and undoes addDays', () => {
    expect(daysBetween('2026-12-01', '2026-12-31')).toBe(30);
    expect(daysBetween('2026-12-31', '2026-12-01')).toBe(-30);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    for (const n of [-400, -1, 0, 1, 59, 365]) expect(daysBetween('2026-12-04', addDays('2026-12-04', n))).toBe(n);
  });

  it('a month is [its first Moscow midnight, the next month’s) and knows its last day', () => {
    const b = monthBounds('2028-02');
    expect(b.start.toISOString()).toBe('2028-01-31T21:00:00.000Z');
    expect(b.end.toISOString()).toBe('2028-02-29T21:00:00.000Z');
    expect(b.lastDay).toBe('2028-02-29');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(ruDate('2026-11-22')).toBe('22.11.2026');
  });
});
