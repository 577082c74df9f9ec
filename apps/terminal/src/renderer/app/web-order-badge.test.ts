import type { FulfillmentDoc } from '@store-os/shared';
import { describe, expect, it } from 'vitest';
import { newWebOrderIds, webOrderBadgeLabel } from './web-order-badge';

const NOW = '2026-12-06T10:00:00.000Z';
const fulfillment = (
  id: string,
  state: FulfillmentDoc['state'],
  method: FulfillmentDoc['method'] = 'pickup',
  storeId = 's001',
) =>
  ({
    id,
    type: 'fulfillment',
    storeId,
    orderId: `o-${id}`,
    method,
    state,
    createdAt: '2026-12-06T09:00:00.000Z',
    updatedAt: '2026-12-06T09:00:00.000Z',
    history: [{ state, at: '2026-12-06T09:00:00.000Z' }],
  }) as unknown as FulfillmentDoc;

describe('web-order badge in the navigation', () => {
  it('counts this store’s active pickup and ship orders not shown here yet, nothing else', () => {
    const fulfillments = [
      fulfillment('f1', 'new'),
      fulfillment('f2', 'new', 'ship'),
      fulfillment('f3', 'picking'),
      fulfillment('f4', 'collected'),
      fulfillment('f5', 'new', 'pickup', 's002'),
      fulfillment('f1', 'new'), // replicated twice
    ];
    expect(newWebOrderIds({ fulfillments, seen: new Set(), storeId: 's001', now: NOW })).toEqual(
      expect.arrayContaining(['f1', 'f2', 'f3']),
    );
    expect(newWebOrderIds({ fulfillments, seen: new Set(), storeId: 's001', now: NOW })).toHaveLength(3);
    // Acknowledged on the web-order screen: no longer counted.
    expect(newWebOrderIds({ fulfillments, seen: new Set(['f1', 'f3']), storeId: 's001', now: NOW })).toEqual([
      'f2',
    ]);
    expect(newWebOrderIds({ fulfillments: [], seen: new Set(), storeId: 's001', now: NOW })).toEqual([]);
  });

  it('names the count for screen readers', () => {
    expect(webOrderBadgeLabel(1)).toBe('1 new web order');
    expect(webOrderBadgeLabel(3)).toBe('3 new web orders');
  });
});
