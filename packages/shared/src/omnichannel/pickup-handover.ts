import type { FulfillmentDoc, OrderDoc } from '../schemas';

/** What the customer shows at the counter: the code from the ready notification, or who they are. */
export type HandoverProof =
  | { readonly method: 'code'; readonly code: string }
  | {
      readonly method: 'identity';
      /** The customer the cashier identified (loyalty card, ID checked against the account). */
      readonly customerId: string;
      /** Why the code was not used ("phone battery dead"); shown to the manager in the audit trail. */
      readonly reason: string;
      readonly checkedBy: string;
    };

/** Why a hand-over is refused; each has a message the cashier can act on. */
export type HandoverRefusal =
  | 'not-ready'
  | 'not-pickup'
  | 'wrong-code'
  | 'no-code-on-order'
  | 'customer-mismatch'
  | 'no-customer-on-order'
  | 'reason-required';

/** The answer to "may I hand these goods over?". */
export type HandoverDecision =
  | {
      readonly ok: true;
      readonly method: 'code' | 'identity';
      /** Identity hand-overs are listed for the manager with the reason and who checked. */
      readonly managerReview?: { readonly reason: string; readonly checkedBy: string };
    }
  | { readonly ok: false; readonly refusal: HandoverRefusal; readonly message: string };

/** Codes are read out or typed: case, spaces and dashes do not matter. */
export function normalizePickupCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

const refuse = (refusal: HandoverRefusal, message: string): HandoverDecision => ({
  ok: false,
  refusal,
  message,
});

/**
 * Checks a pickup hand-over: the order must be ready, and the customer shows the order's pickup code
 * or is identified as the order's customer (the cashier records why, and the manager sees it).
 */
export function verifyHandover(
  fulfillment: Pick<FulfillmentDoc, 'state' | 'method' | 'pickupCode' | 'orderId'>,
  order: Pick<OrderDoc, 'id' | 'customer'>,
  proof: HandoverProof,
): HandoverDecision {
  if (fulfillment.method !== 'pickup') {
    return refuse(
      'not-pickup',
      `Order ${fulfillment.orderId} ships to the customer; it is not collected in store.`,
    );
  }
  if (fulfillment.state !== 'ready') {
    return refuse(
      'not-ready',
      `Order ${fulfillment.orderId} is "${fulfillment.state}", not ready: ${
        fulfillment.state === 'new' || fulfillment.state === 'picking'
          ? 'finish picking and mark it ready first.'
          : 'it can no longer be collected; check the order history.'
      }`,
    );
  }
  if (proof.method === 'code') {
    if (fulfillment.pickupCode === undefined) {
      return refuse(
        'no-code-on-order',
        `Order ${fulfillment.orderId} has no pickup code; identify the customer instead.`,
      );
    }
    return normalizePickupCode(proof.code) === normalizePickupCode(fulfillment.pickupCode)
      ? { ok: true, method: 'code' }
      : refuse(
          'wrong-code',
          'The code does not match this order; check the order number, or identify the customer instead.',
        );
  }
  if (proof.reason.trim() === '') {
    return refuse(
      'reason-required',
      'Say why the pickup code is not used; the manager reviews identity hand-overs.',
    );
  }
  const expected = order.customer?.customerId;
  if (expected === undefined) {
    return refuse(
      'no-customer-on-order',
      `Order ${order.id} has no customer account; only its pickup code can release it.`,
    );
  }
  if (proof.customerId !== expected) {
    return refuse(
      'customer-mismatch',
      'The identified customer is not the one who placed this order; ask for the pickup code.',
    );
  }
  return {
    ok: true,
    method: 'identity',
    managerReview: { reason: proof.reason.trim(), checkedBy: proof.checkedBy },
  };
}
