import { DomainError } from '../errors';
import type { DiscountDoc, OrderDoc, ReturnLineDoc, TaxLineDoc } from '../schemas';
import { shareBetween } from './proportional';
import type { RefundableLine } from './refundable-lines';
import { refundableLines } from './refundable-lines';

/** One line the customer brings back: which sold line, how much of it, and where it goes. */
export interface ReturnRequest {
  readonly originalLineId: string;
  /** Items, for `each` lines. */
  readonly quantity?: number;
  /** Grams, for `kg` lines (a weighed line can be returned in part). */
  readonly weightGrams?: number;
  readonly restock: boolean;
  readonly reason?: string;
}

/** Input of {@link priceReturn}. */
export interface PriceReturnInput {
  readonly original: OrderDoc;
  readonly earlierReturns: readonly OrderDoc[];
  readonly requests: readonly ReturnRequest[];
  /** Line ids of the new order; `r1`, `r2`… by default. */
  readonly lineIdFor?: (index: number) => string;
}

const money = (amount: number, currency: string) => ({ amount, currency });

function requestedUnits(request: ReturnRequest, refundable: RefundableLine): number {
  const { line } = refundable;
  const units = line.unit === 'kg' ? request.weightGrams : request.quantity;
  const field = line.unit === 'kg' ? 'weightGrams' : 'quantity';
  if (units === undefined || !Number.isSafeInteger(units) || units <= 0) {
    throw new DomainError(
      'return.bad-quantity',
      `Return of ${line.name} (line ${line.lineId}): give a whole positive ${field}${line.unit === 'kg' ? ' in grams' : ''}.`,
      { lineId: line.lineId, [field]: units },
    );
  }
  return units;
}

/**
 * Prices the lines of a return at what the customer actually paid: each returned unit refunds its
 * share of the line total (after every discount, tax included), successive partial returns add up
 * to the line total exactly, and no line can be returned beyond what was bought or refunded beyond
 * what was paid. Fails with `return.exceeds-purchased` saying how much is still returnable.
 */
export function priceReturn(input: PriceReturnInput): ReturnLineDoc[] {
  const { original, requests } = input;
  const lineIdFor = input.lineIdFor ?? ((i: number) => `r${i + 1}`);
  const byId = new Map(refundableLines(original, input.earlierReturns).map((r) => [r.line.lineId, r]));
  const takenUnits = new Map<string, number>();
  const takenAmount = new Map<string, number>();
  return requests.map((request, index) => {
    const refundable = byId.get(request.originalLineId);
    if (refundable === undefined) {
      throw new DomainError(
        'return.unknown-line',
        `Order ${original.id} has no sold line "${request.originalLineId}"; pick one of ${[...byId.keys()].join(', ') || '(none)'}.`,
        { orderId: original.id, lineId: request.originalLineId },
      );
    }
    const { line, bought } = refundable;
    const units = requestedUnits(request, refundable);
    const already = refundable.returned + (takenUnits.get(line.lineId) ?? 0);
    const left = Math.max(0, bought - already);
    if (units > left) {
      const what = line.unit === 'kg' ? 'g' : '';
      throw new DomainError(
        'return.exceeds-purchased',
        `Cannot return ${units}${what} of ${line.name} (line ${line.lineId}): ${bought}${what} bought, ${already}${what} already returned, so at most ${left}${what} can be returned.`,
        { lineId: line.lineId, requested: units, bought, alreadyReturned: already, returnable: left },
      );
    }
    takenUnits.set(line.lineId, already - refundable.returned + units);
    const c = line.total.currency;
    const share = (amount: number) => shareBetween(amount, already, units, bought);
    // Whatever earlier returns refunded (even if priced another way), the line never refunds more
    // than was paid for it, and its last unit takes exactly what is left.
    const refundedBefore = refundable.refunded.amount + (takenAmount.get(line.lineId) ?? 0);
    const leftToRefund = line.total.amount - refundedBefore;
    const total = Math.max(
      0,
      already + units === bought ? leftToRefund : Math.min(share(line.total.amount), leftToRefund),
    );
    takenAmount.set(line.lineId, (takenAmount.get(line.lineId) ?? 0) + total);
    const discounts: DiscountDoc[] = line.discounts.map((d) => ({
      ...d,
      amount: money(share(d.amount.amount), d.amount.currency),
    }));
    const taxes: TaxLineDoc[] = line.taxes.map((t) => ({
      ...t,
      taxable: money(share(t.taxable.amount), t.taxable.currency),
      tax: money(share(t.tax.amount), t.tax.currency),
      ...(t.gross === undefined ? {} : { gross: money(share(t.gross.amount), t.gross.currency) }),
    }));
    return {
      ...line,
      lineId: lineIdFor(index),
      quantity: line.unit === 'kg' ? 1 : units,
      ...(line.unit === 'kg' ? { weightGrams: units } : {}),
      grossAmount: money(share(line.grossAmount.amount), c),
      discounts,
      taxes,
      total: money(total, c),
      originalOrderId: original.id,
      originalLineId: line.lineId,
      restock: request.restock,
      ...(request.reason === undefined ? {} : { reason: request.reason }),
    };
  });
}
