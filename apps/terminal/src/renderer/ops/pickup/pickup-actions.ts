import {
  DomainError,
  transitionFulfillment,
  type AuditEventDoc,
  type FulfillmentDoc,
  type IdentityDocumentType,
  type MovementDoc,
  type OrderDoc,
} from '@store-os/shared';
import {
  collectPickup,
  expirePickups,
  releasePickup,
  reservePickup,
  shipFromStoreMovements,
  verifyHandover,
  withPickupHold,
  type CollectedLine,
  type HandoverProof,
} from '@store-os/shared/omnichannel';
import type { OpsDeps } from '../common/ops-deps';
import { saveFacts, saveFulfillment, storeDocsOfType } from '../common/store-docs';

/** How long a ready pickup is held for the customer (the web shop tells them "within 3 days"). */
export const PICKUP_HOLD = { holdHours: 72 } as const;

/** A web order as the store holds it: its fulfillment, the order (when replicated here) and its stock facts. */
export interface WebOrderAtStore {
  readonly fulfillment: FulfillmentDoc;
  readonly order: OrderDoc | undefined;
  readonly movements: readonly MovementDoc[];
}

/** Reads a fulfillment with its order and every movement that references the order. */
export async function loadWebOrder(deps: OpsDeps, fulfillmentId: string): Promise<WebOrderAtStore> {
  const fulfillment = (await deps.db.store.findOne(fulfillmentId).exec())?.toJSON() as
    FulfillmentDoc | undefined;
  if (!fulfillment) {
    throw new DomainError(
      'pickup.unknown',
      `No web order ${fulfillmentId} at this store; wait for sync or check the id.`,
      {
        fulfillmentId,
      },
    );
  }
  const order = (await deps.db.store.findOne(fulfillment.orderId).exec())?.toJSON() as OrderDoc | undefined;
  const movements = (await storeDocsOfType<MovementDoc>(deps.db, 'movement')).filter(
    (m) => m.ref?.kind === 'order' && m.ref.id === fulfillment.orderId,
  );
  return { fulfillment, order, movements };
}

const at = (deps: OpsDeps) => deps.now().toISOString();

/**
 * Starts picking. A pickup order whose goods are not held yet is reserved here first (only what is
 * missing, so a replay or a second till writes nothing more).
 */
export async function startPicking(deps: OpsDeps, web: WebOrderAtStore, by: string): Promise<FulfillmentDoc> {
  const when = at(deps);
  const next = transitionFulfillment(web.fulfillment, { to: 'picking', at: when, by });
  if (web.order && web.fulfillment.method === 'pickup') {
    const locationId = web.movements.find((m) => m.reason === 'reserve')?.locationId;
    await saveFacts(
      deps,
      reservePickup({
        order: web.order,
        ledger: web.movements,
        newId: deps.newId,
        at: when,
        userId: by,
        locationId: locationId ?? `${deps.storeId}-floor`,
      }),
    );
  }
  return saveFulfillment(deps, { ...next, pickedBy: by });
}

/** Marks the order ready; a pickup gets its hold deadline from the first ready time. */
export async function markReady(deps: OpsDeps, web: WebOrderAtStore, by: string): Promise<FulfillmentDoc> {
  const next = transitionFulfillment(web.fulfillment, { to: 'ready', at: at(deps), by });
  return saveFulfillment(deps, withPickupHold(next, PICKUP_HOLD));
}

/**
 * Hands a ready pickup over: the proof is checked (verifyHandover), collected units become sales and
 * every reservation of the order is released (uncollected units go back on sale), then the order is
 * collected. An identity hand-over needs the type of the identity document seen (never its number) and
 * is stored as a `pickup-handover` audit event for the manager's review, in the same write as the
 * sales movements. A refused proof throws its message and writes nothing.
 */
export async function handOver(
  deps: OpsDeps,
  web: WebOrderAtStore,
  input: {
    proof: HandoverProof;
    collected: readonly CollectedLine[];
    by: string;
    /** Identity hand-overs only: the type of document the cashier checked. */
    identityDocument?: IdentityDocumentType;
  },
): Promise<{ fulfillment: FulfillmentDoc; managerReview?: { reason: string; checkedBy: string } }> {
  if (!web.order) {
    throw new DomainError(
      'pickup.order-missing',
      `Order ${web.fulfillment.orderId} has not reached this till yet; wait for sync before handing over.`,
      { orderId: web.fulfillment.orderId },
    );
  }
  const decision = verifyHandover(web.fulfillment, web.order, input.proof);
  if (!decision.ok) throw new DomainError(`pickup.${decision.refusal}`, decision.message, {});
  if (input.proof.method === 'identity' && input.identityDocument === undefined) {
    throw new DomainError(
      'pickup.identity-document',
      'Say which identity document you checked (passport, ID card, driving licence, residence permit).',
      {},
    );
  }
  const when = at(deps);
  const movements = collectPickup({
    order: web.order,
    ledger: web.movements,
    newId: deps.newId,
    at: when,
    userId: input.by,
    collected: input.collected,
  });
  const review: AuditEventDoc[] =
    input.proof.method === 'identity' && input.identityDocument !== undefined
      ? [
          {
            id: deps.newId(),
            type: 'audit-event',
            schemaVersion: 2,
            storeId: deps.storeId,
            terminalId: deps.terminalId,
            kind: 'pickup-handover',
            userId: input.by,
            ref: { kind: 'order', id: web.order.id },
            details: {
              fulfillmentId: web.fulfillment.id,
              checked: input.identityDocument,
              customerId: input.proof.customerId,
              reason: input.proof.reason.trim(),
              managerReview: true,
            },
            createdAt: when,
          },
        ]
      : [];
  await saveFacts(deps, [...movements, ...review]);
  const fulfillment = await saveFulfillment(
    deps,
    transitionFulfillment(web.fulfillment, { to: 'collected', at: when, by: input.by }),
  );
  return { fulfillment, ...(decision.managerReview ? { managerReview: decision.managerReview } : {}) };
}

/** Ships a ship-from-store order: held units leave as sales, the order is shipped with its tracking number. */
export async function ship(
  deps: OpsDeps,
  web: WebOrderAtStore,
  input: { trackingNumber: string; by: string },
): Promise<FulfillmentDoc> {
  const when = at(deps);
  await saveFacts(
    deps,
    shipFromStoreMovements({
      orderId: web.fulfillment.orderId,
      storeId: deps.storeId,
      ledger: web.movements,
      newId: deps.newId,
      at: when,
      userId: input.by,
    }),
  );
  const next = transitionFulfillment(web.fulfillment, { to: 'shipped', at: when, by: input.by });
  return saveFulfillment(deps, { ...next, trackingNumber: input.trackingNumber });
}

/**
 * Cancels the order at the store: every reservation it still holds is released. `by` is the manager
 * who allowed the cancellation: recorded on the `cancelled` step and on the release movements.
 */
export async function cancelWebOrder(
  deps: OpsDeps,
  web: WebOrderAtStore,
  by: string,
): Promise<FulfillmentDoc> {
  const when = at(deps);
  const next = transitionFulfillment(web.fulfillment, { to: 'cancelled', at: when, by });
  if (web.order) {
    await saveFacts(
      deps,
      releasePickup({ order: web.order, ledger: web.movements, newId: deps.newId, at: when, userId: by }),
    );
  } else {
    await saveFacts(
      deps,
      shipFromStoreMovements({
        orderId: web.fulfillment.orderId,
        storeId: deps.storeId,
        ledger: web.movements,
        newId: deps.newId,
        at: when,
        userId: by,
        releaseOnly: true,
      }),
    );
  }
  return saveFulfillment(deps, next);
}

/** Expires ready pickups whose hold ran out and releases their stock (safe on several tills at once). */
export async function expireDuePickups(
  deps: OpsDeps,
  fulfillments: readonly FulfillmentDoc[],
): Promise<number> {
  const orders = new Map(
    (await storeDocsOfType<OrderDoc>(deps.db, 'order'))
      .filter((o) => o.channel === 'web')
      .map((o) => [o.id, o]),
  );
  const ledger = (await storeDocsOfType<MovementDoc>(deps.db, 'movement')).filter(
    (m) => m.ref?.kind === 'order',
  );
  const expiry = expirePickups({ fulfillments, orders, ledger, newId: deps.newId, now: at(deps) });
  await saveFacts(deps, expiry.movements);
  for (const doc of expiry.expired) await saveFulfillment(deps, doc);
  return expiry.expired.length;
}
