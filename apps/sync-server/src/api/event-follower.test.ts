import { describe, expect, it } from 'vitest';
import type { WebhookEvent } from '@store-os/shared/integration';
import type { TestServer } from '../testing/test-server';
import { addStore, api, apiKey, startApiServer, webOrder } from './api-test-kit';
import { integrationApiOf } from './integration-api';
import { eventually, WebhookReceiver } from './webhook-receiver';

/** Every event enqueued so far, oldest first (the outbox is where "exactly once" is decided). */
function enqueued(t: TestServer): WebhookEvent[] {
  return t.server.services.store.sqlite
    .prepare<[], { payload: string }>('SELECT payload FROM api_deliveries ORDER BY created_at, id')
    .all()
    .map((r) => JSON.parse(r.payload) as WebhookEvent);
}

/** The saved event cursor of `db` (the `api_event_cursors` row, as older servers wrote it too). */
function cursor(t: TestServer, db: string): unknown {
  return t.server.services.store.sqlite
    .prepare<[string], { seq: unknown }>('SELECT seq FROM api_event_cursors WHERE db = ?')
    .get(db)?.seq;
}

function updateSeq(t: TestServer, db: string): number {
  return t.server.services.store.info(db)?.updateSeq ?? -1;
}

async function placeOrder(t: TestServer, key: string, idem: string): Promise<string> {
  const res = await api<{ orderId: string }>(
    t,
    key,
    'POST',
    '/_api/web-orders',
    webOrder([{ sku: 'X', quantity: 1 }], { method: 'pickup', storeId: 's1' }),
    idem,
  );
  expect(res.status).toBe(201);
  return res.body.orderId;
}

describe('webhook event follower across a restart', () => {
  it('emits each change exactly once: none repeated after a restart, none lost while it was stopped', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    let t = await startApiServer();
    try {
      const key = await apiKey(t, ['orders:write', 'webhooks:manage']);
      await addStore(t, 's1');
      const sub = await api(t, key, 'POST', '/_api/webhooks', {
        url: receiver.url,
        events: ['order.created', 'fulfillment.created'],
      });
      expect(sub.status).toBe(201);

      const a = await placeOrder(t, key, 'ef-a');
      await eventually('order A followed', () => cursor(t, 'store-s1') === updateSeq(t, 'store-s1'));
      expect(enqueued(t).map((e) => e.type)).toEqual(['order.created', 'fulfillment.created']);

      // B is committed while the follower is stopped: nothing follows it before the restart.
      await integrationApiOf(t.server.services)?.events.stop();
      const b = await placeOrder(t, key, 'ef-b');
      expect(cursor(t, 'store-s1')).toBeLessThan(updateSeq(t, 'store-s1'));
      expect(enqueued(t)).toHaveLength(2);
      await t.close(true);

      t = await startApiServer({ dataDir: t.dataDir });
      const c = await placeOrder(t, key, 'ef-c');
      await eventually('orders B and C followed', () => {
        const seq = cursor(t, 'store-s1');
        return seq === updateSeq(t, 'store-s1') && enqueued(t).length >= 6 ? seq : undefined;
      });
      // The checkpoint is still an integer row of api_event_cursors (older servers' rows read as-is).
      expect(typeof cursor(t, 'store-s1')).toBe('number');

      const events = enqueued(t);
      const orders = events
        .filter((e) => e.type === 'order.created')
        .map((e) => (e.data.order as { id: string }).id);
      const fulfillments = events.filter((e) => e.type === 'fulfillment.created').map((e) => e.data.orderId);
      expect([...orders].sort()).toEqual([a, b, c].sort());
      expect([...fulfillments].sort()).toEqual([a, b, c].sort());
      expect(new Set(events.map((e) => e.id)).size).toBe(6);
      await eventually('every event delivered', () =>
        new Set(receiver.received.filter((r) => r.status === 200).map((r) => r.headers['webhook-id']))
          .size === 6
          ? true
          : undefined,
      );
    } finally {
      await t.close();
      await receiver.stop();
    }
  });
});
