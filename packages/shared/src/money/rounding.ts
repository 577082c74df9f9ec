import { DomainError } from '../errors';

/**
 * How a quotient that is not a whole number of minor units is rounded. `half-up` is commercial
 * rounding (ties away from zero, so a return rounds to exactly minus the sale); `half-even` is banker's
 * rounding (ties to the even neighbour); `down` and `up` truncate toward / away from zero.
 */
export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * `numerator / denominator` rounded to an integer with the given mode, exactly (BigInt, no float).
 * The denominator must be a positive integer.
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator <= 0n) {
    throw new DomainError('rounding.bad-denominator', 'Cannot divide by zero or a negative number.', {
      denominator: denominator.toString(),
    });
  }
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let quotient = abs / denominator;
  const remainder = abs % denominator;
  if (remainder !== 0n) {
    const twice = remainder * 2n;
    switch (mode) {
      case 'down':
        break;
      case 'up':
        quotient += 1n;
        break;
      case 'half-up':
        if (twice >= denominator) quotient += 1n;
        break;
      case 'half-even':
        if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n;
        break;
    }
  }
  return negative ? -quotient : quotient;
}

/** `a × b / c` rounded with `mode`; exact for any safe integers, result checked to be a safe integer. */
export function mulDivRounded(a: number, b: number, c: number, mode: RoundingMode): number {
  const product = a * b;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(c) && c > 0) {
    // Safe integers divide exactly in doubles: the quotient is truncated, the remainder exact.
    return roundQuotient(product, c, mode);
  }
  const result = divideRounded(BigInt(a) * BigInt(b), BigInt(c), mode);
  if (result > SAFE || result < -SAFE) {
    throw new DomainError('money.overflow', 'The amount is too large to represent exactly.', {
      a,
      b,
      c,
    });
  }
  return Number(result) + 0;
}

/** `numerator / denominator` rounded with `mode`, for safe integers and a positive denominator. */
function roundQuotient(numerator: number, denominator: number, mode: RoundingMode): number {
  const abs = Math.abs(numerator);
  let quotient = Math.floor(abs / denominator);
  let remainder = abs - quotient * denominator;
  // Guard against a floor that lands one off for quotients near 2^53.
  if (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  if (remainder !== 0) {
    const twice = remainder * 2;
    switch (mode) {
      case 'down':
        break;
      case 'up':
        quotient += 1;
        break;
      case 'half-up':
        if (twice >= denominator) quotient += 1;
        break;
      case 'half-even':
        if (twice > denominator || (twice === denominator && quotient % 2 === 1)) quotient += 1;
        break;
    }
  }
  return numerator < 0 ? 0 - quotient : quotient + 0;
}
