import type { OrderDoc, OrderLineDoc, ReturnLineDoc, TaxLineDoc, TenderDoc } from '../schemas';
import { DomainError } from '../errors';
import { assertValidDocument } from '../schemas';
import { orderTotals } from './exchange';

/** Everything an order needs that is not arithmetic; totals and the tax summary are computed. */
export type AssembleOrderInput = Omit<
  OrderDoc,
  'type' | 'schemaVersion' | 'kind' | 'taxes' | 'totals' | 'lines' | 'returnLines' | 'tenders'
> & {
  readonly lines: readonly OrderLineDoc[];
  readonly returnLines?: readonly ReturnLineDoc[];
  readonly tenders: readonly TenderDoc[];
};

/** Sums line taxes per rate (sold minus returned), in rate-id order. */
export function taxSummary(
  lines: readonly OrderLineDoc[],
  returnLines: readonly ReturnLineDoc[],
): TaxLineDoc[] {
  const rows = new Map<string, { first: TaxLineDoc; name?: string; taxable: number; tax: number }>();
  const add = (line: OrderLineDoc, sign: 1 | -1) => {
    for (const t of line.taxes) {
      const row = rows.get(t.rateId) ?? { first: t, taxable: 0, tax: 0 };
      row.taxable += sign * t.taxable.amount;
      row.tax += sign * t.tax.amount;
      row.name ??= t.name;
      rows.set(t.rateId, row);
    }
  };
  for (const l of lines) add(l, 1);
  for (const l of returnLines) add(l, -1);
  return [...rows.values()]
    .sort((a, b) => (a.first.rateId < b.first.rateId ? -1 : 1))
    .map(({ first, name, taxable, tax }) => {
      const currency = first.taxable.currency;
      return {
        rateId: first.rateId,
        ...(name === undefined ? {} : { name }),
        percent: first.percent,
        taxable: { amount: taxable, currency },
        tax: { amount: tax, currency },
        gross: { amount: taxable + tax, currency },
      };
    });
}

/**
 * Builds the order document written when a sale, return or exchange completes: the kind follows
 * from the lines, totals and the per-rate tax summary are summed from them, and the result is
 * validated (tenders must settle the total, one currency, no card number) before anything is written.
 */
export function assembleOrder(input: AssembleOrderInput): OrderDoc {
  const order = buildOrder(input);
  assertValidDocument(order);
  return order;
}

/**
 * The same order without the schema validation, for a renderer whose content security policy forbids
 * compiling validators at run time: the arithmetic is checked here instead (tenders settle the total,
 * one currency), and the server still validates the whole document on write.
 */
export function composeOrder(input: AssembleOrderInput): OrderDoc {
  const order = buildOrder(input);
  const paid = order.tenders.reduce((sum, t) => sum + t.amount.amount, 0);
  const wrongCurrency = order.tenders.find((t) => t.amount.currency !== order.currency);
  if (wrongCurrency || paid !== order.totals.total.amount) {
    throw new DomainError(
      'order.unsettled',
      wrongCurrency
        ? `Tender ${wrongCurrency.tenderId} is in ${wrongCurrency.amount.currency}; the order is in ${order.currency}.`
        : `Tenders add up to ${paid} but the order total is ${order.totals.total.amount} (minor units); settle the difference before completing.`,
      { paid, total: order.totals.total.amount },
    );
  }
  return order;
}

function buildOrder(input: AssembleOrderInput): OrderDoc {
  const returnLines = input.returnLines ?? [];
  const kind: OrderDoc['kind'] =
    returnLines.length === 0 ? 'sale' : input.lines.length === 0 ? 'return' : 'exchange';
  const order: OrderDoc = {
    ...input,
    type: 'order',
    schemaVersion: 1,
    kind,
    lines: [...input.lines],
    returnLines: [...returnLines],
    taxes: taxSummary(input.lines, returnLines),
    totals: orderTotals(input.lines, returnLines, input.currency),
    tenders: [...input.tenders],
  };
  return order;
}
