// Server-side set-up of the store-operations specs: stock received at a location (so routing finds it)
// and web orders posted to the integration API exactly as the web shop does.
import {
  exampleWebOrderRequest,
  type WebOrderRequest,
  type WebOrderStatus,
} from '@store-os/shared/integration';
import type { SyncServerProcess } from '../../test/sync-server-process';

const json = (server: SyncServerProcess) => ({
  Authorization: server.adminAuthorization,
  'Content-Type': 'application/json',
});

/** Receives stock as the back office would (one `receive` movement per sku), then waits for the roll-up. */
export async function receiveStock(
  server: SyncServerProcess,
  storeId: string,
  locationId: string,
  units: Record<string, number>,
): Promise<void> {
  const at = new Date().toISOString();
  const docs = Object.entries(units).map(([sku, delta], i) => ({
    _id: `${storeId}-bo1-01JD5Z8Q2W3E4R5T6Y7V8X9A${String(i).padStart(2, '0')}`,
    type: 'movement',
    schemaVersion: 1,
    storeId,
    sku,
    locationId,
    unit: 'each',
    delta,
    reason: 'receive',
    createdAt: at,
  }));
  const res = await fetch(`${server.url}/store-${storeId}/_bulk_docs`, {
    method: 'POST',
    headers: json(server),
    body: JSON.stringify({ docs }),
  });
  const rows = (await res.json()) as { ok?: boolean; reason?: string }[];
  if (!res.ok || rows.some((r) => !r.ok)) throw new Error(`stock receipt refused: ${JSON.stringify(rows)}`);
  const deadline = Date.now() + 20_000;
  for (const [sku, delta] of Object.entries(units)) {
    for (;;) {
      const level = await server.getDocument('stock-levels', `stock-level:${sku}:${locationId}`);
      if (level && Number(level['onHand']) >= delta) break;
      if (Date.now() > deadline) throw new Error(`stock-levels never showed ${sku}@${locationId}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Posts a web order to `/_api/web-orders` (the integration API) and returns its routed status. */
export async function postWebOrder(
  server: SyncServerProcess,
  order: Partial<WebOrderRequest> & Pick<WebOrderRequest, 'externalRef' | 'fulfillment'>,
): Promise<WebOrderStatus> {
  const body = { ...exampleWebOrderRequest, placedAt: new Date().toISOString(), ...order };
  const res = await fetch(`${server.url}/_api/web-orders`, {
    method: 'POST',
    headers: { ...json(server), 'Idempotency-Key': `e2e-${order.externalRef}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /_api/web-orders: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as WebOrderStatus;
}

/** What the web shop sees of an order through the API. */
export async function webOrderStatus(server: SyncServerProcess, orderId: string): Promise<WebOrderStatus> {
  const res = await fetch(`${server.url}/_api/web-orders/${encodeURIComponent(orderId)}`, {
    headers: json(server),
  });
  if (!res.ok) throw new Error(`GET /_api/web-orders/${orderId}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as WebOrderStatus;
}
