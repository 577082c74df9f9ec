import { askServer, type ServerAccess } from '../common/ask-server';

/** Where a ship-from-store parcel goes, or a sentence saying why it is not known here. */
export type DeliveryAddress =
  { readonly ok: true; readonly shipTo: string } | { readonly ok: false; readonly message: string };

/**
 * The delivery address of an endless-aisle order this store ships. The address is on the selling
 * store's order, which is not in this store's database; the server's routing record
 * (`GET /_omni/ship-orders/{orderId}`) gives it to the selling and the shipping stores only.
 */
export async function deliveryAddress(access: ServerAccess, orderId: string): Promise<DeliveryAddress> {
  const answer = await askServer<{ shipTo?: unknown }>(
    access,
    `ship-orders/${encodeURIComponent(orderId)}`,
    'the delivery address',
  );
  if (!answer.ok) return answer;
  const { shipTo } = answer.body;
  if (typeof shipTo !== 'string' || shipTo.trim() === '')
    return {
      ok: false,
      message: 'The server has no delivery address for this order; ask the selling store before shipping.',
    };
  return { ok: true, shipTo };
}
