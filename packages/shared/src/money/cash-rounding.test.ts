import { describe, expect, it } from 'vitest';
import { cashRoundingAdjustment, defaultCashRounding, divideRounded, mulDivRounded, percentToRatio } from '.';

describe('cash rounding', () => {
  const chf = defaultCashRounding('CHF');
  it('rounds CHF cash due to 0.05', () => {
    const adj = (amount: number) => cashRoundingAdjustment({ amount, currency: 'CHF' }, chf).amount;
    expect([1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008].map(adj)).toEqual([
      0, -1, -2, 2, 1, 0, -1, -2, 2,
    ]);
    expect(adj(-1003)).toBe(-2); // a refund rounds as the mirror of the sale
  });

  it('rounds SEK to whole kronor, 50 öre up', () => {
    const sek = defaultCashRounding('SEK');
    expect(cashRoundingAdjustment({ amount: 10049, currency: 'SEK' }, sek).amount).toBe(-49);
    expect(cashRoundingAdjustment({ amount: 10050, currency: 'SEK' }, sek).amount).toBe(50);
  });

  it('is zero where cash is paid to the cent', () => {
    expect(defaultCashRounding('USD')).toBeUndefined();
    expect(cashRoundingAdjustment({ amount: 1001, currency: 'USD' }, undefined).amount).toBe(0);
  });
});

describe('rounding', () => {
  it('rounds half-up away from zero and half-even to even', () => {
    expect(divideRounded(25n, 10n, 'half-up')).toBe(3n);
    expect(divideRounded(-25n, 10n, 'half-up')).toBe(-3n);
    expect(divideRounded(25n, 10n, 'half-even')).toBe(2n);
    expect(divideRounded(35n, 10n, 'half-even')).toBe(4n);
    expect(divideRounded(26n, 10n, 'down')).toBe(2n);
    expect(divideRounded(21n, 10n, 'up')).toBe(3n);
    expect(mulDivRounded(1999, 19, 100, 'half-up')).toBe(380); // 379.81
    expect(mulDivRounded(9e15, 3, 9, 'half-up')).toBe(3e15); // beyond 2^53 in the middle, exact
  });

  it('parses percent strings exactly', () => {
    expect(percentToRatio('19')).toEqual({ numerator: 19, denominator: 100 });
    expect(percentToRatio('8.875')).toEqual({ numerator: 71, denominator: 800 });
    expect(() => percentToRatio('19%')).toThrow(/decimal percent/);
  });
});

describe('mulDivRounded', () => {
  it('agrees with exact BigInt rounding for every mode and sign', async () => {
    const fc = (await import('fast-check')).default;
    const modes = ['half-up', 'half-even', 'down', 'up'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.constantFrom(...modes),
        (a, b, c, mode) => {
          expect(mulDivRounded(a, b, c, mode)).toBe(
            Number(divideRounded(BigInt(a) * BigInt(b), BigInt(c), mode)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
