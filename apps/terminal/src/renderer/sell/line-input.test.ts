import { describe, expect, it } from 'vitest';
import { parseDiscount, parseQuantity } from './line-input';

describe('typed line input', () => {
  it('reads whole quantities only', () => {
    expect(parseQuantity(' 3 ')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', '']) expect(() => parseQuantity(bad)).toThrow(/whole number/);
  });

  it('reads a percent or an amount discount without floats', () => {
    expect(parseDiscount('10%', 'EUR', 'damaged')).toEqual({
      type: 'percent',
      percent: '10',
      reasonCode: 'damaged',
    });
    expect(parseDiscount('12,5 %', 'EUR', 'x')).toMatchObject({ percent: '12.5' });
    expect(parseDiscount('1.15', 'EUR', 'x')).toEqual({ type: 'amount', amount: 115, reasonCode: 'x' });
    expect(() => parseDiscount('abc', 'EUR', 'x')).toThrow();
  });
});
