import { DomainError } from '../errors';
import type { Money } from '../money';
import type { OrderDoc, OrderLineDoc } from '../schemas';

/** What is left to return of one sold line, after the earlier returns that reference it. */
export interface RefundableLine {
  readonly line: OrderLineDoc;
  /** Base units bought: items, or grams for a weighed line. */
  readonly bought: number;
  readonly returned: number;
  readonly remaining: number;
  /** What the customer paid for the line (after discounts, tax included). */
  readonly paid: Money;
  readonly refunded: Money;
  readonly remainingAmount: Money;
}

/** Items for `each` lines, grams for `kg` lines: the unit returns are counted in. */
export function lineBaseUnits(line: Pick<OrderLineDoc, 'unit' | 'quantity' | 'weightGrams'>): number {
  return line.unit === 'kg' ? (line.weightGrams ?? 0) : line.quantity;
}

/** Keeps only the earlier returns that are returns of this order (and says so when one is not). */
export function returnLinesAgainst(original: OrderDoc, earlierReturns: readonly OrderDoc[]) {
  const result = [];
  for (const order of earlierReturns) {
    if (order.id === original.id) {
      throw new DomainError(
        'return.self',
        `Order ${original.id} was passed as one of its own earlier returns.`,
        { orderId: original.id },
      );
    }
    for (const line of order.returnLines) if (line.originalOrderId === original.id) result.push(line);
  }
  return result;
}

/**
 * For each sold line of `original`: bought, already returned and what is left, in units and money.
 * `earlierReturns` are the return/exchange orders already written (from any terminal) for it.
 */
export function refundableLines(original: OrderDoc, earlierReturns: readonly OrderDoc[]): RefundableLine[] {
  const earlier = returnLinesAgainst(original, earlierReturns);
  return original.lines.map((line) => {
    const mine = earlier.filter((r) => r.originalLineId === line.lineId);
    const bought = lineBaseUnits(line);
    const returned = mine.reduce((s, r) => s + lineBaseUnits(r), 0);
    const refunded = mine.reduce((s, r) => s + r.total.amount, 0);
    const currency = line.total.currency;
    return {
      line,
      bought,
      returned,
      remaining: Math.max(0, bought - returned),
      paid: line.total,
      refunded: { amount: refunded, currency },
      remainingAmount: { amount: Math.max(0, line.total.amount - refunded), currency },
    };
  });
}
