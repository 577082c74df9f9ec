import { DomainError } from '../errors';
import type { Money } from '../money';
import type { ExchangeSettlement } from '../orders';
import { orderTotals } from '../orders';
import type { OrderLineDoc } from '../schemas';
import type { NoReceiptDecision } from './evaluate-no-receipt-return';
import type { NoReceiptRefundMethod } from './no-receipt-policy';

/** Who pays whom at the end of an exchange, in one line the till and the receipt can show. */
export type ExchangeDirection =
  | { readonly payer: 'customer'; readonly amount: Money }
  | {
      readonly payer: 'store';
      readonly amount: Money;
      /** How the store pays: each original tender's share, or the no-receipt payout methods. */
      readonly methods: readonly NoReceiptRefundMethod[] | ExchangeSettlement['refund'];
    }
  | { readonly payer: 'nobody'; readonly amount: Money };

/** Reads orders/ settleExchange's answer (with a receipt) as who pays whom; it never recomputes it. */
export function exchangeDirection(settlement: ExchangeSettlement): ExchangeDirection {
  const { due, refund } = settlement;
  if (due.amount > 0) return { payer: 'customer', amount: due };
  const back = refund.reduce((s, r) => s + r.amount.amount, 0);
  if (back > 0) return { payer: 'store', amount: { amount: back, currency: due.currency }, methods: refund };
  return { payer: 'nobody', amount: due };
}

/**
 * An exchange without a receipt: the returned items are worth what the no-receipt policy allowed
 * (which already counted them against the customer's limits); the new items are priced by the cart.
 * The customer pays the difference, or the store pays it out by the policy's payout methods.
 */
export function settleNoReceiptExchange(input: {
  readonly decision: NoReceiptDecision;
  readonly newLines: readonly OrderLineDoc[];
}): ExchangeDirection {
  const { decision } = input;
  if (!decision.allowed) {
    throw new DomainError(
      'exchange.no-receipt-refused',
      `The returned items were refused (${decision.refusal}): ${decision.message}`,
      { refusal: decision.refusal },
    );
  }
  const currency = decision.refund.currency;
  const newTotal = orderTotals(input.newLines, [], currency).total.amount;
  const difference = newTotal - decision.refund.amount;
  if (difference > 0) return { payer: 'customer', amount: { amount: difference, currency } };
  if (difference < 0) {
    return { payer: 'store', amount: { amount: -difference, currency }, methods: decision.refundMethods };
  }
  return { payer: 'nobody', amount: { amount: 0, currency } };
}
