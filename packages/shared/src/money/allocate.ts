import { DomainError } from '../errors';
import type { Money } from './money';
import { assertMinorUnits } from './money';

/**
 * Splits `total` into parts proportional to `weights` without creating or losing a minor unit
 * (largest-remainder method). Each part differs from its exact share by less than one minor unit.
 * Ties in the remainder go to the lower index, so the result is deterministic. A negative total is
 * split as its absolute value and negated, so a return allocates as the mirror of the sale.
 */
export function allocate(total: Money, weights: readonly number[]): Money[] {
  assertMinorUnits(total.amount, 'total');
  let weightSum = 0n;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new DomainError(
        'allocate.bad-weight',
        `Allocation weights must be whole numbers of zero or more, got ${w}.`,
        { weights: [...weights] },
      );
    }
    weightSum += BigInt(w);
  }
  if (weightSum === 0n) {
    if (total.amount === 0) return weights.map(() => ({ amount: 0, currency: total.currency }));
    throw new DomainError(
      'allocate.no-weight',
      `Cannot spread ${total.amount} minor units over parts that all weigh zero: give at least one part a weight.`,
      { total: total.amount, parts: weights.length },
    );
  }
  const negative = total.amount < 0;
  const fast = allocateSafe(Math.abs(total.amount), weights, Number(weightSum));
  if (fast) {
    return fast.map((share) => ({
      amount: negative && share !== 0 ? -share : share,
      currency: total.currency,
    }));
  }
  const amount = BigInt(Math.abs(total.amount));
  const shares: bigint[] = [];
  const remainders: { index: number; remainder: bigint }[] = [];
  let given = 0n;
  weights.forEach((w, index) => {
    const exact = amount * BigInt(w);
    const share = exact / weightSum;
    shares.push(share);
    given += share;
    remainders.push({ index, remainder: exact % weightSum });
  });
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  let left = Number(amount - given);
  for (const { index } of remainders) {
    if (left === 0) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    left -= 1;
  }
  return shares.map((share) => {
    const value = Number(share);
    return { amount: negative && value !== 0 ? -value : value, currency: total.currency };
  });
}

/** The same largest-remainder split in plain numbers, when every product stays a safe integer. */
function allocateSafe(amount: number, weights: readonly number[], weightSum: number): number[] | undefined {
  let maxWeight = 0;
  for (const w of weights) if (w > maxWeight) maxWeight = w;
  if (!Number.isSafeInteger(amount * maxWeight) || !Number.isSafeInteger(weightSum)) return undefined;
  const shares: number[] = [];
  const remainders: { index: number; remainder: number }[] = [];
  let given = 0;
  for (let index = 0; index < weights.length; index += 1) {
    const exact = amount * (weights[index] ?? 0);
    const share = Math.floor(exact / weightSum);
    shares.push(share);
    given += share;
    remainders.push({ index, remainder: exact - share * weightSum });
  }
  remainders.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  let left = amount - given;
  for (const { index } of remainders) {
    if (left === 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

/** Splits `total` into `parts` near-equal amounts (the first parts get the extra minor units). */
export function split(total: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new DomainError('allocate.bad-parts', `Split into one or more parts, got ${parts}.`, { parts });
  }
  return allocate(
    total,
    Array.from({ length: parts }, () => 1),
  );
}
