import { describe, expect, it } from 'vitest';
import { filtersFromParams, paramsWithFilters } from './history-params';

describe('history filters in the address', () => {
  it('reads what the API understands and drops the rest', () => {
    const params = new URLSearchParams(
      'kind=usage,monthly_fee,bogus&direction=debit&from=2026-11-01&to=2026-11-3&minAmount=1000&maxAmount=-5&sort=-amount&line=l-2',
    );
    expect(filtersFromParams(params)).toEqual({
      kind: ['usage', 'monthly_fee'],
      direction: 'debit',
      from: '2026-11-01',
      minAmount: 1000,
      sort: '-amount',
    });
  });

  it('writes the filters back, keeping other parameters, and leaves the default sort out', () => {
    const next = paramsWithFilters(new URLSearchParams('line=l-2&kind=usage'), {
      kind: ['payment', 'refund'],
      maxAmount: 50000,
      sort: '-createdAt',
    });
    expect(next.toString()).toBe('line=l-2&kind=payment%2Crefund&maxAmount=50000');
  });
});
