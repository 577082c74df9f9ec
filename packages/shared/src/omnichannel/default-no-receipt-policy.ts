import type { CurrencyCode } from '../money';
import { assertNoReceiptPolicy, type NoReceiptLimits, type NoReceiptReturnPolicy } from './no-receipt-policy';

/**
 * The policy a store uses unless it is configured otherwise: the lowest price of the last 30 days, at
 * most 3 returns and 100.00 (in minor units of the currency) per customer in 90 days, store credit or a
 * new gift card. Conservative on purpose: a no-receipt return is where refund fraud happens.
 */
export function defaultNoReceiptPolicy(currency: CurrencyCode): NoReceiptReturnPolicy {
  return {
    currency,
    priceBasis: { kind: 'lowest-recent', days: 30 },
    limits: { windowDays: 90, maxReturns: 3, maxAmount: 10_000 },
    excludedGroupIds: [],
    refundMethods: ['store-credit', 'gift-card'],
  };
}

/** The settings a store may override (any subset, limits one by one), e.g. from its configuration. */
export type NoReceiptPolicySettings = Partial<Omit<NoReceiptReturnPolicy, 'currency' | 'limits'>> & {
  readonly limits?: Partial<NoReceiptLimits>;
};

/**
 * The default policy with `settings` applied, checked (a broken setting throws
 * `no-receipt.bad-policy` naming it). Unknown or mistyped values are refused rather than ignored.
 */
export function noReceiptPolicyWith(
  currency: CurrencyCode,
  settings: NoReceiptPolicySettings,
): NoReceiptReturnPolicy {
  const base = defaultNoReceiptPolicy(currency);
  const policy: NoReceiptReturnPolicy = {
    ...base,
    ...(settings.priceBasis ? { priceBasis: settings.priceBasis } : {}),
    ...(settings.limits ? { limits: { ...base.limits, ...settings.limits } } : {}),
    ...(settings.excludedGroupIds ? { excludedGroupIds: settings.excludedGroupIds } : {}),
    ...(settings.refundMethods ? { refundMethods: settings.refundMethods } : {}),
  };
  assertNoReceiptPolicy(policy);
  return policy;
}
