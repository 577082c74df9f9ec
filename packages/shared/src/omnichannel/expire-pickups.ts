import type { IdFactory } from '../ids';
import { expireOverdueFulfillments } from '../orders';
import type { FulfillmentDoc, MovementDoc, OrderDoc } from '../schemas';
import type { LedgerMovement } from './pickup-reservations';
import { releasePickup } from './pickup-reservations';

/** What an expiry run writes: the expired fulfillments and the releases of their held stock. */
export interface PickupExpiry {
  readonly expired: readonly FulfillmentDoc[];
  readonly movements: readonly MovementDoc[];
  /** Expired fulfillments whose order is not local: their stock is released once the order syncs. */
  readonly ordersMissing: readonly string[];
}

/**
 * Expires the ready pickups whose hold ran out (orders/ expireOverdueFulfillments) and releases what
 * each still holds. Safe to run on several terminals: the state merge and the by-reference release
 * make a second run write the same state and no second release.
 */
export function expirePickups(input: {
  readonly fulfillments: readonly FulfillmentDoc[];
  readonly orders: ReadonlyMap<string, OrderDoc>;
  readonly ledger: readonly LedgerMovement[];
  readonly newId: IdFactory;
  /** ISO time from the caller's clock. */
  readonly now: string;
}): PickupExpiry {
  const expired = expireOverdueFulfillments(input.fulfillments, input.now);
  const movements: MovementDoc[] = [];
  const ordersMissing: string[] = [];
  for (const doc of expired) {
    const order = input.orders.get(doc.orderId);
    if (order === undefined) {
      ordersMissing.push(doc.orderId);
      continue;
    }
    movements.push(...releasePickup({ order, ledger: input.ledger, newId: input.newId, at: input.now }));
  }
  return { expired, movements, ordersMissing };
}
