import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { allocate, split } from '.';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const amounts = (xs: { amount: number }[]) => xs.map((x) => x.amount);

describe('allocate', () => {
  it('splits by largest remainder with ties to the lower index', () => {
    expect(amounts(allocate(eur(100), [1, 1, 1]))).toEqual([34, 33, 33]);
    expect(amounts(allocate(eur(5), [3, 7]))).toEqual([2, 3]); // 1.5 / 3.5: tie goes to index 0
    expect(amounts(allocate(eur(1000), [200, 300, 500]))).toEqual([200, 300, 500]);
    expect(amounts(split(eur(10), 3))).toEqual([4, 3, 3]);
  });

  it('handles negative totals as the mirror of positive ones and zero weights', () => {
    expect(amounts(allocate(eur(-100), [1, 1, 1]))).toEqual([-34, -33, -33]);
    expect(amounts(allocate(eur(10), [0, 5, 0, 5]))).toEqual([0, 5, 0, 5]);
    expect(amounts(allocate(eur(0), [0, 0]))).toEqual([0, 0]);
  });

  it('rejects all-zero weights for a non-zero amount and bad weights', () => {
    expect(() => allocate(eur(1), [0, 0])).toThrow(/give at least one part a weight/);
    try {
      allocate(eur(1), [1, -1]);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'allocate.bad-weight')).toBe(true);
    }
  });

  it('never creates or loses a minor unit, and every part is within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = amounts(allocate(eur(total), weights));
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const weightSum = BigInt(weights.reduce((a, b) => a + b, 0));
          parts.forEach((part, i) => {
            // |part × W − total × w| < W  ⇔  |part − exact share| < 1
            const diff = BigInt(part) * weightSum - BigInt(total) * BigInt(weights[i] ?? 0);
            expect(diff < weightSum && -diff < weightSum).toBe(true);
            if (weights[i] === 0) expect(part).toBe(0);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
