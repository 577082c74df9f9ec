import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { MovementDoc, StockLevelDoc } from '@store-os/shared/schemas';
import { ReservationOverlay } from './reservation-overlay';

const level = (sku: string, onHand: number, reserved = 0): StockLevelDoc => ({
  id: `stock-level:${sku}:s1-floor`,
  type: 'stock-level',
  schemaVersion: 1,
  sku,
  locationId: 's1-floor',
  onHand,
  reserved,
  movementCount: 1,
  updatedAt: '2026-11-23T14:00:00.000Z',
});
const move = (id: string, sku: string, delta: number, reason: MovementDoc['reason']): MovementDoc => ({
  id,
  type: 'movement',
  schemaVersion: 1,
  storeId: 's1',
  sku,
  locationId: 's1-floor',
  delta,
  reason,
  createdAt: '2026-11-23T14:00:00.000Z',
});

describe('reservation overlay', () => {
  it('adds pending reservations to levels until the roll-up has summed them', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE stock_contrib (store_db TEXT, movement_id TEXT)');
    const overlay = new ReservationOverlay(db);
    overlay.add('store-s1', [move('web-1', 'A', 2, 'reserve'), move('web-2', 'B', 1, 'reserve')], 0);
    expect(overlay.apply([level('A', 5), level('C', 1)], 0)).toEqual([level('A', 5, 2), level('C', 1)]);
    // Rolled up: the level now includes it, so the overlay must stop adding it.
    db.prepare('INSERT INTO stock_contrib VALUES (?, ?)').run('store-s1', 'web-1');
    expect(overlay.apply([level('A', 5, 2), level('B', 3)], 0)).toEqual([level('A', 5, 2), level('B', 3, 1)]);
    overlay.forget(['web-2']);
    expect(overlay.apply([level('B', 3)], 0)).toEqual([level('B', 3)]);
  });

  it('falls back to a time limit when the roll-up table cannot be read', () => {
    const overlay = new ReservationOverlay(new Database(':memory:'));
    overlay.add('store-s1', [move('web-3', 'A', 1, 'reserve')], 1000);
    expect(overlay.apply([level('A', 1)], 2000)).toEqual([level('A', 1, 1)]);
    expect(overlay.apply([level('A', 1)], 1000 + 60_000)).toEqual([level('A', 1)]);
  });

  it('sees a reservation whose contribution is recorded but whose level document is not rewritten yet', () => {
    // The roll-up records contributions, then rewrites the level document in a second step; a web order
    // routed between the two must still see the reservation (the last unit is not booked twice).
    const db = new Database(':memory:');
    db.exec(
      'CREATE TABLE stock_contrib (store_db TEXT, movement_id TEXT, store_id TEXT, sku TEXT, location_id TEXT, on_hand INTEGER, reserved INTEGER)',
    );
    const contribute = db.prepare('INSERT INTO stock_contrib VALUES (?, ?, ?, ?, ?, ?, ?)');
    contribute.run('store-s1', 'receive-1', 's1', 'A', 's1-floor', 1, 0);
    const overlay = new ReservationOverlay(db);
    overlay.add('store-s1', [move('aisle-1', 'A', 1, 'reserve')], 0);
    expect(overlay.apply([level('A', 1)], 0)).toEqual([level('A', 1, 1)]);
    // Step one of the roll-up: the contribution is recorded, the level document still says 1 on hand, 0 reserved.
    contribute.run('store-s1', 'aisle-1', 's1', 'A', 's1-floor', 0, 1);
    expect(overlay.apply([level('A', 1)], 0)).toEqual([level('A', 1, 1)]);
    // Step two: the level document caught up; nothing is counted twice.
    expect(overlay.apply([level('A', 1, 1)], 0)).toEqual([level('A', 1, 1)]);
  });
});
