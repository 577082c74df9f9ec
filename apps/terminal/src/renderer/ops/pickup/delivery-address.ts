import type { FulfillmentDoc } from '@store-os/shared';
import { askServer, type ServerAccess } from '../common/ask-server';

/** Where a ship-from-store parcel goes, or a sentence saying why it is not known here. */
export type DeliveryAddress =
  { readonly ok: true; readonly shipTo: string } | { readonly ok: false; readonly message: string };

/**
 * The delivery address of an endless-aisle order this store ships. The server's routing writes it on
 * the fulfillment (v2 `shipTo`), replicated here, so it is read locally, offline too. A fulfillment
 * routed before v2 has none: then the server's routing record (`GET /_omni/ship-orders/{orderId}`, which
 * reads the selling store's order) gives it to the selling and the shipping stores only.
 */
export async function deliveryAddress(
  access: ServerAccess,
  fulfillment: Pick<FulfillmentDoc, 'orderId' | 'shipTo'>,
): Promise<DeliveryAddress> {
  if (fulfillment.shipTo !== undefined && fulfillment.shipTo.trim() !== '')
    return { ok: true, shipTo: fulfillment.shipTo };
  const { orderId } = fulfillment;
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
