import { DomainError } from '../errors';
import type { FulfillmentDoc, FulfillmentState } from '../schemas';

/** Queue sections in the order staff work them. */
export const PICKUP_QUEUE_SECTIONS = ['new', 'picking', 'ready'] as const;
/** One section of the store's web-order queue. */
export type PickupQueueSection = (typeof PICKUP_QUEUE_SECTIONS)[number];

/** How long staff have to pick an order before it counts as late. */
export interface PickupQueuePolicy {
  /** Hours from arrival to ready that the web shop promises ("ready in 2 hours"). */
  readonly pickWithinHours: number;
  /** Hours a finished order stays listed as done (collected, shipped, cancelled, expired); default 24. */
  readonly finishedForHours?: number;
}

/** A web order that left the active queue: the till still lists it for a while, read only. */
export interface FinishedQueueEntry {
  readonly fulfillmentId: string;
  readonly orderId: string;
  readonly externalRef?: string;
  readonly method: FulfillmentDoc['method'];
  readonly state: Exclude<FulfillmentState, PickupQueueSection>;
  /** When it finished: the time of its last step (or the document's `updatedAt`). */
  readonly at: string;
}

/** One order in the queue. */
export interface PickupQueueEntry {
  readonly fulfillmentId: string;
  readonly orderId: string;
  readonly externalRef?: string;
  readonly method: FulfillmentDoc['method'];
  readonly state: PickupQueueSection;
  /** To pick: arrival + pickWithinHours. Ready: the hold deadline (when it may expire), if any. */
  readonly dueAt?: string;
  readonly overdue: boolean;
  /** Not yet seen on this terminal: drives the notification badge. */
  readonly isNew: boolean;
}

/** The queue view model: sections in work order, soonest due first. */
export interface PickupQueue {
  readonly sections: readonly {
    readonly state: PickupQueueSection;
    readonly entries: readonly PickupQueueEntry[];
  }[];
  /** Orders not seen yet (ids), for the notification. */
  readonly unseen: readonly string[];
  /** Orders finished within `finishedForHours` of now, the latest first. */
  readonly finished: readonly FinishedQueueEntry[];
}

const HOUR_MS = 3_600_000;
const isActive = (s: FulfillmentState): s is PickupQueueSection =>
  (PICKUP_QUEUE_SECTIONS as readonly string[]).includes(s);

/**
 * Groups a store's active web orders into new / picking / ready, soonest due first (no due date
 * last, then by order id). `seen` holds the fulfillment ids this terminal has already shown; an
 * active order outside it is new. Finished orders (collected, shipped, expired, cancelled) leave
 * the sections and are listed in `finished` for `finishedForHours` (default 24) after their last step.
 */
export function pickupQueue(input: {
  readonly fulfillments: readonly FulfillmentDoc[];
  readonly seen: ReadonlySet<string>;
  /** ISO time from the caller's clock. */
  readonly now: string;
  readonly policy: PickupQueuePolicy;
}): PickupQueue {
  const nowMs = Date.parse(input.now);
  if (Number.isNaN(nowMs) || !(input.policy.pickWithinHours > 0)) {
    throw new DomainError(
      'pickup.bad-queue-input',
      `Queue needs an ISO "now" and pickWithinHours above zero; got now="${input.now}", pickWithinHours=${input.policy.pickWithinHours}.`,
      { now: input.now, pickWithinHours: input.policy.pickWithinHours },
    );
  }
  const entries: PickupQueueEntry[] = [];
  const finished: FinishedQueueEntry[] = [];
  const keepMs = (input.policy.finishedForHours ?? 24) * HOUR_MS;
  for (const doc of new Map(input.fulfillments.map((d) => [d.id, d])).values()) {
    if (!isActive(doc.state)) {
      const at = doc.history.at(-1)?.at ?? doc.updatedAt;
      const atMs = Date.parse(at);
      if (!Number.isNaN(atMs) && nowMs - atMs <= keepMs)
        finished.push({
          fulfillmentId: doc.id,
          orderId: doc.orderId,
          ...(doc.externalRef === undefined ? {} : { externalRef: doc.externalRef }),
          method: doc.method,
          state: doc.state,
          at,
        });
      continue;
    }
    const state = doc.state;
    const arrived = Date.parse(doc.createdAt);
    // A document with an unreadable time still shows, without a due time, rather than hiding an order.
    const dueAt =
      state === 'ready'
        ? doc.holdUntil
        : Number.isNaN(arrived)
          ? undefined
          : new Date(arrived + input.policy.pickWithinHours * HOUR_MS).toISOString();
    entries.push({
      fulfillmentId: doc.id,
      orderId: doc.orderId,
      ...(doc.externalRef === undefined ? {} : { externalRef: doc.externalRef }),
      method: doc.method,
      state,
      ...(dueAt === undefined ? {} : { dueAt }),
      overdue: dueAt !== undefined && Date.parse(dueAt) <= nowMs,
      isNew: !input.seen.has(doc.id),
    });
  }
  // Deadlines may carry different offsets, so they are compared as instants, never as strings.
  const due = (e: PickupQueueEntry) => (e.dueAt === undefined ? Infinity : Date.parse(e.dueAt));
  entries.sort((a, b) => due(a) - due(b) || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  return {
    sections: PICKUP_QUEUE_SECTIONS.map((state) => ({
      state,
      entries: entries.filter((e) => e.state === state),
    })),
    unseen: entries.filter((e) => e.isNew).map((e) => e.fulfillmentId),
    finished: finished.sort(
      (a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.orderId < b.orderId ? -1 : 1),
    ),
  };
}
