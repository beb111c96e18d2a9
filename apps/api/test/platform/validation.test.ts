import { IsUUID, Matches } from 'class-validator';
import { AppError } from '../../src/platform/errors';
import { validateInput } from '../../src/platform/validation';

class LineParams {
  @IsUUID() accountId: string;
  @Matches(/^\d{3}$/) code: string;
}

const ok = { accountId: '0b6c7f2e-1d1a-4c57-9a55-5d3f0e6f1a11', code: '123' };

// Path params are validated once per distinct set of strings (platform/validation.ts keeps the answer).
describe('validation of path params', () => {
  it('the same params again give an equal instance of the DTO, the caller’s own: changing it changes nothing for the next', async () => {
    const first = await validateInput(LineParams, { ...ok }, 'params');
    expect(first).toBeInstanceOf(LineParams);
    first.code = 'changed';
    const second = await validateInput(LineParams, { ...ok }, 'params');
    expect(second).toBeInstanceOf(LineParams);
    expect(second).toEqual(ok);
    expect(second).not.toBe(first);
    second.accountId = 'changed too';
    expect(await validateInput(LineParams, { ...ok }, 'params')).toEqual(ok);
  });

  it('bad params are refused every time, before and after good ones, with the field and the rule', async () => {
    const bad = { accountId: 'not-a-uuid', code: '123' };
    for (const input of [bad, ok, bad]) {
      const run = validateInput(LineParams, { ...input }, 'params');
      if (input === ok) await expect(run).resolves.toEqual(ok);
      else await expect(run).rejects.toMatchObject({ status: 400, extras: { errors: [{ field: 'accountId', code: 'isUuid' }] } });
    }
    await expect(validateInput(LineParams, { ...ok, extra: 'x' }, 'params')).rejects.toBeInstanceOf(AppError);
  });

  it('past the kept number (1,000 a DTO) the oldest are forgotten and still validate as before', async () => {
    const id = (i: number) => `0b6c7f2e-1d1a-4c57-9a55-${String(i).padStart(12, '0')}`;
    for (let i = 0; i < 1500; i++) await validateInput(LineParams, { accountId: id(i), code: '001' }, 'params');
    await expect(validateInput(LineParams, { accountId: id(0), code: '001' }, 'params')).resolves.toEqual({ accountId: id(0), code: '001' });
    await expect(validateInput(LineParams, { accountId: id(0), code: '01' }, 'params')).rejects.toMatchObject({ status: 400 });
  });
});
