// Routes an endless-aisle order (sold and paid at a store's counter, shipped to the customer): the same
// routing as a web ship order (`planWebOrder`: in stock, fewest shipments, nearest, backorders for the
// rest) over the chain's locations ranked from the selling store, then writes, in the same transaction,
// each shipping store's fulfillment (state new) and reserve movements. The order itself stays where the
// terminal wrote it (the selling store's database); the selling store also gets a fulfillment when
// something is backordered, because it owns the backorder.
import type { IdFactory } from '@store-os/shared/ids';
import type { WebOrderRequest } from '@store-os/shared/integration';
import { endlessAisleLocations, type StoreLocations } from '@store-os/shared/omnichannel';
import { newFulfillment } from '@store-os/shared/orders';
import type { MovementDoc, OrderDoc, StockLevelDoc } from '@store-os/shared/schemas';
import { orderLineMovement } from '@store-os/shared/stock';
import { storeDbName } from '../auth/access-policy';
import type { AtomicWriter } from '../api/atomic-writer';
import { knownLocations } from '../api/store-locations';
import { planWebOrder, type WebOrderPlan } from '../api/web-order-plan';
import type { SqliteStore } from '../storage/sqlite-store';
import { shipToOf, withShipTo } from './ship-to';

/** What routing needs from the server. */
export interface ShipRoutingDeps {
  store: SqliteStore;
  writer: AtomicWriter;
  newId: IdFactory;
  now: number;
  staleAfterMs: number;
  adjustLevels?: (levels: StockLevelDoc[]) => StockLevelDoc[];
}

/** Where an endless-aisle order went (the movements written are on the writer, for the roll-up overlay). */
export interface ShipRouting {
  plan: WebOrderPlan;
  /** Stores that received a fulfillment document. */
  stores: string[];
}

/** Routes `order` and writes its fulfillments and reservations; throws (rolling back) when it cannot. */
export function routeShipOrder(order: OrderDoc, deps: ShipRoutingDeps): ShipRouting {
  const byStore = new Map<string, StoreLocations & { locations: { locationId: string; kind: string }[] }>();
  for (const l of knownLocations(deps.store).values()) {
    const entry = byStore.get(l.storeId) ?? { storeId: l.storeId, locations: [] };
    entry.locations.push({ locationId: l.locationId, kind: l.kind });
    byStore.set(l.storeId, entry);
  }
  const candidates = endlessAisleLocations([...byStore.values()], order.storeId);
  // planWebOrder reads only the lines and the fulfillment of a request.
  const request = {
    lines: order.lines,
    fulfillment: {
      method: 'ship',
      locations: candidates.map((c) => ({ locationId: c.locationId, rank: c.rank })),
    },
  } as unknown as WebOrderRequest;
  const plan = planWebOrder(deps.store, request, deps.now, deps.staleAfterMs, deps.adjustLevels);
  const at = new Date(deps.now).toISOString();
  const units = new Map(order.lines.map((l) => [l.lineId, l.unit]));
  const parts = plan.parts.filter((p) => p.allocations.length > 0);
  if (plan.backorders.length > 0 && !parts.some((p) => p.storeId === order.storeId))
    parts.unshift({ storeId: order.storeId, allocations: [] });
  for (const part of parts) {
    const db = storeDbName(part.storeId);
    part.sinceSeq = deps.store.info(db)?.updateSeq ?? 0;
    // Fulfillment v2 carries the delivery address, so the shipping store's till has it offline too.
    const fulfillment = withShipTo(
      newFulfillment({ order: { ...order, storeId: part.storeId }, at }),
      shipToOf(order),
    );
    const reserves: MovementDoc[] = part.allocations.flatMap((allocation) =>
      allocation.lines.map((line) =>
        orderLineMovement({
          order: { id: order.id, storeId: part.storeId },
          line: { lineId: line.lineId, sku: line.sku, unit: units.get(line.lineId) ?? 'each' },
          locationId: allocation.locationId,
          reason: 'reserve',
          delta: line.quantity,
          newId: deps.newId,
          createdAt: at,
        }),
      ),
    );
    deps.writer.write(
      db,
      [fulfillment, ...reserves].map((d) => ({ _id: d.id, ...d })),
      `/stores/${part.storeId}`,
    );
  }
  return {
    plan: { ...plan, homeStoreId: order.storeId, parts },
    stores: parts.map((p) => p.storeId),
  };
}
