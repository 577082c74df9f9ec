import type { OrderDoc } from '@store-os/shared';
import { isEndlessAisleOrder } from '@store-os/shared/omnichannel';
import { askServer, type ServerAccess } from '../returns/find-order';

/** How the server routed an endless-aisle order (`GET /_omni/ship-orders/{orderId}`). */
export interface ShipOrderRouting {
  readonly status: 'routed' | 'failed';
  readonly reason?: string;
  readonly plan?: {
    readonly parts: readonly {
      readonly storeId: string;
      readonly allocations: readonly { readonly lines: readonly { readonly quantity: number }[] }[];
    }[];
    readonly backorders: readonly { readonly quantity: number }[];
  };
}

/** This store's endless-aisle sales, newest first. */
export function aisleOrdersOf(orders: readonly OrderDoc[], limit = 5): OrderDoc[] {
  return orders
    .filter(isEndlessAisleOrder)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    .slice(0, limit);
}

/** One sentence for the cashier: where the order ships from, what waits, or why the server cannot say. */
export function routingText(routing: ShipOrderRouting, storeName: (storeId: string) => string): string {
  if (routing.status === 'failed') return `Not routed: ${routing.reason ?? 'the server could not route it'}.`;
  const parts = (routing.plan?.parts ?? [])
    .map((p) => ({
      storeId: p.storeId,
      units: p.allocations.reduce((n, a) => n + a.lines.reduce((m, l) => m + l.quantity, 0), 0),
    }))
    .filter((p) => p.units > 0)
    .map((p) => `${p.units} from ${storeName(p.storeId)}`);
  const waiting = (routing.plan?.backorders ?? []).reduce((n, b) => n + b.quantity, 0);
  const ships = parts.length > 0 ? `Ships ${parts.join(', ')}` : 'Nothing in stock anywhere';
  return waiting > 0 ? `${ships}; ${waiting} backordered.` : `${ships}.`;
}

/** Asks the server how the order was routed; says plainly when that needs the network or has not synced. */
export async function routingOf(access: ServerAccess, orderId: string): Promise<ShipOrderRouting | string> {
  const answer = await askServer<ShipOrderRouting>(
    access,
    `ship-orders/${encodeURIComponent(orderId)}`,
    'the delivery status',
  );
  if (answer.ok) return answer.body;
  return /HTTP 404/.test(answer.message)
    ? 'Not at the server yet: it is routed when this till has synced it.'
    : answer.message;
}
