import { DomainError } from '../errors';
import { taxSummary } from '../orders';
import type { OrderDoc, OrderLineDoc, ReportTotalsDoc, ReturnLineDoc } from '../schemas';

/** X/Z report figures (same shape as a close's `zTotals`). */
export type ReportTotals = ReportTotalsDoc;

/** Divides with half-up rounding, exactly (BigInt), for averages of minor units. */
function divideHalfUp(numerator: number, denominator: number): number {
  if (denominator === 0) return 0;
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const sign = n < 0n ? -1n : 1n;
  const abs = n * sign;
  return Number(((abs * 2n + d) / (2n * d)) * sign);
}

/** Units of a line for unit counts: items for `each`, one per weighed line. */
const units = (line: { unit: string; quantity: number }) => (line.unit === 'kg' ? 1 : line.quantity);

/**
 * X (mid-shift, read-only) and Z (at close) report figures from the orders of a shift or day.
 * Sales count orders with sold lines; net figures subtract returned lines; tax is summed per rate
 * (sold minus returned); tenders per type include refunds as negative amounts. Average transaction
 * value = net sales / sales count (half-up); units per transaction = units sold / sales count.
 */
export function reportTotals(orders: readonly OrderDoc[], currency: string): ReportTotals {
  let salesCount = 0;
  let gross = 0;
  let netSales = 0;
  let returnCount = 0;
  let returned = 0;
  let discounts = 0;
  let unitCount = 0;
  let net = 0;
  const soldLines: OrderLineDoc[] = [];
  const returnedLines: ReturnLineDoc[] = [];
  const tenders = new Map<string, { count: number; amount: number }>();
  const seen = new Set<string>();
  for (const order of orders) {
    if (seen.has(order.id)) continue;
    seen.add(order.id);
    if (order.currency !== currency) {
      throw new DomainError(
        'report.currency',
        `Order ${order.id} is in ${order.currency}; this report is in ${currency}.`,
        {
          orderId: order.id,
        },
      );
    }
    if (order.lines.length > 0) salesCount += 1;
    if (order.returnLines.length > 0) returnCount += 1;
    net += order.totals.total.amount;
    for (const [list, sign] of [
      [order.lines, 1],
      [order.returnLines, -1],
    ] as const) {
      for (const line of list) {
        if (sign === 1) {
          gross += line.grossAmount.amount;
          netSales += line.total.amount;
          unitCount += units(line);
        } else {
          returned += line.total.amount;
        }
        discounts += sign * line.discounts.reduce((s, d) => s + d.amount.amount, 0);
      }
    }
    soldLines.push(...order.lines);
    returnedLines.push(...order.returnLines);
    for (const t of order.tenders) {
      const entry = tenders.get(t.type) ?? { count: 0, amount: 0 };
      entry.count += 1;
      entry.amount += t.amount.amount;
      tenders.set(t.type, entry);
    }
  }
  const m = (amount: number) => ({ amount, currency });
  const upt = salesCount === 0 ? 0 : divideHalfUp(unitCount * 100, salesCount);
  return {
    currency,
    sales: { count: salesCount, gross: m(gross), net: m(netSales) },
    returns: { count: returnCount, amount: m(returned) },
    discounts: m(discounts),
    taxes: taxSummary(soldLines, returnedLines),
    tenders: [...tenders.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([type, t]) => ({ type, count: t.count, amount: m(t.amount) })),
    net: m(net),
    transactionCount: seen.size,
    unitCount,
    averageTransactionValue: m(divideHalfUp(netSales, salesCount)),
    unitsPerTransaction: `${Math.floor(upt / 100)}.${String(upt % 100).padStart(2, '0')}`,
  };
}
