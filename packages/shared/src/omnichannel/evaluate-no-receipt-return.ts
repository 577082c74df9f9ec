import { DomainError } from '../errors';
import type { Money } from '../money';
import { mulDivRounded, toDecimalString } from '../money';
import type { PriceList } from '../pricing';
import type {
  NoReceiptRefundMethod,
  NoReceiptReturnPolicy,
  NoReceiptReturnRecord,
} from './no-receipt-policy';
import { assertNoReceiptPolicy } from './no-receipt-policy';
import { noReceiptUnitPrice } from './no-receipt-price';
import type { PricePoint } from './no-receipt-price';

/** An item brought back without a receipt. */
export interface NoReceiptItem {
  readonly sku: string;
  readonly name: string;
  readonly unit: 'each' | 'kg';
  /** Items, or grams for a `kg` sku. */
  readonly quantity: number;
  /** The product's category / group ids, checked against the excluded ones. */
  readonly groupIds: readonly string[];
}

/** Whose returns the limits were counted over. */
export type NoReceiptHistoryScope = 'chain' | 'this-store';

/** Input of {@link evaluateNoReceiptReturn}. */
export interface EvaluateNoReceiptInput {
  readonly policy: NoReceiptReturnPolicy;
  /** Limits are per customer, so an unidentified customer is refused. */
  readonly customerId: string | undefined;
  readonly items: readonly NoReceiptItem[];
  /** Price changes per sku (from the catalog's price history), for `current` and `lowest-recent`. */
  readonly priceHistory: readonly PricePoint[];
  /** For the `price-list` basis. */
  readonly priceLists?: readonly PriceList[];
  /** The customer's earlier no-receipt returns (noReceiptReturnHistory). */
  readonly history: readonly NoReceiptReturnRecord[];
  /** `this-store` when only the local store database was available (offline, or server unreachable). */
  readonly historyScope: NoReceiptHistoryScope;
  /** Epoch ms from the caller's Clock. */
  readonly now: number;
}

/** One item as the policy values it. */
export interface NoReceiptPricedItem {
  readonly sku: string;
  readonly unitPrice: number;
  readonly amount: Money;
}

/** Why a no-receipt return is refused. */
export type NoReceiptRefusal =
  'customer-required' | 'no-items' | 'excluded-category' | 'no-price' | 'count-limit' | 'amount-limit';

/** The UI shows this when the limits could only be checked against local data. */
export const LOCAL_LIMITS_NOTE = "Limits checked against this store's data only.";

interface Scope {
  /** True when limits were counted over this store's data only: show {@link LOCAL_LIMITS_NOTE}. */
  readonly limitsCheckedLocallyOnly: boolean;
  /** Earlier no-receipt returns in the window and what they refunded. */
  readonly windowReturns: number;
  readonly windowAmount: number;
}

/** The policy's answer. A refusal is final at the till (a manager cannot approve past a limit). */
export type NoReceiptDecision =
  | (Scope & {
      readonly allowed: true;
      readonly items: readonly NoReceiptPricedItem[];
      readonly refund: Money;
      readonly basis: NoReceiptReturnPolicy['priceBasis']['kind'];
      readonly refundMethods: readonly NoReceiptRefundMethod[];
      /** Every no-receipt return needs a manager: record them as `approvedBy` on the return lines. */
      readonly managerApprovalRequired: true;
    })
  | (Scope & {
      readonly allowed: false;
      readonly refusal: NoReceiptRefusal;
      readonly message: string;
      /** The items the refusal is about (excluded or unpriced), when it is about items. */
      readonly skus: readonly string[];
    });

const DAY_MS = 86_400_000;

/**
 * Evaluates a return without receipt: every item must be outside the excluded categories and have a
 * price on the policy's basis; the customer's returns in the rolling window (this one included) must
 * stay within the count and amount limits. Works on whatever history is local; when that is one
 * store's data only, the answer says so. Bad quantities or a broken policy throw a DomainError.
 */
export function evaluateNoReceiptReturn(input: EvaluateNoReceiptInput): NoReceiptDecision {
  const { policy } = input;
  assertNoReceiptPolicy(policy);
  const windowStart = input.now - policy.limits.windowDays * DAY_MS;
  const inWindow = input.history.filter((r) => {
    const at = Date.parse(r.at);
    return at > windowStart && at <= input.now;
  });
  const scope: Scope = {
    limitsCheckedLocallyOnly: input.historyScope === 'this-store',
    windowReturns: inWindow.length,
    windowAmount: inWindow.reduce((s, r) => s + r.amount, 0),
  };
  const refuse = (
    refusal: NoReceiptRefusal,
    message: string,
    skus: readonly string[] = [],
  ): NoReceiptDecision => ({
    ...scope,
    allowed: false,
    refusal,
    message,
    skus,
  });
  if (input.customerId === undefined || input.customerId === '') {
    return refuse(
      'customer-required',
      'Look up or create the customer first: no-receipt returns are limited per customer.',
    );
  }
  if (input.items.length === 0) return refuse('no-items', 'Scan the items the customer brings back.');
  for (const item of input.items) {
    if (!Number.isSafeInteger(item.quantity) || item.quantity <= 0) {
      throw new DomainError(
        'no-receipt.bad-quantity',
        `${item.name} (${item.sku}): give a whole positive ${item.unit === 'kg' ? 'weight in grams' : 'quantity'}, got ${item.quantity}.`,
        { sku: item.sku, quantity: item.quantity },
      );
    }
  }
  const excluded = new Set(policy.excludedGroupIds);
  const excludedItems = input.items.filter((i) => i.groupIds.some((g) => excluded.has(g)));
  if (excludedItems.length > 0) {
    return refuse(
      'excluded-category',
      `${excludedItems.map((i) => i.name).join(', ')} cannot be returned without a receipt (excluded category); take them off the return.`,
      excludedItems.map((i) => i.sku),
    );
  }
  const priced: NoReceiptPricedItem[] = [];
  const unpriced: NoReceiptItem[] = [];
  for (const item of input.items) {
    const unitPrice = noReceiptUnitPrice(
      policy,
      item.sku,
      input.priceHistory,
      input.priceLists ?? [],
      input.now,
    );
    if (unitPrice === undefined) {
      unpriced.push(item);
      continue;
    }
    const amount =
      item.unit === 'kg'
        ? mulDivRounded(unitPrice, item.quantity, 1000, 'half-up')
        : unitPrice * item.quantity;
    priced.push({ sku: item.sku, unitPrice, amount: { amount, currency: policy.currency } });
  }
  if (unpriced.length > 0) {
    return refuse(
      'no-price',
      `No ${policy.priceBasis.kind} price for ${unpriced.map((i) => `${i.name} (${i.sku})`).join(', ')}; it cannot be valued without a receipt.`,
      unpriced.map((i) => i.sku),
    );
  }
  const refund = priced.reduce((s, p) => s + p.amount.amount, 0);
  const fmt = (n: number) =>
    `${toDecimalString({ amount: n, currency: policy.currency })} ${policy.currency}`;
  const where = scope.limitsCheckedLocallyOnly ? ' (counted in this store only)' : '';
  if (scope.windowReturns + 1 > policy.limits.maxReturns) {
    return refuse(
      'count-limit',
      `This customer already made ${scope.windowReturns} no-receipt return(s) in the last ${policy.limits.windowDays} days${where}; the limit is ${policy.limits.maxReturns}.`,
    );
  }
  if (scope.windowAmount + refund > policy.limits.maxAmount) {
    const left = Math.max(0, policy.limits.maxAmount - scope.windowAmount);
    return refuse(
      'amount-limit',
      `Refunding ${fmt(refund)} would exceed the ${fmt(policy.limits.maxAmount)} no-receipt limit for ${policy.limits.windowDays} days${where}: ${fmt(left)} is left; take items off the return.`,
    );
  }
  return {
    ...scope,
    allowed: true,
    items: priced,
    refund: { amount: refund, currency: policy.currency },
    basis: policy.priceBasis.kind,
    refundMethods: policy.refundMethods ?? ['store-credit'],
    managerApprovalRequired: true,
  };
}
