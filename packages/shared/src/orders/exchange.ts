import type { Money } from '../money';
import type { OrderDoc, OrderLineDoc, ReturnLineDoc } from '../schemas';
import type { RefundPlanItem, RefundPolicy } from './refund-tenders';
import { planRefund } from './refund-tenders';

/** Totals of an order from its lines; `total` = sold − returned, what tenders must settle. */
export interface OrderTotals {
  readonly subtotal: Money;
  readonly discountTotal: Money;
  readonly taxTotal: Money;
  readonly total: Money;
}

/** Sums sold lines minus returned lines: gross, discounts, tax and the amount to settle. */
export function orderTotals(
  lines: readonly OrderLineDoc[],
  returnLines: readonly ReturnLineDoc[],
  currency: string,
): OrderTotals {
  let subtotal = 0;
  let discounts = 0;
  let tax = 0;
  let total = 0;
  const add = (line: OrderLineDoc, sign: 1 | -1) => {
    subtotal += sign * line.grossAmount.amount;
    discounts += sign * line.discounts.reduce((s, d) => s + d.amount.amount, 0);
    tax += sign * line.taxes.reduce((s, t) => s + t.tax.amount, 0);
    total += sign * line.total.amount;
  };
  for (const l of lines) add(l, 1);
  for (const l of returnLines) add(l, -1);
  const m = (amount: number) => ({ amount, currency });
  return { subtotal: m(subtotal), discountTotal: m(discounts), taxTotal: m(tax), total: m(total) };
}

/** Input of {@link settleExchange}. */
export interface SettleExchangeInput {
  readonly original: OrderDoc;
  readonly earlierReturns: readonly OrderDoc[];
  /** Priced with priceReturn. */
  readonly returnLines: readonly ReturnLineDoc[];
  /** The new items, priced by the cart as any sale. */
  readonly newLines: readonly OrderLineDoc[];
  readonly policy?: RefundPolicy;
  readonly newAccountId?: string;
}

/** The outcome of an exchange: the customer pays `due`, or is refunded by `refund`. */
export interface ExchangeSettlement {
  readonly totals: OrderTotals;
  /** Positive: what the customer still pays (tendered like a sale). Zero when the refund side wins. */
  readonly due: Money;
  /** How the difference goes back when the returned items are worth more than the new ones. */
  readonly refund: readonly RefundPlanItem[];
}

/**
 * An exchange is one order with returned lines and new lines; the difference is paid like a sale
 * or refunded by the refund rule against the original order's payments.
 */
export function settleExchange(input: SettleExchangeInput): ExchangeSettlement {
  const totals = orderTotals(input.newLines, input.returnLines, input.original.currency);
  const difference = totals.total.amount;
  const currency = input.original.currency;
  if (difference >= 0) return { totals, due: { amount: difference, currency }, refund: [] };
  const refund = planRefund({
    original: input.original,
    earlierReturns: input.earlierReturns,
    amount: { amount: -difference, currency },
    ...(input.policy === undefined ? {} : { policy: input.policy }),
    ...(input.newAccountId === undefined ? {} : { newAccountId: input.newAccountId }),
  });
  return { totals, due: { amount: 0, currency }, refund };
}
