// The delivery address of a ship order. The order carries it on its note after "Ship to: " (the till
// writes it there for an endless-aisle sale; a web shop sends it as `fulfillment.shipTo`, or on its note
// the same way); routing copies it onto
// each shipping store's fulfillment (v2 `shipTo`), so the shipping store's tills hold it offline too.
import type { FulfillmentDoc, OrderDoc } from '@store-os/shared/schemas';

/** The prefix that marks the delivery address on an order's note. */
export const SHIP_TO_PREFIX = 'Ship to: ';
/** The longest address a fulfillment carries (fulfillment v2 `shipTo`). */
export const SHIP_TO_MAX_LENGTH = 500;

/** The delivery address of a ship order, or undefined when its note does not give one. */
export function shipToOf(order: Pick<OrderDoc, 'note'> | undefined): string | undefined {
  if (!order?.note?.startsWith(SHIP_TO_PREFIX)) return undefined;
  const address = order.note.slice(SHIP_TO_PREFIX.length).trim();
  return address === '' ? undefined : address;
}

/**
 * Why a note's delivery address cannot go on a fulfillment, or undefined when it can (or when the note
 * gives none): a "Ship to:" with nothing after it, or an address longer than the fulfillment holds.
 */
export function shipToRefusal(note: string | undefined): string | undefined {
  if (note === undefined || !note.trimStart().toLowerCase().startsWith(SHIP_TO_PREFIX.trim().toLowerCase()))
    return undefined;
  if (!note.startsWith(SHIP_TO_PREFIX))
    return `write the delivery address as "${SHIP_TO_PREFIX}<address>" at the start of the note (exactly that prefix).`;
  const address = shipToOf({ note });
  if (address === undefined) return `the note says "${SHIP_TO_PREFIX.trim()}" but gives no address after it.`;
  if (address.length > SHIP_TO_MAX_LENGTH)
    return `the delivery address is ${address.length} characters; at most ${SHIP_TO_MAX_LENGTH} fit on the fulfillment.`;
  return undefined;
}

/** A ship order's fulfillment as v2, carrying its delivery address when there is one. */
export function withShipTo(fulfillment: FulfillmentDoc, shipTo: string | undefined): FulfillmentDoc {
  return { ...fulfillment, schemaVersion: 2, ...(shipTo === undefined ? {} : { shipTo }) };
}
