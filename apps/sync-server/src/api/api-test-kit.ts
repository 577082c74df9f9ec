// Helpers for the integration API tests: a server with fast webhook retries, stores with locations,
// stock received through real movements, API keys, and calls that return status, headers and body.
import { documentExamples } from '@store-os/shared/schemas';
import { exampleWebOrderRequest, type ApiScope, type WebOrderRequest } from '@store-os/shared/integration';
import { movementDoc } from '../testing/fixtures';
import { startTestServer, type TestServer } from '../testing/test-server';

/**
 * A test server whose webhook retries are milliseconds apart and whose receivers may listen on loopback
 * (the development flag), with the default per-key rate limit.
 */
export function startApiServer(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  return startTestServer({
    integrationApi: {
      webhooks: { baseDelayMs: 30, maxDelayMs: 200, maxAttempts: 4, timeoutMs: 2000 },
      allowLoopbackWebhooks: true,
    },
    ...options,
  });
}

/** Creates a store (and its database) and publishes its `store` document with these locations. */
export async function addStore(
  t: TestServer,
  storeId: string,
  locations: { locationId: string; kind?: 'sales-floor' | 'backroom' | 'warehouse' }[] = [
    { locationId: `${storeId}-floor` },
  ],
): Promise<void> {
  const created = await t.call('/_pos/stores', {
    method: 'POST',
    json: { id: storeId, name: `Store ${storeId}` },
  });
  if (created.status >= 300) throw new Error(`store ${storeId}: ${created.status} ${await created.text()}`);
  const doc = {
    ...structuredClone(documentExamples.store),
    _id: `store:${storeId}`,
    id: `store:${storeId}`,
    storeId,
    locations: locations.map((l) => ({
      locationId: l.locationId,
      name: l.locationId,
      kind: l.kind ?? 'sales-floor',
    })),
  };
  const put = await t.call(`/catalog/store:${storeId}`, { method: 'PUT', json: doc });
  if (put.status >= 300) throw new Error(`store doc ${storeId}: ${put.status} ${await put.text()}`);
}

/** Receives `quantity` of `sku` at a location with a real movement, then waits for the roll-up. */
export async function receive(
  t: TestServer,
  storeId: string,
  sku: string,
  locationId: string,
  quantity: number,
) {
  const doc = movementDoc(storeId, `${storeId}-t01`, sku, locationId, quantity, 'receive');
  const res = await t.json<{ error?: string }[]>(`/store-${storeId}/_bulk_docs`, {
    method: 'POST',
    json: { docs: [doc] },
  });
  if (res.status !== 201 || res.body.some((r) => r.error))
    throw new Error(`receive: ${JSON.stringify(res.body)}`);
  await t.server.rollup.idle();
}

/** Creates an API key with `scopes` as the admin. */
export async function apiKey(t: TestServer, scopes: ApiScope[], integration = 'webshop'): Promise<string> {
  const res = await t.json<{ key: string }>('/_api/keys', { method: 'POST', json: { integration, scopes } });
  if (res.status !== 201) throw new Error(`key: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.key;
}

/** An API call with a Bearer key; answers status, headers and parsed body. */
export async function api<T = Record<string, unknown>>(
  t: TestServer,
  key: string | null,
  method: string,
  path: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<{ status: number; headers: Headers; body: T }> {
  const headers: Record<string, string> = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(t.url + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A valid web order for these lines (each unit 500 minor units), paid by card. */
export function webOrder(
  lines: { sku: string; quantity: number }[],
  fulfillment: WebOrderRequest['fulfillment'],
  extra: Partial<WebOrderRequest> = {},
): WebOrderRequest {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const docLines = lines.map((l, i) => ({
    lineId: String(i + 1),
    sku: l.sku,
    name: `Item ${l.sku}`,
    unit: 'each' as const,
    quantity: l.quantity,
    unitPrice: eur(500),
    grossAmount: eur(500 * l.quantity),
    discounts: [],
    taxes: [],
    total: eur(500 * l.quantity),
  }));
  const total = docLines.reduce((s, l) => s + l.total.amount, 0);
  const [tender] = exampleWebOrderRequest.tenders;
  return {
    ...exampleWebOrderRequest,
    externalRef: `WEB-${Math.random().toString(36).slice(2, 10)}`,
    fulfillment,
    lines: docLines,
    taxes: [],
    totals: { subtotal: eur(total), discountTotal: eur(0), taxTotal: eur(0), total: eur(total) },
    tenders: tender ? [{ ...tender, amount: eur(total) }] : [],
    ...extra,
  };
}

/** A stock level as the server rolled it up. */
export async function level(t: TestServer, sku: string, locationId: string) {
  await t.server.rollup.idle();
  const res = await t.json<{ onHand: number; reserved: number }>(
    `/stock-levels/stock-level:${sku}:${locationId}`,
  );
  return res.status === 200 ? { onHand: res.body.onHand, reserved: res.body.reserved } : undefined;
}
