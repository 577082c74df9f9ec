import type { OrderDoc } from '../schemas';
import type { LocationKind, RoutingLocation } from './route-fulfillment';

/** What routing needs of a store document: its id and its stock locations. */
export interface StoreLocations {
  readonly storeId: string;
  readonly locations: readonly { readonly locationId: string; readonly kind: string }[];
}

/** A location the chain can ship from, with the store it belongs to. */
export interface ChainLocation extends RoutingLocation {
  readonly storeId: string;
}

/**
 * The locations an endless-aisle order may ship from and how near each is: the selling store's own
 * locations rank 0, every other store and warehouse 1 (store documents carry no distances yet, so
 * "nearest" means "this store first"; warehouses win ties by the routing rule's preferred kind).
 * The terminal's plan and the server's routing use this same list, so they agree.
 */
export function endlessAisleLocations(
  stores: readonly StoreLocations[],
  sellingStoreId: string,
): ChainLocation[] {
  return stores.flatMap((s) =>
    s.locations.map((l) => ({
      locationId: l.locationId,
      storeId: s.storeId,
      kind: (l.kind === 'warehouse' ? 'warehouse' : 'store') satisfies LocationKind,
      rank: s.storeId === sellingStoreId ? 0 : 1,
    })),
  );
}

/**
 * An endless-aisle (ship-from-store) sale: sold and paid at a store's counter, to be shipped to the
 * customer from wherever the routing rule finds the goods. The terminal writes it to its own store
 * database; the server routes it once when it arrives (fulfillment + reservations at the shipping stores).
 */
export function isEndlessAisleOrder(order: Pick<OrderDoc, 'kind' | 'channel' | 'fulfillment'>): boolean {
  return order.kind === 'sale' && order.channel === 'store' && order.fulfillment === 'ship';
}

/** An order as a return at another store needs it: lines, taxes, totals, tenders, customer. */
export type OrderForReturn = Omit<OrderDoc, 'cashierId' | 'shiftId' | 'terminalId' | 'note'>;

/** The answer of the server's order look-up for returns (`GET /_omni/orders?q=`). */
export interface ReturnLookupAnswer {
  readonly orders: readonly {
    readonly order: OrderForReturn;
    /** Returns and exchanges already made against it, anywhere in the chain. */
    readonly earlierReturns: readonly OrderForReturn[];
  }[];
}

/**
 * Strips what a return elsewhere does not need (who sold it, which till and shift, free-text notes);
 * everything that prices and refunds the return (lines, discounts, taxes, totals, tenders with the card's
 * token and masked number, the customer reference) stays, so the result is still a valid order.
 */
export function orderForReturn(order: OrderDoc): OrderForReturn {
  const { cashierId: _c, shiftId: _s, terminalId: _t, note: _n, ...rest } = order;
  return rest;
}
