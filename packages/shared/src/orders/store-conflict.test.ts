import { describe, expect, it } from 'vitest';
import type { FulfillmentDoc, OrderDoc } from '../schemas';
import { exampleOrder } from '../schemas';
import { newFulfillment, transitionFulfillment } from './fulfillment-state';
import { resolveStoreConflict } from './store-conflict';

const order = { ...(exampleOrder as unknown as OrderDoc), channel: 'web', fulfillment: 'pickup' } as OrderDoc;
const base = newFulfillment({ order, at: '2026-11-23T10:00:00.000Z', pickupCode: 'AB12' });

describe('resolveStoreConflict', () => {
  it("merges fulfillments by the state machine: the terminal's later state survives an older server copy", () => {
    const server = transitionFulfillment(base, { to: 'picking', at: '2026-11-23T10:05:00.000Z', by: 'u1' });
    const till = transitionFulfillment(
      transitionFulfillment(server, { to: 'ready', at: '2026-11-23T10:10:00.000Z', by: 'u2' }),
      { to: 'collected', at: '2026-11-23T11:00:00.000Z', by: 'u2' },
    );
    const expired: FulfillmentDoc = transitionFulfillment(
      transitionFulfillment(server, { to: 'ready', at: '2026-11-23T10:09:00.000Z' }),
      { to: 'expired', at: '2026-11-26T10:09:00.000Z' },
    );
    const merged = resolveStoreConflict<FulfillmentDoc & Record<string, unknown>>(expired, till);
    expect(merged.state).toBe('collected');
    expect(merged.history.map((s) => s.state)).toContain('expired');
    // Either side first: the same answer on every replica.
    expect(resolveStoreConflict(till as never, expired as never)).toEqual(merged);
  });

  it('keeps the server copy of an append-only fact', () => {
    const master = { id: 'x', type: 'order', note: 'server' };
    const local = { id: 'x', type: 'order', note: 'local' };
    expect(resolveStoreConflict(master, local)).toBe(master);
  });
});
