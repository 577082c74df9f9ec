import { describe, expect, it } from 'vitest';
import type { StockLevelDoc } from '@store-os/shared/schemas';
import { availability, levelAvailability } from './stock-availability';

const level = (fields: Partial<StockLevelDoc>): StockLevelDoc => ({
  id: 'stock-level:COF:s1-floor',
  type: 'stock-level',
  schemaVersion: 1,
  storeId: 's1',
  sku: 'COF',
  locationId: 's1-floor',
  onHand: 10,
  reserved: 3,
  movementCount: 2,
  updatedAt: '2026-12-06T05:00:00.000Z',
  ...fields,
});

describe('stock availability (one computation for GET /_api/stock and stock.changed)', () => {
  it('promises on hand less reserved less safety stock, never below zero', () => {
    expect(levelAvailability(level({}))).toEqual({
      sku: 'COF',
      locationId: 's1-floor',
      storeId: 's1',
      onHand: 10,
      reserved: 3,
      available: 7,
      updatedAt: '2026-12-06T05:00:00.000Z',
    });
    expect(levelAvailability(level({ safetyStock: 2 })).available).toBe(5);
    // Oversold by two offline tills: the level is negative, nothing can be promised.
    expect(levelAvailability(level({ onHand: -1, reserved: 0 })).available).toBe(0);
    expect(levelAvailability(level({ onHand: 4, reserved: 3, safetyStock: 2 })).available).toBe(0);
  });

  it('adds the age of the level at the time it is read, the only field the webhook payload lacks', () => {
    const read = availability(level({ safetyStock: 1 }), Date.parse('2026-12-06T05:00:30.000Z'));
    const { ageMs, ...rest } = read;
    expect(ageMs).toBe(30_000);
    expect(rest).toEqual(levelAvailability(level({ safetyStock: 1 })));
    expect(availability(level({ updatedAt: 'garbage' }), 0).ageMs).toBe(0);
  });
});
