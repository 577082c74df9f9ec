import { DomainError } from '../errors';

/**
 * The share of `total` that belongs to the first `part` of `whole` units, rounded down, except that
 * the whole gets exactly the total. Taking differences of these cumulative shares splits an amount
 * over successive partial returns so that the pieces always add up to the total, never more.
 */
export function cumulativeShare(total: number, part: number, whole: number): number {
  if (
    !Number.isSafeInteger(total) ||
    !Number.isSafeInteger(part) ||
    !Number.isSafeInteger(whole) ||
    whole <= 0
  ) {
    throw new DomainError(
      'return.bad-share',
      `Cannot take ${part}/${whole} of ${total}: whole numbers with whole > 0 expected.`,
      {
        total,
        part,
        whole,
      },
    );
  }
  if (part >= whole) return total;
  if (part <= 0) return 0;
  const share = (BigInt(total) * BigInt(part)) / BigInt(whole);
  return Number(share);
}

/** The piece of `total` for units (already, already + taking] of `whole`. */
export function shareBetween(total: number, already: number, taking: number, whole: number): number {
  return cumulativeShare(total, already + taking, whole) - cumulativeShare(total, already, whole);
}
