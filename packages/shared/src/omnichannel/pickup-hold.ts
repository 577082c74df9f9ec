import { DomainError } from '../errors';
import type { FulfillmentDoc } from '../schemas';

/** How long a ready pickup is held for the customer before it may expire. */
export interface PickupHoldPolicy {
  /**
   * Plain elapsed hours from the moment the order became ready (72 = three days). Not business days:
   * a hold that runs out on a closing day simply expires at the next queue refresh, which is what
   * customers are told ("collect within 3 days").
   */
  readonly holdHours: number;
}

const HOUR_MS = 3_600_000;

/** When the order first became ready (ISO), from its history; undefined until then. */
export function readyAt(doc: Pick<FulfillmentDoc, 'history'>): string | undefined {
  let first: string | undefined;
  for (const step of doc.history)
    if (step.state === 'ready' && (first === undefined || step.at < first)) first = step.at;
  return first;
}

/**
 * The `holdUntil` of a ready pickup: its ready time plus the policy's hours (UTC ISO). Undefined when
 * the order is not ready yet. Merged histories keep the earliest ready step, so every replica
 * computes the same deadline.
 */
export function pickupHoldUntil(
  doc: Pick<FulfillmentDoc, 'history'>,
  policy: PickupHoldPolicy,
): string | undefined {
  if (!Number.isSafeInteger(policy.holdHours) || policy.holdHours <= 0) {
    throw new DomainError(
      'pickup.bad-hold-policy',
      `holdHours is ${policy.holdHours}; give a whole number of hours above zero (72 for three days).`,
      { holdHours: policy.holdHours },
    );
  }
  const ready = readyAt(doc);
  if (ready === undefined) return undefined;
  const ms = Date.parse(ready);
  if (Number.isNaN(ms)) {
    throw new DomainError('pickup.bad-time', `Ready time "${ready}" is not an ISO date-time.`, { at: ready });
  }
  return new Date(ms + policy.holdHours * HOUR_MS).toISOString();
}

/** Sets `holdUntil` from the policy when the order is ready and has none yet (a set deadline is kept). */
export function withPickupHold(doc: FulfillmentDoc, policy: PickupHoldPolicy): FulfillmentDoc {
  if (doc.method !== 'pickup' || doc.holdUntil !== undefined) return doc;
  const holdUntil = pickupHoldUntil(doc, policy);
  return holdUntil === undefined ? doc : { ...doc, holdUntil };
}
