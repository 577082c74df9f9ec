import type { OrderDoc } from '@store-os/shared/schemas';

/** The selling till keeps an endless-aisle order's delivery address on its note, after this prefix. */
const SHIP_TO = 'Ship to: ';

/** The delivery address of an endless-aisle order, or undefined when its note does not give one. */
export function shipToOf(order: Pick<OrderDoc, 'note'> | undefined): string | undefined {
  if (!order?.note?.startsWith(SHIP_TO)) return undefined;
  const address = order.note.slice(SHIP_TO.length).trim();
  return address === '' ? undefined : address;
}
