import { DomainError } from '../errors';
import type { CurrencyCode } from '../money';

/** A set of unit prices (per each or per kg, minor units) for some stores and/or customer groups. */
export interface PriceList {
  readonly id: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  /** Stores the list applies to; absent means every store. */
  readonly storeIds?: readonly string[];
  /** Customer groups the list applies to; absent means every customer. */
  readonly customerGroupIds?: readonly string[];
  /** Breaks ties between lists of the same tier: higher wins, then the lower id. */
  readonly priority?: number;
  readonly prices: Readonly<Record<string, number>>;
}

/** The question asked when a SKU is scanned. */
export interface PriceQuery {
  readonly sku: string;
  readonly storeId: string;
  readonly currency: CurrencyCode;
  readonly customerGroupId?: string;
}

/** The price found and where it came from, for the receipt and audits. */
export interface ResolvedPrice {
  readonly unitPrice: number;
  readonly priceListId: string;
}

/**
 * Tier of a list for a query, lower is more specific; undefined when the list does not apply.
 * 0: store + customer group, 1: customer group, 2: store, 3: base list (neither).
 */
function tierOf(list: PriceList, query: PriceQuery): number | undefined {
  if (list.currency !== query.currency) return undefined;
  const storeMatch = list.storeIds === undefined ? false : list.storeIds.includes(query.storeId);
  if (list.storeIds !== undefined && !storeMatch) return undefined;
  const groupMatch =
    list.customerGroupIds === undefined
      ? false
      : query.customerGroupId !== undefined && list.customerGroupIds.includes(query.customerGroupId);
  if (list.customerGroupIds !== undefined && !groupMatch) return undefined;
  if (storeMatch && groupMatch) return 0;
  if (groupMatch) return 1;
  if (storeMatch) return 2;
  return 3;
}

/**
 * Resolves a SKU's unit price. Resolution order: the most specific list that prices the SKU wins
 * (store + customer group, then customer group, then store, then base); within a tier the higher
 * `priority`, then the lower list id. A SKU no list prices is an error, never a zero price.
 */
export function resolvePrice(priceLists: readonly PriceList[], query: PriceQuery): ResolvedPrice {
  let best: { list: PriceList; tier: number; price: number } | undefined;
  for (const list of priceLists) {
    const price = list.prices[query.sku];
    if (price === undefined) continue;
    const tier = tierOf(list, query);
    if (tier === undefined) continue;
    if (
      !best ||
      tier < best.tier ||
      (tier === best.tier &&
        ((list.priority ?? 0) > (best.list.priority ?? 0) ||
          ((list.priority ?? 0) === (best.list.priority ?? 0) && list.id < best.list.id)))
    ) {
      best = { list, tier, price };
    }
  }
  if (!best) {
    throw new DomainError(
      'price.not-found',
      `No price list prices SKU "${query.sku}" in store "${query.storeId}" (${query.currency}): publish a price for it or key a price override.`,
      { ...query },
    );
  }
  return { unitPrice: best.price, priceListId: best.list.id };
}
