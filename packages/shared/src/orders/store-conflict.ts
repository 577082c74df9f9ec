import type { FulfillmentDoc } from '../schemas';
import { mergeFulfillments } from './fulfillment-state';

/** A store-database document as a replica holds it (only `type` and `id` are read here). */
type StoreDocument = { readonly id: string; readonly type: string } & Record<string, unknown>;

const isFulfillment = (doc: StoreDocument): boolean => doc.type === 'fulfillment';

/**
 * Resolves a replication conflict in a store database. Fulfillments are the one mutable fact and
 * merge by the state machine's join (mergeFulfillments), so a terminal's step is never overwritten by
 * the server's version nor the other way round. Every other store document is append-only: the
 * server's copy is the truth.
 */
export function resolveStoreConflict<T extends StoreDocument>(master: T, local: T): T {
  if (isFulfillment(master) && isFulfillment(local) && master.id === local.id) {
    return mergeFulfillments(
      master as unknown as FulfillmentDoc,
      local as unknown as FulfillmentDoc,
    ) as unknown as T;
  }
  return master;
}
