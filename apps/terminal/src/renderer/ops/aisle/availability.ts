import { availableToSell, type StockLevelDoc, type StoreDoc } from '@store-os/shared';
import { endlessAisleLocations, type RoutingLocation } from '@store-os/shared/omnichannel';

/** One location's stock of an item as the terminal last heard it from `stock-levels`. */
export interface Availability {
  readonly locationId: string;
  readonly place: string;
  readonly kind: RoutingLocation['kind'];
  readonly available: number;
  readonly onHand: number;
  readonly reserved: number;
  /** How old the figure is (ms), from the level's updatedAt; undefined when unreadable. */
  readonly ageMs: number | undefined;
  readonly stale: boolean;
  readonly own: boolean;
}

/**
 * Where the chain's locations are and how near: this store's own locations rank 0, every other store
 * and warehouse 1 (the catalog has no distances yet, so the routing rule's "nearest" means "this store
 * first"), a warehouse being a location whose kind says so.
 */
export function routingLocations(
  stores: readonly StoreDoc[],
  ownStoreId: string,
): (RoutingLocation & { place: string })[] {
  const names = new Map(
    stores.flatMap((s) => s.locations.map((l) => [l.locationId, `${s.name} · ${l.name}`])),
  );
  // The same ranking the server routes the sale with (shared), so the plan shown is the plan made.
  return endlessAisleLocations(stores, ownStoreId).map(({ locationId, kind, rank }) => ({
    locationId,
    kind,
    rank,
    place: names.get(locationId) ?? locationId,
  }));
}

/** The item's availability at every known location, this store first, then most available. */
export function availabilityOf(input: {
  sku: string;
  levels: readonly StockLevelDoc[];
  locations: readonly (RoutingLocation & { place: string })[];
  now: number;
  staleAfterMs: number;
}): Availability[] {
  const byLocation = new Map(input.locations.map((l) => [l.locationId, l]));
  return input.levels
    .filter((l) => l.sku === input.sku && byLocation.has(l.locationId))
    .map((l) => {
      const where = byLocation.get(l.locationId)!;
      const at = Date.parse(l.updatedAt);
      const ageMs = Number.isNaN(at) ? undefined : Math.max(0, input.now - at);
      return {
        locationId: l.locationId,
        place: where.place,
        kind: where.kind,
        available: availableToSell(l, l.safetyStock ?? 0),
        onHand: l.onHand,
        reserved: l.reserved,
        ageMs,
        stale: ageMs === undefined || ageMs > input.staleAfterMs,
        own: where.rank === 0,
      };
    })
    .sort(
      (a, b) =>
        Number(b.own) - Number(a.own) || b.available - a.available || (a.locationId < b.locationId ? -1 : 1),
    );
}

/** "just now", "5 min ago", "3 h ago", "2 days ago": how old a stock figure is, for the cashier. */
export function ageText(ageMs: number | undefined): string {
  if (ageMs === undefined) return 'age unknown';
  const min = Math.floor(ageMs / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  return h < 48 ? `${h} h ago` : `${Math.floor(h / 24)} days ago`;
}
