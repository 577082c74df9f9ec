import type { OrderDoc } from '@store-os/shared';
import { exampleOrder } from '@store-os/shared/schemas';
import { describe, expect, it } from 'vitest';
import { aisleOrdersOf, routingOf, routingText } from './aisle-orders';

const order = (id: string, createdAt: string, fulfillment: OrderDoc['fulfillment']): OrderDoc => ({
  ...(exampleOrder as unknown as OrderDoc),
  id,
  createdAt,
  fulfillment,
});
const name = (id: string) => ({ s002: 'Lyon', s003: 'Lille' })[id] ?? id;

describe('endless-aisle orders of this store', () => {
  it('lists only ship orders sold here, newest first', () => {
    const list = aisleOrdersOf([
      order('a', '2026-12-01T10:00:00Z', 'ship'),
      order('b', '2026-12-02T10:00:00Z', 'take-now'),
      order('c', '2026-12-03T10:00:00Z', 'ship'),
    ]);
    expect(list.map((o) => o.id)).toEqual(['c', 'a']);
  });

  it('says where the parts ship from and what is backordered', () => {
    const parts = [
      { storeId: 's002', allocations: [{ lines: [{ quantity: 2 }] }] },
      { storeId: 's003', allocations: [{ lines: [{ quantity: 1 }, { quantity: 1 }] }] },
      { storeId: 's001', allocations: [] },
    ];
    expect(routingText({ status: 'routed', plan: { parts, backorders: [] } }, name)).toBe(
      'Ships 2 from Lyon, 2 from Lille.',
    );
    expect(routingText({ status: 'routed', plan: { parts: [], backorders: [{ quantity: 3 }] } }, name)).toBe(
      'Nothing in stock anywhere; 3 backordered.',
    );
    expect(routingText({ status: 'failed', reason: 'no usable location' }, name)).toBe(
      'Not routed: no usable location.',
    );
  });

  it('says when the order has not reached the server, or that the status needs the network', async () => {
    const notYet = await routingOf(
      {
        serverUrl: 'http://s.test',
        authorization: null,
        online: true,
        fetch: () => Promise.resolve(new Response('{}', { status: 404 })),
      },
      'o1',
    );
    expect(notYet).toBe('Not at the server yet: it is routed when this till has synced it.');
    expect(await routingOf({ serverUrl: 'http://s.test', authorization: null, online: false }, 'o1')).toBe(
      'Offline: the delivery status needs the network.',
    );
  });
});
