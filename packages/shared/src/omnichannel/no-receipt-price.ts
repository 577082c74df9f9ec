import { DomainError } from '../errors';
import type { PriceList } from '../pricing';
import type { NoReceiptReturnPolicy } from './no-receipt-policy';

/** A price a sku took effect at (minor units per item or per kg), from the catalog's price history. */
export interface PricePoint {
  readonly sku: string;
  readonly unitPrice: number;
  /** ISO time the price took effect; it holds until the next point of the same sku. */
  readonly from: string;
}

const DAY_MS = 86_400_000;

/**
 * The unit price a no-receipt return refunds at, or undefined when the basis has none for the sku.
 * `current`: the price in effect now. `lowest-recent`: the lowest price in effect at any moment of
 * the last N days (the price in effect at the window's start counts). `price-list`: the named list.
 */
export function noReceiptUnitPrice(
  policy: Pick<NoReceiptReturnPolicy, 'priceBasis'>,
  sku: string,
  history: readonly PricePoint[],
  priceLists: readonly PriceList[],
  now: number,
): number | undefined {
  const basis = policy.priceBasis;
  if (basis.kind === 'price-list') {
    const list = priceLists.find((l) => l.id === basis.priceListId);
    if (list === undefined) {
      throw new DomainError(
        'no-receipt.price-list-missing',
        `The no-receipt policy prices from list "${basis.priceListId}", which is not in the local catalog; sync the catalog or fix the policy.`,
        { priceListId: basis.priceListId },
      );
    }
    return list.prices[sku];
  }
  const points = history
    .filter((p) => p.sku === sku)
    .map((p) => ({ at: Date.parse(p.from), price: p.unitPrice }))
    .filter((p) => !Number.isNaN(p.at) && p.at <= now)
    .sort((a, b) => a.at - b.at || a.price - b.price);
  if (points.length === 0) return undefined;
  const start = basis.kind === 'current' ? now : now - basis.days * DAY_MS;
  let inEffectAtStart: number | undefined;
  let lowest: number | undefined;
  for (const p of points) {
    if (p.at <= start) inEffectAtStart = p.price;
    else lowest = lowest === undefined ? p.price : Math.min(lowest, p.price);
  }
  if (inEffectAtStart === undefined) return lowest;
  return lowest === undefined ? inEffectAtStart : Math.min(lowest, inEffectAtStart);
}
