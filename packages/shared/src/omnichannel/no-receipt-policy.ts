import { DomainError } from '../errors';
import type { CurrencyCode } from '../money';
import type { OrderDoc } from '../schemas';

/** Which price a return without receipt refunds at. */
export type NoReceiptPriceBasis =
  /** The lowest price the sku had in the last `days` days: never more than the customer could have paid. */
  | { readonly kind: 'lowest-recent'; readonly days: number }
  | { readonly kind: 'current' }
  /** A fixed list HQ keeps for this purpose (e.g. "returns value"). */
  | { readonly kind: 'price-list'; readonly priceListId: string };

/** How a no-receipt refund may be paid out. */
export type NoReceiptRefundMethod = 'store-credit' | 'gift-card' | 'cash';

/** Per-customer limits over a rolling window, counted over earlier no-receipt returns. */
export interface NoReceiptLimits {
  readonly windowDays: number;
  /** Returns allowed in the window, this one included. */
  readonly maxReturns: number;
  /** Minor units refunded in the window, this one included. */
  readonly maxAmount: number;
}

/** The store's rules for returns without a receipt; a manager approves every one. */
export interface NoReceiptReturnPolicy {
  readonly currency: CurrencyCode;
  readonly priceBasis: NoReceiptPriceBasis;
  readonly limits: NoReceiptLimits;
  /** Category / group ids (product `groupIds`) never taken back without a receipt. */
  readonly excludedGroupIds: readonly string[];
  /** Allowed payout methods, in the order offered; default store credit only. */
  readonly refundMethods?: readonly NoReceiptRefundMethod[];
}

/** One earlier no-receipt return of the customer, as counted against the limits. */
export interface NoReceiptReturnRecord {
  readonly orderId: string;
  readonly storeId: string;
  /** ISO time of the return. */
  readonly at: string;
  /** Minor units refunded. */
  readonly amount: number;
}

/**
 * The customer's earlier no-receipt returns from the orders at hand: return/exchange orders of that
 * customer with lines that reference no original sale. Duplicated replicas count once.
 */
export function noReceiptReturnHistory(
  orders: Iterable<OrderDoc>,
  customerId: string,
): NoReceiptReturnRecord[] {
  const byId = new Map<string, NoReceiptReturnRecord>();
  for (const order of orders) {
    if (order.customer?.customerId !== customerId || byId.has(order.id)) continue;
    const lines = order.returnLines.filter((l) => l.originalOrderId === undefined);
    if (lines.length === 0) continue;
    byId.set(order.id, {
      orderId: order.id,
      storeId: order.storeId,
      at: order.createdAt,
      amount: lines.reduce((s, l) => s + l.total.amount, 0),
    });
  }
  return [...byId.values()].sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
}

const positiveInt = (value: number, what: string, hint: string) => {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new DomainError('no-receipt.bad-policy', `No-receipt policy: ${what} is ${value}; ${hint}.`, {
      [what]: value,
    });
  }
};

/** Throws `no-receipt.bad-policy` naming the setting to fix. */
export function assertNoReceiptPolicy(policy: NoReceiptReturnPolicy): void {
  if (policy.priceBasis.kind === 'lowest-recent') {
    positiveInt(policy.priceBasis.days, 'priceBasis.days', 'give the look-back in whole days (30 is common)');
  }
  positiveInt(policy.limits.windowDays, 'limits.windowDays', 'give the rolling window in whole days');
  positiveInt(policy.limits.maxReturns, 'limits.maxReturns', 'allow at least one return per window');
  positiveInt(policy.limits.maxAmount, 'limits.maxAmount', 'give the amount in minor units (5000 = 50.00)');
  if (policy.refundMethods !== undefined && policy.refundMethods.length === 0) {
    throw new DomainError(
      'no-receipt.bad-policy',
      'No-receipt policy: refundMethods is empty; list at least one payout method (store-credit).',
      {},
    );
  }
}
