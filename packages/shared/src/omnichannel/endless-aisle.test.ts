import { describe, expect, it } from 'vitest';
import { exampleOrder, type OrderDoc } from '../schemas';
import { defaultNoReceiptPolicy, noReceiptPolicyWith } from './default-no-receipt-policy';
import { endlessAisleLocations, isEndlessAisleOrder, orderForReturn } from './endless-aisle';
import { routeFulfillment } from './route-fulfillment';

const order = exampleOrder as unknown as OrderDoc;

describe('endless aisle', () => {
  it('ranks the selling store first and every other location next, so a warehouse wins a tie with a store', () => {
    const locations = endlessAisleLocations(
      [
        { storeId: 's1', locations: [{ locationId: 's1-floor', kind: 'sales-floor' }] },
        { storeId: 's2', locations: [{ locationId: 's2-floor', kind: 'sales-floor' }] },
        { storeId: 'dc', locations: [{ locationId: 'dc-main', kind: 'warehouse' }] },
      ],
      's1',
    );
    expect(locations).toEqual([
      { locationId: 's1-floor', storeId: 's1', kind: 'store', rank: 0 },
      { locationId: 's2-floor', storeId: 's2', kind: 'store', rank: 1 },
      { locationId: 'dc-main', storeId: 'dc', kind: 'warehouse', rank: 1 },
    ]);
    const level = (locationId: string) => ({
      sku: 'A',
      locationId,
      onHand: 5,
      reserved: 0,
      updatedAt: '2026-12-01T10:00:00Z',
    });
    const plan = routeFulfillment({
      lines: [{ lineId: 'l1', sku: 'A', quantity: 1 }],
      locations,
      levels: [level('s2-floor'), level('dc-main')],
      policy: { staleAfterMs: 3_600_000 },
      now: Date.parse('2026-12-01T10:05:00Z'),
    });
    expect(plan.shipments.map((s) => s.locationId)).toEqual(['dc-main']);
  });

  it('knows an endless-aisle order: sold at the counter, shipped', () => {
    expect(isEndlessAisleOrder({ kind: 'sale', channel: 'store', fulfillment: 'ship' })).toBe(true);
    expect(isEndlessAisleOrder({ kind: 'sale', channel: 'web', fulfillment: 'ship' })).toBe(false);
    expect(isEndlessAisleOrder({ kind: 'sale', channel: 'store', fulfillment: 'take-now' })).toBe(false);
    expect(isEndlessAisleOrder({ kind: 'return', channel: 'store', fulfillment: 'ship' })).toBe(false);
  });

  it('gives a return elsewhere the order without who sold it, the till, the shift or the note', () => {
    const trimmed = orderForReturn({ ...order, note: 'gift' });
    for (const field of ['cashierId', 'terminalId', 'shiftId', 'note'])
      expect(trimmed).not.toHaveProperty(field);
    expect(trimmed).toMatchObject({
      id: order.id,
      lines: order.lines,
      tenders: order.tenders,
      customer: order.customer,
    });
  });
});

describe('no-receipt policy settings', () => {
  it('applies settings over the default and keeps the rest', () => {
    const policy = noReceiptPolicyWith('EUR', {
      limits: { maxReturns: 1 },
      refundMethods: ['cash'],
    });
    expect(policy).toEqual({
      ...defaultNoReceiptPolicy('EUR'),
      limits: { windowDays: 90, maxReturns: 1, maxAmount: 10_000 },
      refundMethods: ['cash'],
    });
  });

  it('refuses a broken setting, naming it', () => {
    expect(() => noReceiptPolicyWith('EUR', { priceBasis: { kind: 'lowest-recent', days: 0 } })).toThrow(
      /priceBasis.days/,
    );
    expect(() => noReceiptPolicyWith('EUR', { refundMethods: [] })).toThrow(/refundMethods is empty/);
  });
});
