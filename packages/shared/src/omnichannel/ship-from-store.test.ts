import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { createIdFactory } from '../ids';
import type { MovementDoc } from '../schemas';
import { levelsFromMovements } from '../stock';
import { shipFromStoreMovements } from './ship-from-store';

const newId = createIdFactory({
  originId: 's002-t01',
  clock: fixedClock(Date.UTC(2026, 10, 23)),
  random: (n) => new Uint8Array(n).fill(1),
});
const reserve = (
  id: string,
  lineId: string,
  sku: string,
  delta: number,
  reason: 'reserve' | 'release' = 'reserve',
): MovementDoc => ({
  id,
  type: 'movement',
  schemaVersion: 1,
  storeId: 's002',
  sku,
  locationId: 's002-floor',
  unit: 'each',
  delta,
  reason,
  ref: { kind: 'order', id: 'web-01JD5Z8Q2W3E4R5T6Y7V8X9A0C', lineId },
  createdAt: '2026-11-23T10:00:00.000Z',
});

describe('shipFromStoreMovements', () => {
  const ledger = [
    reserve('m1', '1', 'COF-250', 2),
    reserve('m2', '2', 'TEA-100', 1),
    reserve('m2', '2', 'TEA-100', 1), // the same fact twice (a replay) counts once
    { ...reserve('other', '1', 'COF-250', 5), ref: { kind: 'order', id: 'another-order', lineId: '1' } },
  ];
  const input = {
    orderId: 'web-01JD5Z8Q2W3E4R5T6Y7V8X9A0C',
    storeId: 's002',
    ledger,
    newId,
    at: '2026-11-23T12:00:00.000Z',
  };

  it('sells every held unit and releases its reservation, so on hand drops and nothing stays reserved', () => {
    const out = shipFromStoreMovements(input);
    expect(out.map((m) => [m.ref?.lineId, m.reason, m.delta])).toEqual([
      ['1', 'sale', -2],
      ['1', 'release', -2],
      ['2', 'sale', -1],
      ['2', 'release', -1],
    ]);
    const levels = levelsFromMovements([...ledger.slice(0, 2), ...out].map((m) => ({ ...m })));
    expect([...levels.values()].map((l) => [l.sku, l.onHand, l.reserved])).toEqual([
      ['COF-250', -2, 0],
      ['TEA-100', -1, 0],
    ]);
  });

  it('writes nothing the second time (replayed ship), and cancel only releases', () => {
    const first = shipFromStoreMovements(input);
    expect(shipFromStoreMovements({ ...input, ledger: [...ledger, ...first] })).toEqual([]);
    const cancel = shipFromStoreMovements({ ...input, releaseOnly: true });
    expect(cancel.map((m) => m.reason)).toEqual(['release', 'release']);
  });
});
