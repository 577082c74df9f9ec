import { describe, expect, it } from 'vitest';
import type { StockLevelDoc, StoreDoc } from '@store-os/shared';
import { documentExamples } from '@store-os/shared/schemas';
import { ageText, availabilityOf, routingLocations } from './availability';

const store = documentExamples.store as unknown as StoreDoc;
const stores: StoreDoc[] = [
  store,
  {
    ...store,
    storeId: 's002',
    name: 'Lyon',
    locations: [{ locationId: 's002-floor', name: 'Floor', kind: 'sales-floor' }],
  },
  {
    ...store,
    storeId: 'wh',
    name: 'DC',
    locations: [{ locationId: 'wh-1', name: 'Bulk', kind: 'warehouse' }],
  },
];
const now = Date.UTC(2026, 10, 23, 12);
const level = (locationId: string, onHand: number, reserved: number, minutesOld: number): StockLevelDoc => ({
  id: `stock-level:COF-250:${locationId}`,
  type: 'stock-level',
  schemaVersion: 1,
  sku: 'COF-250',
  locationId,
  onHand,
  reserved,
  movementCount: 1,
  updatedAt: new Date(now - minutesOld * 60_000).toISOString(),
});

describe('endless-aisle availability', () => {
  it('ranks this store first, types warehouses, and shows what can be promised with its age', () => {
    const locations = routingLocations(stores, 's001');
    expect(locations.map((l) => [l.locationId, l.kind, l.rank])).toEqual([
      ['s001-floor', 'store', 0],
      ['s002-floor', 'store', 1],
      ['wh-1', 'warehouse', 1],
    ]);
    const rows = availabilityOf({
      sku: 'COF-250',
      levels: [
        level('s001-floor', 1, 1, 2),
        level('s002-floor', 4, 1, 5),
        level('wh-1', 40, 0, 600),
        level('elsewhere', 9, 0, 1),
      ],
      locations,
      now,
      staleAfterMs: 3_600_000,
    });
    expect(rows.map((r) => [r.locationId, r.available, r.stale, ageText(r.ageMs)])).toEqual([
      ['s001-floor', 0, false, '2 min ago'],
      ['wh-1', 40, true, '10 h ago'],
      ['s002-floor', 3, false, '5 min ago'],
    ]);
  });
  it('says when an age is unknown', () => {
    expect(ageText(undefined)).toBe('age unknown');
    expect(ageText(3 * 24 * 3_600_000)).toBe('3 days ago');
  });
});
