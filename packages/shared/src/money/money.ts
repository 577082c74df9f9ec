import { DomainError } from '../errors';
import type { CurrencyCode } from './currency';
import { currencyExponent } from './currency';

/**
 * An amount of money in integer minor units of its currency (EUR 12.30 is `{ amount: 1230, currency: 'EUR' }`).
 * Never a float: every operation below keeps `amount` a safe integer.
 */
export interface Money {
  readonly amount: number;
  readonly currency: CurrencyCode;
}

/** Builds a Money, checking that the amount is a safe integer and the currency is known. */
export function money(amount: number, currency: CurrencyCode): Money {
  assertMinorUnits(amount, 'amount');
  currencyExponent(currency);
  return { amount, currency };
}

/** Zero in the given currency. */
export function zero(currency: CurrencyCode): Money {
  return money(0, currency);
}

/** Throws unless `value` is a safe integer (a count of minor units, a quantity in base units). */
export function assertMinorUnits(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new DomainError(
      'money.not-integer',
      `${what} must be a whole number of minor units, got ${value}.`,
      {
        value,
      },
    );
  }
}

/** Throws unless both amounts are in the same currency. */
export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new DomainError(
      'money.currency-mismatch',
      `Cannot combine ${a.currency} with ${b.currency}: amounts must be in one currency.`,
      { left: a.currency, right: b.currency },
    );
  }
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function negate(a: Money): Money {
  return money(a.amount === 0 ? 0 : -a.amount, a.currency);
}

/** Multiplies by a whole number (a quantity of items). Fractional factors go through `multiplyRounded`. */
export function times(a: Money, factor: number): Money {
  assertMinorUnits(factor, 'factor');
  return money(a.amount * factor, a.currency);
}

/** Sums amounts of one currency; the currency must be given so an empty list has one. */
export function sum(amounts: readonly Money[], currency: CurrencyCode): Money {
  let total = 0;
  for (const m of amounts) {
    assertSameCurrency(m, { amount: 0, currency });
    total += m.amount;
  }
  return money(total, currency);
}

/** -1, 0 or 1, for sorting. */
export function compare(a: Money, b: Money): number {
  assertSameCurrency(a, b);
  return Math.sign(a.amount - b.amount);
}

export function isZero(a: Money): boolean {
  return a.amount === 0;
}

export function isNegative(a: Money): boolean {
  return a.amount < 0;
}
