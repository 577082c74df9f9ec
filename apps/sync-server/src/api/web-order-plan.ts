// Where a web order's units come from: a pickup is served by the pickup store's own locations, a ship
// order by any allowed location (nearest by the shop's ranking), both with the shared routing rule
// (in stock, fewest shipments, nearest; backorders for the rest) over the server's stock levels.
import type { FieldError, WebOrderRequest } from '@store-os/shared/integration';
import { stockLevelId } from '@store-os/shared/ids';
import { routeFulfillment, type FulfillmentPlan, type RoutingLocation } from '@store-os/shared/omnichannel';
import { lineBaseUnits } from '@store-os/shared/orders';
import type { StockLevelDoc } from '@store-os/shared/schemas';
import type { SqliteStore } from '../storage/sqlite-store';
import { validationFailed } from './api-problem';
import { knownLocations, storeLocations, type KnownLocation } from './store-locations';

/** One store's part of a routed order. */
export interface StorePart {
  storeId: string;
  /** The store database's sequence before the order was written: its movements are all after it. */
  sinceSeq?: number;
  allocations: {
    locationId: string;
    stale: boolean;
    lines: { lineId: string; sku: string; quantity: number }[];
  }[];
}

/** A routed web order, as remembered for GET and cancel. */
export interface WebOrderPlan {
  /** The store the order document belongs to. */
  homeStoreId: string;
  parts: StorePart[];
  backorders: FulfillmentPlan['backorders'];
  staleLevels: readonly string[];
}

/** Routes `order`; throws a 422 problem naming the field when a store or location is unknown. */
export function planWebOrder(
  store: SqliteStore,
  order: WebOrderRequest,
  now: number,
  staleAfterMs: number,
  /** Adds what the roll-up has not summed yet (the API's own recent reservations). */
  adjustLevels: (levels: StockLevelDoc[]) => StockLevelDoc[] = (levels) => levels,
): WebOrderPlan {
  const all = knownLocations(store);
  const f = order.fulfillment;
  let candidates: (RoutingLocation & { storeId: string })[];
  if (f.method === 'pickup') {
    const own = storeLocations(all, f.storeId);
    if (own.length === 0) {
      throw validationFailed(`Store ${f.storeId} is not on this server; pick up at an existing store.`, [
        { pointer: '/fulfillment/storeId', detail: `unknown store "${f.storeId}".`, code: 'unknown-store' },
      ]);
    }
    candidates = own.map((l) => ({ ...l, rank: 0 }));
  } else if (f.locations) {
    const errors: FieldError[] = [];
    candidates = [];
    f.locations.forEach((wanted, i) => {
      const known: KnownLocation | undefined = all.get(wanted.locationId);
      if (!known)
        errors.push({
          pointer: `/fulfillment/locations/${i}/locationId`,
          detail: `unknown location "${wanted.locationId}" (not a location of any store on this server).`,
          code: 'unknown-location',
        });
      else candidates.push({ ...known, rank: wanted.rank });
    });
    if (errors.length > 0) throw validationFailed('Some ship-from locations are unknown.', errors);
  } else {
    candidates = [...all.values()].map((l) => ({ ...l, rank: 0 }));
  }

  const levels = adjustLevels(
    readLevels(
      store,
      new Set(order.lines.map((l) => l.sku)),
      candidates.map((c) => c.locationId),
    ),
  );
  const plan = routeFulfillment({
    lines: order.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: lineBaseUnits(l) })),
    locations: candidates.map(({ locationId, kind, rank }) => ({ locationId, kind, rank })),
    levels,
    policy: { staleAfterMs },
    now,
  });
  const storeOf = new Map(candidates.map((c) => [c.locationId, c.storeId]));
  const parts = new Map<string, StorePart>();
  for (const s of plan.shipments) {
    const storeId = storeOf.get(s.locationId) ?? '';
    let part = parts.get(storeId);
    if (!part) parts.set(storeId, (part = { storeId, allocations: [] }));
    part.allocations.push({
      locationId: s.locationId,
      stale: s.stale,
      lines: s.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
    });
  }
  const nearest = [...candidates].sort(
    (a, b) => a.rank - b.rank || (a.locationId < b.locationId ? -1 : 1),
  )[0];
  const homeStoreId =
    f.method === 'pickup'
      ? f.storeId
      : ((plan.shipments[0] && storeOf.get(plan.shipments[0].locationId)) ?? nearest?.storeId);
  if (homeStoreId === undefined) {
    throw validationFailed(
      'No location can ship this order; list at least one location of an existing store.',
      [{ pointer: '/fulfillment/locations', detail: 'no usable location.', code: 'no-location' }],
    );
  }
  // The home store always holds a part: it owns the order and any backorder.
  if (!parts.has(homeStoreId)) parts.set(homeStoreId, { storeId: homeStoreId, allocations: [] });
  const ordered = [homeStoreId, ...[...parts.keys()].filter((s) => s !== homeStoreId)].flatMap((s) => {
    const part = parts.get(s);
    return part ? [part] : [];
  });
  return { homeStoreId, parts: ordered, backorders: plan.backorders, staleLevels: plan.staleLevels };
}

function readLevels(store: SqliteStore, skus: Set<string>, locations: string[]): StockLevelDoc[] {
  const info = store.info('stock-levels');
  if (!info) return [];
  const out: StockLevelDoc[] = [];
  for (const sku of skus) {
    for (const locationId of locations) {
      let id: string;
      try {
        id = stockLevelId(sku, locationId);
      } catch {
        continue;
      }
      const row = store.getWinner(info, id);
      if (row?.body && row.deleted === 0) out.push(JSON.parse(row.body) as StockLevelDoc);
    }
  }
  return out;
}
