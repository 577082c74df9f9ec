// The web shop's view of a web order: every store part's fulfillment document as the stores have it
// now, with concurrent revisions (a terminal's offline change vs the API's cancel) merged by the shared
// state machine, never by last write wins.
import type { WebOrderShipment, WebOrderStatus } from '@store-os/shared/integration';
import { fulfillmentStateRank, mergeFulfillments } from '@store-os/shared/orders';
import { naturalId } from '@store-os/shared/ids';
import type { FulfillmentDoc } from '@store-os/shared/schemas';
import { storeDbName } from '../auth/access-policy';
import type { SqliteStore } from '../storage/sqlite-store';
import type { StoredWebOrder } from './web-order-intake';
import type { WebOrderPlan } from './web-order-plan';

/** A fulfillment merged over all its leaf revisions. */
export interface MergedFulfillment {
  doc: FulfillmentDoc;
  /** How many revisions were merged (more than 1 means the stores' replicas were in conflict). */
  revisions: number;
  /** The winning revision, to write a change on top of. */
  rev?: string;
}

/** Reads `fulfillment:<orderId>` of one store, merging every live leaf revision. */
export function readMergedFulfillment(
  store: SqliteStore,
  storeId: string,
  orderId: string,
): MergedFulfillment | undefined {
  const info = store.info(storeDbName(storeId));
  if (!info) return undefined;
  const id = naturalId('fulfillment', orderId);
  const row = store.getDoc(info, id);
  if (!row || row.deleted === 1) return undefined;
  const docs: FulfillmentDoc[] = [];
  for (const rev of JSON.parse(row.leaves) as string[]) {
    const body = store.getRevBody(info, id, rev);
    if (!body) continue;
    // A replicator's revision carries its id as `_id` only (RxDB's CouchDB plugin strips `id`).
    const doc = JSON.parse(body) as Partial<FulfillmentDoc>;
    if (doc.type === 'fulfillment' && (doc.id === undefined || doc.id === id))
      docs.push({ ...doc, id } as FulfillmentDoc);
  }
  const [first, ...rest] = docs;
  if (!first) return undefined;
  return { doc: rest.reduce(mergeFulfillments, first), revisions: docs.length, rev: row.winning_rev };
}

/** Builds the API answer from the plan and the (merged) fulfillment of each part. */
export function statusFromDocs(
  order: { id: string; externalRef?: string; storeId: string; fulfillment: string },
  plan: WebOrderPlan,
  receivedAt: number,
  fulfillments: (MergedFulfillment | undefined)[],
): WebOrderStatus {
  const shipments: WebOrderShipment[] = [];
  plan.parts.forEach((part, i) => {
    const f = fulfillments[i];
    if (!f) return;
    shipments.push({
      storeId: part.storeId,
      fulfillmentId: f.doc.id,
      allocations: part.allocations,
      state: f.doc.state,
      history: f.doc.history,
      ...(f.doc.pickupCode === undefined ? {} : { pickupCode: f.doc.pickupCode }),
      ...(f.doc.holdUntil === undefined ? {} : { holdUntil: f.doc.holdUntil }),
      ...(f.doc.trackingNumber === undefined ? {} : { trackingNumber: f.doc.trackingNumber }),
      updatedAt: f.doc.updatedAt,
      mergedRevisions: f.revisions,
    });
  });
  const slowest = shipments.reduce<WebOrderShipment | undefined>(
    (min, s) =>
      min === undefined || fulfillmentStateRank[s.state] < fulfillmentStateRank[min.state] ? s : min,
    undefined,
  );
  return {
    orderId: order.id,
    externalRef: order.externalRef ?? '',
    method: order.fulfillment === 'ship' ? 'ship' : 'pickup',
    storeId: order.storeId,
    receivedAt: new Date(receivedAt).toISOString(),
    state: slowest?.state ?? 'new',
    shipments,
    backorders: plan.backorders.map((b) => ({ lineId: b.lineId, sku: b.sku, quantity: b.quantity })),
    staleLevels: [...plan.staleLevels],
  };
}

/** The current status of a remembered web order, read from the store databases. */
export function readWebOrderStatus(store: SqliteStore, stored: StoredWebOrder): WebOrderStatus {
  return statusFromDocs(
    {
      id: stored.orderId,
      externalRef: stored.externalRef,
      storeId: stored.storeId,
      fulfillment: stored.method,
    },
    stored.plan,
    stored.receivedAt,
    stored.plan.parts.map((p) => readMergedFulfillment(store, p.storeId, stored.orderId)),
  );
}
