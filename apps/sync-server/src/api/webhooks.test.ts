import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { StockPage, WebhookDelivery, WebhookEvent, WebOrderStatus } from '@store-os/shared/integration';
import { startTestServer, type TestServer } from '../testing/test-server';
import { addStore, api, apiKey, receive, startApiServer, webOrder } from './api-test-kit';
import { eventually, WebhookReceiver } from './webhook-receiver';

const ALL = ['order.created', 'fulfillment.created', 'fulfillment.updated', 'stock.changed'];

describe('outgoing webhooks', () => {
  let t: TestServer;
  let receiver: WebhookReceiver;
  let key: string;
  beforeEach(async () => {
    t = await startApiServer();
    receiver = new WebhookReceiver();
    await receiver.start();
    key = await apiKey(t, ['orders:write', 'orders:read', 'webhooks:manage']);
    await addStore(t, 's1');
    await receive(t, 's1', 'COF', 's1-floor', 5);
  });
  afterEach(async () => {
    await t.close();
    await receiver.stop();
  });

  async function subscribe(events = ALL) {
    const res = await api<{ id: string; secret: string }>(t, key, 'POST', '/_api/webhooks', {
      url: receiver.url,
      events,
    });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_/);
    return res.body;
  }

  it('signs every delivery so a Standard Webhooks receiver verifies it, and retries after a 500', async () => {
    const sub = await subscribe();
    receiver.respond = (n) => (n === 0 ? 500 : 200);
    const order = await api<WebOrderStatus>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'COF', quantity: 2 }], { method: 'pickup', storeId: 's1' }),
      'wh-1',
    );
    expect(order.status).toBe(201);
    const verifier = new Webhook(sub.secret);
    const events = await eventually('order, fulfillment and stock events', () => {
      const ok = receiver.received
        .filter((r) => r.status === 200)
        .map((r) => verifier.verify(r.body, r.headers) as WebhookEvent);
      const types = new Set(ok.map((e) => e.type));
      return types.has('order.created') && types.has('fulfillment.created') && types.has('stock.changed')
        ? ok
        : undefined;
    });
    // Stock received before the subscription existed is history, not an event for it.
    expect(events.filter((e) => e.type === 'stock.changed').map((e) => e.data.reserved)).not.toContain(0);
    const created = events.find((e) => e.type === 'order.created');
    expect((created?.data.order as { id: string }).id).toBe(order.body.orderId);
    expect(events.find((e) => e.type === 'fulfillment.created')?.data).toMatchObject({
      orderId: order.body.orderId,
      storeId: 's1',
      state: 'new',
    });
    expect(events.find((e) => e.type === 'stock.changed')?.data).toMatchObject({
      sku: 'COF',
      locationId: 's1-floor',
      onHand: 5,
      reserved: 2,
      available: 3,
    });
    // A signature is bound to the body: a tampered payload does not verify.
    const first = receiver.received[0];
    if (!first) throw new Error('nothing received');
    expect(() => verifier.verify(first.body.replace('"type"', '"typ3"'), first.headers)).toThrow();

    // The first request got a 500: its event came again, same webhook-id, and the log shows both attempts.
    const retried = receiver.received.filter((r) => r.headers['webhook-id'] === first.headers['webhook-id']);
    expect(retried.map((r) => r.status)).toEqual([500, 200]);
    const log = await eventually('the delivery log to record the retry', async () => {
      const res = await api<{ deliveries: WebhookDelivery[] }>(
        t,
        key,
        'GET',
        `/_api/webhooks/${sub.id}/deliveries`,
      );
      const d = res.body.deliveries.find((x) => x.eventId === first.headers['webhook-id']);
      return d?.status === 'delivered' ? d : undefined;
    });
    expect(log.attempts).toBe(2);
    expect(log.log.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(log.lastError).toBeUndefined();
    expect(log.deliveredAt).toBeDefined();
    // The HQ console reads the same log with a person's credential (here the admin's Basic auth).
    const asPerson = await t.json<{ deliveries: WebhookDelivery[] }>(`/_api/webhooks/${sub.id}/deliveries`);
    expect(asPerson.status).toBe(200);
    expect(asPerson.body.deliveries.map((d) => d.id)).toContain(log.id);
  });

  it('marks a delivery failed after the attempt bound, and reports the next retry while pending', async () => {
    const sub = await subscribe(['order.created']);
    receiver.respond = () => 503;
    await api(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'COF', quantity: 1 }], { method: 'pickup', storeId: 's1' }),
      'wh-2',
    );
    const pending = await eventually('a pending retry', async () => {
      const res = await api<{ deliveries: WebhookDelivery[] }>(
        t,
        key,
        'GET',
        `/_api/webhooks/${sub.id}/deliveries?status=pending`,
      );
      return res.body.deliveries.find((d) => d.attempts >= 1);
    });
    expect(pending.nextAttemptAt).toBeDefined();
    expect(pending.lastStatusCode).toBe(503);
    const failed = await eventually('the delivery to fail', async () => {
      const res = await api<{ deliveries: WebhookDelivery[] }>(
        t,
        key,
        'GET',
        `/_api/webhooks/${sub.id}/deliveries?status=failed`,
      );
      return res.body.deliveries[0];
    });
    expect(failed.attempts).toBe(4);
    expect(failed.nextAttemptAt).toBeUndefined();
    expect(failed.log).toHaveLength(4);
    expect(receiver.received).toHaveLength(4);

    // An operator can send it again once the receiver is fixed.
    receiver.respond = () => 200;
    const retry = await api(t, key, 'POST', `/_api/webhooks/${sub.id}/deliveries/${failed.id}/retry`);
    expect(retry.status).toBe(202);
    await eventually('the redelivery', () => receiver.received.at(-1)?.status === 200);
  });

  it('never holds up a write while a receiver hangs', async () => {
    await subscribe(['order.created']);
    receiver.respond = () => 'hold';
    await api(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'COF', quantity: 1 }], { method: 'pickup', storeId: 's1' }),
      'wh-3',
    );
    await eventually('the first delivery to be held', () => receiver.received.length === 1);
    // The receiver still holds that request open; writes keep answering meanwhile.
    const second = await api(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'COF', quantity: 1 }], { method: 'pickup', storeId: 's1' }),
      'wh-4',
    );
    expect(second.status).toBe(201);
    expect(receiver.received).toHaveLength(1);
    receiver.release();
  });

  it('sends in stock.changed exactly the figures GET /_api/stock answers for the level (safety stock included)', async () => {
    const sub = await subscribe(['stock.changed']);
    const stockKey = await apiKey(t, ['stock:read']);
    await api(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'COF', quantity: 2 }], { method: 'pickup', storeId: 's1' }),
      'wh-stock-1',
    );
    await t.server.rollup.idle();
    // HQ keeps one unit back at this location: the level now says onHand 5, reserved 2, safetyStock 1.
    const id = 'stock-level:COF:s1-floor';
    const current = await t.json<Record<string, unknown>>(`/stock-levels/${id}`);
    const updatedAt = new Date(Date.now() + 1000).toISOString();
    const put = await t.json(`/stock-levels/${id}`, {
      method: 'PUT',
      json: { ...current.body, safetyStock: 1, updatedAt },
    });
    expect(put.status).toBe(201);
    const verifier = new Webhook(sub.secret);
    const event = await eventually('the stock.changed event of the new level', () =>
      receiver.received
        .map((r) => verifier.verify(r.body, r.headers) as WebhookEvent)
        .find((e) => e.type === 'stock.changed' && e.data.updatedAt === updatedAt),
    );
    const stock = await api<StockPage>(t, stockKey, 'GET', '/_api/stock?sku=COF&locationId=s1-floor');
    const [answered] = stock.body.levels;
    if (!answered) throw new Error('no level answered');
    const { ageMs: _age, ...figures } = answered;
    expect(event.data).toEqual(figures);
    expect(event.data).toMatchObject({ onHand: 5, reserved: 2, available: 2 });
  });

  it('reports a terminal’s state change as fulfillment.updated', async () => {
    const sub = await subscribe(['fulfillment.updated']);
    const order = await api<WebOrderStatus>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'COF', quantity: 1 }], { method: 'pickup', storeId: 's1' }),
      'wh-5',
    );
    const id = `fulfillment:${order.body.orderId}`;
    const doc = await t.json<Record<string, unknown> & { history: unknown[] }>(`/store-s1/${id}`);
    const put = await t.json(`/store-s1/${id}`, {
      method: 'PUT',
      json: {
        ...doc.body,
        state: 'picking',
        history: [...doc.body.history, { state: 'picking', at: '2030-01-01T00:00:00.000Z' }],
      },
    });
    expect(put.status).toBe(201);
    const verifier = new Webhook(sub.secret);
    const event = await eventually('fulfillment.updated', () => {
      const got = receiver.received[0];
      return got ? (verifier.verify(got.body, got.headers) as WebhookEvent) : undefined;
    });
    expect(event).toMatchObject({
      type: 'fulfillment.updated',
      data: { orderId: order.body.orderId, state: 'picking', previousState: 'new' },
    });
  });
});

describe('webhook deliveries across a restart', () => {
  it('resumes pending deliveries from the database after the server restarts', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    receiver.respond = () => 503;
    const slow = {
      webhooks: { baseDelayMs: 300, maxDelayMs: 300, maxAttempts: 50, timeoutMs: 2000 },
      allowLoopbackWebhooks: true,
    };
    let t = await startTestServer({ integrationApi: slow });
    const key = await apiKey(t, ['orders:write', 'webhooks:manage']);
    await addStore(t, 's1');
    const sub = await api<{ id: string; secret: string }>(t, key, 'POST', '/_api/webhooks', {
      url: receiver.url,
      events: ['order.created'],
    });
    await api(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'X', quantity: 1 }], { method: 'pickup', storeId: 's1' }),
      'r-1',
    );
    await eventually('a failed first attempt', () => receiver.received.length >= 1);
    await t.close(true);
    const attemptsBefore = receiver.received.length;

    receiver.respond = () => 200;
    t = await startTestServer({ dataDir: t.dataDir, integrationApi: slow });
    try {
      await eventually('delivery after restart', () => receiver.received.at(-1)?.status === 200);
      const log = await api<{ deliveries: WebhookDelivery[] }>(
        t,
        key,
        'GET',
        `/_api/webhooks/${sub.body.id}/deliveries`,
      );
      expect(log.body.deliveries).toHaveLength(1);
      expect(log.body.deliveries[0]?.status).toBe('delivered');
      expect(log.body.deliveries[0]?.attempts).toBe(attemptsBefore + 1);
      const payload = new Webhook(sub.body.secret).verify(
        receiver.received.at(-1)?.body ?? '',
        receiver.received.at(-1)?.headers ?? {},
      );
      expect(payload).toMatchObject({ type: 'order.created' });
    } finally {
      await t.close();
      await receiver.stop();
    }
  });
});

describe('delivery log retention', () => {
  it('forgets finished deliveries older than 30 days at start, never pending ones', async () => {
    let t = await startTestServer();
    const db = t.server.services.store.sqlite;
    const insert = db.prepare(
      `INSERT INTO api_deliveries (id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
       VALUES (?, 'whk-1', 'evt-1', 'order.created', '{}', ?, 1, NULL, ?)`,
    );
    const old = Date.now() - 31 * 24 * 60 * 60 * 1000;
    insert.run('dlv-old-done', 'delivered', old);
    insert.run('dlv-old-failed', 'failed', old);
    insert.run('dlv-old-pending', 'pending', old);
    insert.run('dlv-new-done', 'delivered', Date.now());
    await t.close(true);
    t = await startTestServer({ dataDir: t.dataDir });
    try {
      const left = t.server.services.store.sqlite
        .prepare<[], { id: string }>('SELECT id FROM api_deliveries ORDER BY id')
        .all()
        .map((r) => r.id);
      expect(left).toEqual(['dlv-new-done', 'dlv-old-pending']);
    } finally {
      await t.close();
    }
  });
});
