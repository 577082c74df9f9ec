import type { IdFactory } from '../ids';
import type { MovementDoc } from '../schemas';
import { orderLineMovement } from '../stock';
import type { LedgerMovement } from './pickup-reservations';

/** Input of {@link shipFromStoreMovements}. */
export interface ShipFromStoreInput {
  /** The web or endless-aisle order; the shipping store may hold only its reservations, not the order. */
  readonly orderId: string;
  readonly storeId: string;
  /** Movements known locally (those referencing other orders are ignored; duplicates count once). */
  readonly ledger: Iterable<LedgerMovement & { readonly unit?: 'each' | 'kg' }>;
  readonly newId: IdFactory;
  readonly at: string;
  readonly userId?: string;
  /** Cancel: give the held units back to sellable stock without selling them. */
  readonly releaseOnly?: boolean;
}

/**
 * What a store writes when it ships (or cancels) its part of an order, read from the reservations
 * alone: every unit still held per line and location leaves as a `sale` and its reservation is
 * released. Computed from what is outstanding, so shipping twice writes nothing the second time.
 */
export function shipFromStoreMovements(input: ShipFromStoreInput): MovementDoc[] {
  const seen = new Set<string>();
  const held = new Map<
    string,
    { lineId: string; sku: string; locationId: string; unit: 'each' | 'kg'; units: number }
  >();
  for (const m of input.ledger) {
    if (m.ref?.kind !== 'order' || m.ref.id !== input.orderId || m.ref.lineId === undefined) continue;
    if (seen.has(m.id) || (m.reason !== 'reserve' && m.reason !== 'release')) continue;
    seen.add(m.id);
    const key = `${m.ref.lineId}\u0000${m.locationId}\u0000${m.sku}`;
    const entry = held.get(key) ?? {
      lineId: m.ref.lineId,
      sku: m.sku,
      locationId: m.locationId,
      unit: m.unit ?? 'each',
      units: 0,
    };
    entry.units += m.delta;
    held.set(key, entry);
  }
  const order = { id: input.orderId, storeId: input.storeId };
  const out: MovementDoc[] = [];
  for (const h of [...held.values()].sort((a, b) =>
    a.lineId + a.locationId < b.lineId + b.locationId ? -1 : 1,
  )) {
    if (h.units <= 0) continue;
    const common = {
      order,
      line: { lineId: h.lineId, sku: h.sku, unit: h.unit },
      locationId: h.locationId,
      newId: input.newId,
      createdAt: input.at,
      ...(input.userId === undefined ? {} : { userId: input.userId }),
    };
    if (!input.releaseOnly) out.push(orderLineMovement({ ...common, reason: 'sale', delta: -h.units }));
    out.push(orderLineMovement({ ...common, reason: 'release', delta: -h.units }));
  }
  return out;
}
