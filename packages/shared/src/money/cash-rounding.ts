import { DomainError } from '../errors';
import type { CurrencyCode } from './currency';
import type { Money } from './money';
import type { RoundingMode } from './rounding';
import { divideRounded } from './rounding';

/** How cash due is rounded where small coins are out of circulation (CHF to 0.05, SEK to 1.00). */
export interface CashRoundingRule {
  /** The smallest cash step, in minor units (5 for CHF 0.05, 100 for SEK 1.00). */
  readonly increment: number;
  readonly mode: RoundingMode;
}

/**
 * Common national rules, by currency. A store's own configuration wins (the euro rounds to 0.05 in
 * FI, NL, BE, IE, IT, SK but not in DE), so this is a default to offer, not a law to assume.
 */
const DEFAULT_RULES: Readonly<Record<string, CashRoundingRule>> = {
  CHF: { increment: 5, mode: 'half-up' },
  CAD: { increment: 5, mode: 'half-up' },
  AUD: { increment: 5, mode: 'half-up' },
  NZD: { increment: 10, mode: 'half-up' },
  SEK: { increment: 100, mode: 'half-up' },
  NOK: { increment: 100, mode: 'half-up' },
  DKK: { increment: 50, mode: 'half-up' },
  CZK: { increment: 100, mode: 'half-up' },
  HUF: { increment: 500, mode: 'half-up' },
};

/** The usual cash rounding for a currency, or undefined when cash is paid to the minor unit (USD, GBP). */
export function defaultCashRounding(currency: CurrencyCode): CashRoundingRule | undefined {
  return DEFAULT_RULES[currency];
}

/**
 * The adjustment to add to an amount of cash due so it can be paid in coins that exist
 * (CHF 10.02 → -0.02; CHF 10.03 → +0.02). Zero when no rule applies. Only cash due is rounded:
 * card, gift card and credit pay to the minor unit.
 */
export function cashRoundingAdjustment(due: Money, rule: CashRoundingRule | undefined): Money {
  if (!rule) return { amount: 0, currency: due.currency };
  if (!Number.isSafeInteger(rule.increment) || rule.increment < 1) {
    throw new DomainError(
      'cash-rounding.bad-increment',
      `Cash rounding increment must be a whole number of minor units of at least 1, got ${rule.increment}.`,
      { increment: rule.increment },
    );
  }
  const steps = divideRounded(BigInt(due.amount), BigInt(rule.increment), rule.mode);
  const rounded = Number(steps) * rule.increment;
  const adjustment = rounded - due.amount;
  return { amount: adjustment + 0, currency: due.currency };
}
