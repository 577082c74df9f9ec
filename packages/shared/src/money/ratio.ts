import { DomainError } from '../errors';

/** A rate written as a decimal percent string, exactly as on a tax table or a flyer: `"19"`, `"8.875"`. */
export type Percent = string;

/** An exact non-negative rational number (a rate as a fraction): `19%` is `{ numerator: 19, denominator: 100 }`. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

const DECIMAL = /^(\d{1,9})(?:\.(\d{1,6}))?$/;

/**
 * Parses a decimal percent string into an exact ratio, never through a float (`"8.875"` →
 * 8875/100000). Percent strings keep documents readable and cover rates basis points cannot (8.875%).
 */
export function percentToRatio(percent: Percent): Ratio {
  const match = DECIMAL.exec(percent.trim());
  if (!match) {
    throw new DomainError(
      'rate.unparsable',
      `Rate "${percent}" is not a decimal percent: write it like "19" or "8.875" (up to 6 decimals, no % sign).`,
      { percent },
    );
  }
  const fraction = match[2] ?? '';
  const numerator = Number((match[1] ?? '0') + fraction);
  const denominator = 100 * 10 ** fraction.length;
  return reduce({ numerator, denominator });
}

/** The same ratio with numerator and denominator divided by their greatest common divisor. */
export function reduce(ratio: Ratio): Ratio {
  const divisor = gcd(ratio.numerator, ratio.denominator) || 1;
  return { numerator: ratio.numerator / divisor, denominator: ratio.denominator / divisor };
}

/** Sum of ratios, exact (denominators are powers of ten times 100, so this stays small). */
export function addRatios(ratios: readonly Ratio[]): Ratio {
  let numerator = 0;
  let denominator = 1;
  for (const r of ratios) {
    const common = lcm(denominator, r.denominator);
    numerator = numerator * (common / denominator) + r.numerator * (common / r.denominator);
    denominator = common;
  }
  return reduce({ numerator, denominator });
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) {
    [x, y] = [y, x % y];
  }
  return x;
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}
