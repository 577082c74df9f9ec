import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { add, currencyExponent, money, negate, subtract, sum, times } from '.';

describe('money core', () => {
  it('knows exponents 0, 2 and 3', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
  });

  it('rejects an unknown currency with an actionable error', () => {
    try {
      currencyExponent('XXQ');
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'currency.unknown')).toBe(true);
      expect((error as Error).message).toContain('ISO 4217');
    }
  });

  it('refuses fractional minor units and mixed currencies', () => {
    expect(() => money(12.5, 'EUR')).toThrow(/whole number/);
    expect(() => add(money(1, 'EUR'), money(1, 'USD'))).toThrow(/EUR with USD/);
  });

  it('adds, subtracts, multiplies and sums in minor units', () => {
    expect(add(money(1230, 'EUR'), money(70, 'EUR'))).toEqual(money(1300, 'EUR'));
    expect(subtract(money(100, 'EUR'), money(250, 'EUR')).amount).toBe(-150);
    expect(times(money(199, 'EUR'), 3).amount).toBe(597);
    expect(sum([], 'EUR')).toEqual(money(0, 'EUR'));
    expect(sum([money(1, 'EUR'), money(2, 'EUR')], 'EUR').amount).toBe(3);
    expect(Object.is(negate(money(0, 'EUR')).amount, 0)).toBe(true);
  });
});
