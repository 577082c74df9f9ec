import type { OrderDoc } from '../schemas';
import { lineBaseUnits, returnLinesAgainst } from './refundable-lines';

/**
 * A sold line returned or refunded beyond what was bought or paid once every till's returns are
 * merged: two offline tills each accepted the same receipt. The returns are facts (money left the
 * drawer), so this is reported for follow-up, never "fixed" by dropping one.
 */
export interface OverReturn {
  readonly orderId: string;
  readonly lineId: string;
  readonly bought: number;
  readonly returned: number;
  readonly paid: number;
  readonly refunded: number;
  /** The return orders that reference the line, in time order. */
  readonly returnOrderIds: readonly string[];
}

/** Merges every return of `original` (from any till, duplicates ignored) and reports the lines over-returned. */
export function findOverReturns(original: OrderDoc, returns: readonly OrderDoc[]): OverReturn[] {
  const distinct = [...new Map(returns.map((r) => [r.id, r])).values()].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
  );
  const lines = returnLinesAgainst(original, distinct);
  const result: OverReturn[] = [];
  for (const line of original.lines) {
    const mine = lines.filter((r) => r.originalLineId === line.lineId);
    const returned = mine.reduce((s, r) => s + lineBaseUnits(r), 0);
    const refunded = mine.reduce((s, r) => s + r.total.amount, 0);
    const bought = lineBaseUnits(line);
    if (returned <= bought && refunded <= line.total.amount) continue;
    const ids = distinct.filter((o) =>
      o.returnLines.some((r) => r.originalOrderId === original.id && r.originalLineId === line.lineId),
    );
    result.push({
      orderId: original.id,
      lineId: line.lineId,
      bought,
      returned,
      paid: line.total.amount,
      refunded,
      returnOrderIds: ids.map((o) => o.id),
    });
  }
  return result;
}
