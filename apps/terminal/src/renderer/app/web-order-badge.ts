import type { FulfillmentDoc } from '@store-os/shared';
import { pickupQueue } from '@store-os/shared/omnichannel';

/** The queue rule the web-order screen uses; the badge only counts, so any positive value does. */
const BADGE_POLICY = { pickWithinHours: 2 };

/**
 * Web orders of this store (pickup or ship-from-store) that are active and not shown on this terminal
 * yet: the same "new" as the web-order screen's notification (`pickupQueue(...).unseen`), counted in
 * the navigation so a cashier on any other screen sees them arrive.
 */
export function newWebOrderIds(input: {
  readonly fulfillments: readonly FulfillmentDoc[];
  readonly seen: ReadonlySet<string>;
  readonly storeId: string;
  /** ISO time from the caller's clock. */
  readonly now: string;
}): readonly string[] {
  return pickupQueue({
    fulfillments: input.fulfillments.filter((f) => f.storeId === input.storeId),
    seen: input.seen,
    now: input.now,
    policy: BADGE_POLICY,
  }).unseen;
}

/** The accessible name of the badge: "1 new web order", "3 new web orders". */
export function webOrderBadgeLabel(count: number): string {
  return `${count} new web order${count === 1 ? '' : 's'}`;
}
