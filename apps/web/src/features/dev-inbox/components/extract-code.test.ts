import { describe, expect, it } from 'vitest';
import { extractCode } from './extract-code';

describe('extractCode', () => {
  it('finds the 6-digit code in an SMS', () => {
    expect(extractCode('Код для восстановления пароля: 303657. Никому не сообщайте его.')).toBe('303657');
  });
  it('does not take digits out of a phone number or a longer number', () => {
    expect(extractCode('Новый номер +79210000001 подтверждён')).toBeNull();
    expect(extractCode('Договор 1002003001')).toBeNull();
  });
});
