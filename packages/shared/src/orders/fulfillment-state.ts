import { DomainError } from '../errors';
import { naturalId } from '../ids';
import type { FulfillmentDoc, FulfillmentState, FulfillmentStepDoc, OrderDoc } from '../schemas';

/**
 * Rank of each state for conflict resolution: the merged state is the higher one. Terminal states
 * rank above active ones, and among them what happened to the goods wins: a collection recorded at
 * an offline till beats an expiry the server computed meanwhile, an explicit cancel beats an expiry.
 */
export const fulfillmentStateRank: Readonly<Record<FulfillmentState, number>> = {
  new: 0,
  picking: 1,
  ready: 2,
  expired: 3,
  cancelled: 4,
  shipped: 5,
  collected: 6,
};

/** Allowed next states; terminal states have none. */
export const fulfillmentTransitions: Readonly<Record<FulfillmentState, readonly FulfillmentState[]>> = {
  new: ['picking', 'cancelled'],
  picking: ['ready', 'cancelled'],
  ready: ['collected', 'shipped', 'expired', 'cancelled'],
  expired: [],
  cancelled: [],
  shipped: [],
  collected: [],
};

/** True when `from → to` is a step of the state machine. */
export function canTransition(from: FulfillmentState, to: FulfillmentState): boolean {
  return fulfillmentTransitions[from].includes(to);
}

/** A state change request: who did it and when (ISO, from the caller's clock). */
export interface FulfillmentTransition {
  readonly to: FulfillmentState;
  readonly at: string;
  readonly by?: string;
}

/**
 * Moves a fulfillment along the state machine, recording the step in its history. Pickup orders are
 * collected, ship orders shipped; anything else fails with `fulfillment.transition`.
 */
export function transitionFulfillment(doc: FulfillmentDoc, change: FulfillmentTransition): FulfillmentDoc {
  const wrongMethod =
    (change.to === 'collected' && doc.method !== 'pickup') ||
    (change.to === 'shipped' && doc.method !== 'ship');
  if (!canTransition(doc.state, change.to) || wrongMethod) {
    const allowed = fulfillmentTransitions[doc.state].filter((s) =>
      s === 'collected' ? doc.method === 'pickup' : s === 'shipped' ? doc.method === 'ship' : true,
    );
    throw new DomainError(
      'fulfillment.transition',
      `Cannot move ${doc.method} order ${doc.orderId} from "${doc.state}" to "${change.to}"; ${
        allowed.length === 0 ? `"${doc.state}" is final.` : `next can be: ${allowed.join(', ')}.`
      }`,
      { from: doc.state, to: change.to, orderId: doc.orderId },
    );
  }
  const step: FulfillmentStepDoc = {
    state: change.to,
    at: change.at,
    ...(change.by === undefined ? {} : { by: change.by }),
  };
  return {
    ...doc,
    state: change.to,
    history: [...doc.history, step],
    updatedAt: change.at > doc.updatedAt ? change.at : doc.updatedAt,
  };
}

const stepKey = (s: FulfillmentStepDoc) => `${s.at}\u0000${fulfillmentStateRank[s.state]}\u0000${s.by ?? ''}`;

/** Join of two optional values: defined beats undefined, then the greater string. */
function joinOptional<T extends string>(a: T | undefined, b: T | undefined): T | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

const maxString = <T extends string>(a: T, b: T): T => (a >= b ? a : b);

const OPTIONAL_FIELDS = [
  'externalRef',
  'pickupCode',
  'trackingNumber',
  'shipTo',
  'holdUntil',
  'pickedBy',
  'collectedOrderId',
] as const;

/**
 * Deterministic merge of two versions of one fulfillment (a CouchDB conflict): the higher-ranked
 * state, the union of both histories in time order, the later `updatedAt`, and for every other
 * optional field the defined/greater value. Every part is a join, so the merge is commutative,
 * associative and idempotent: every replica resolves the same conflict to the same document.
 */
export function mergeFulfillments(a: FulfillmentDoc, b: FulfillmentDoc): FulfillmentDoc {
  if (a.id !== b.id) {
    throw new DomainError(
      'fulfillment.merge-mismatch',
      `Cannot merge fulfillments of different orders (${a.id}, ${b.id}).`,
      {
        a: a.id,
        b: b.id,
      },
    );
  }
  const steps = new Map<string, FulfillmentStepDoc>();
  for (const s of [...a.history, ...b.history]) steps.set(stepKey(s), s);
  const history = [...steps.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, s]) => s);
  const state = fulfillmentStateRank[a.state] >= fulfillmentStateRank[b.state] ? a.state : b.state;
  const merged: Record<string, unknown> = {
    id: a.id,
    type: 'fulfillment',
    schemaVersion: Math.max(a.schemaVersion, b.schemaVersion),
    storeId: maxString(a.storeId, b.storeId),
    orderId: maxString(a.orderId, b.orderId),
    method: maxString(a.method, b.method),
    state,
    history,
    createdAt: a.createdAt <= b.createdAt ? a.createdAt : b.createdAt,
    updatedAt: maxString(a.updatedAt, b.updatedAt),
  };
  for (const field of OPTIONAL_FIELDS) {
    const value = joinOptional(a[field], b[field]);
    if (value !== undefined) merged[field] = value;
  }
  return merged as FulfillmentDoc;
}

/** Input of {@link newFulfillment}. */
export interface NewFulfillmentInput {
  readonly order: Pick<OrderDoc, 'id' | 'storeId' | 'fulfillment' | 'externalRef'>;
  /** When the web order arrived (ISO, from the caller's clock). */
  readonly at: string;
  readonly pickupCode?: string;
  /** Until when a pickup is held before it may expire. */
  readonly holdUntil?: string;
}

/** The fulfillment document a web order starts with: state `new`, id `fulfillment:<orderId>`. */
export function newFulfillment(input: NewFulfillmentInput): FulfillmentDoc {
  const { order } = input;
  if (order.fulfillment === 'take-now') {
    throw new DomainError(
      'fulfillment.not-needed',
      `Order ${order.id} was handed over at the counter; it has no fulfillment.`,
      {
        orderId: order.id,
      },
    );
  }
  return {
    id: naturalId('fulfillment', order.id),
    type: 'fulfillment',
    schemaVersion: 1,
    storeId: order.storeId,
    orderId: order.id,
    ...(order.externalRef === undefined ? {} : { externalRef: order.externalRef }),
    method: order.fulfillment,
    state: 'new',
    history: [{ state: 'new', at: input.at }],
    ...(input.pickupCode === undefined ? {} : { pickupCode: input.pickupCode }),
    ...(input.holdUntil === undefined ? {} : { holdUntil: input.holdUntil }),
    createdAt: input.at,
    updatedAt: input.at,
  };
}

/**
 * The pickups whose hold has run out at `now` (ISO), moved to `expired`: ready, a `holdUntil` in the
 * past. A collection recorded meanwhile at an offline till still wins when the versions merge.
 */
export function expireOverdueFulfillments(docs: readonly FulfillmentDoc[], now: string): FulfillmentDoc[] {
  return docs
    .filter(
      (d) => d.state === 'ready' && d.method === 'pickup' && d.holdUntil !== undefined && d.holdUntil <= now,
    )
    .map((d) => transitionFulfillment(d, { to: 'expired', at: now }));
}
