import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MovementReason } from '../schemas';
import { findNegativeStock } from './oversell';
import type { StockMovement } from './stock-level';
import {
  applyMovement,
  availableToSell,
  emptyLevel,
  levelKey,
  levelsFromMovements,
  movementEffect,
  rollUp,
} from './stock-level';

const m = (
  id: string,
  delta: number,
  reason: MovementReason = delta < 0 ? 'sale' : 'receive',
  extra: Partial<StockMovement> = {},
): StockMovement => ({
  id,
  sku: 'SKU1',
  locationId: 'floor',
  delta,
  reason,
  ...extra,
});

describe('stock level', () => {
  it('reserve and release move reserved; every other reason moves on hand', () => {
    expect(movementEffect({ delta: 2, reason: 'reserve' })).toEqual({ onHand: 0, reserved: 2 });
    expect(movementEffect({ delta: -2, reason: 'release' })).toEqual({ onHand: 0, reserved: -2 });
    expect(movementEffect({ delta: -1, reason: 'write-off' })).toEqual({ onHand: -1, reserved: 0 });
  });

  it('applies a movement once, however often it is replayed', () => {
    let level = emptyLevel('SKU1', 'floor');
    level = applyMovement(level, m('a', 10));
    level = applyMovement(level, m('a', 10));
    level = applyMovement(level, m('b', 3, 'reserve'));
    expect(level).toMatchObject({ onHand: 10, reserved: 3 });
    expect(availableToSell(level, 2)).toBe(5);
  });

  it('ignores a movement of another sku or location', () => {
    const level = applyMovement(emptyLevel('SKU1', 'floor'), m('x', 5, 'receive', { sku: 'SKU2' }));
    expect(level.onHand).toBe(0);
  });

  it('rolls up incrementally to the same levels as from scratch', () => {
    const all = [m('1', 10), m('2', -1), m('3', 2, 'reserve', { locationId: 'back' }), m('4', -3)];
    const first = rollUp(new Map(), all.slice(0, 2));
    const second = rollUp(first, [...all.slice(1), all[0]!]);
    expect(second).toEqual(levelsFromMovements(all));
    expect(first.get(levelKey('SKU1', 'floor'))?.onHand).toBe(9); // the input map is not mutated
    expect(second.get(levelKey('SKU1', 'floor'))?.onHand).toBe(6);
    expect(second.get(levelKey('SKU1', 'back'))?.reserved).toBe(2);
  });

  it('property: level = sum of distinct movements, regardless of order, batching and duplicates', () => {
    const movement = fc.record({
      id: fc.integer({ min: 0, max: 40 }).map((n) => `t1-${n}`),
      sku: fc.constantFrom('A', 'B'),
      locationId: fc.constantFrom('floor', 'back'),
      delta: fc.integer({ min: -50, max: 50 }).filter((d) => d !== 0),
      reason: fc.constantFrom<MovementReason>('sale', 'receive', 'adjust', 'reserve', 'release'),
    });
    fc.assert(
      fc.property(
        fc.array(movement, { maxLength: 80 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer(),
        (list, batch, seed) => {
          // A movement id means one movement: keep the first content seen for each id.
          const canonical = new Map<string, StockMovement>();
          for (const x of list) if (!canonical.has(x.id)) canonical.set(x.id, x);
          const movements = list.map((x) => canonical.get(x.id)!);
          const shuffled = [...movements, ...movements.slice(0, 5)].sort(
            (a, b) =>
              ((a.id.length * 31 + seed) % 7) - ((b.id.length * 17 + seed) % 7) || (a.id < b.id ? 1 : -1),
          );
          let levels = new Map<string, ReturnType<typeof emptyLevel>>();
          for (let i = 0; i < shuffled.length; i += batch)
            levels = rollUp(levels, shuffled.slice(i, i + batch));
          for (const sku of ['A', 'B']) {
            for (const loc of ['floor', 'back']) {
              const mine = [...canonical.values()].filter((x) => x.sku === sku && x.locationId === loc);
              const onHand = mine
                .filter((x) => x.reason !== 'reserve' && x.reason !== 'release')
                .reduce((s, x) => s + x.delta, 0);
              const reserved = mine
                .filter((x) => x.reason === 'reserve' || x.reason === 'release')
                .reduce((s, x) => s + x.delta, 0);
              const level = levels.get(levelKey(sku, loc));
              expect(level?.onHand ?? 0).toBe(onHand);
              expect(level?.reserved ?? 0).toBe(reserved);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('negative stock', () => {
  it('reports the last unit sold at two offline terminals, naming the sale that went past zero', () => {
    const alerts = findNegativeStock([
      m('hq-1', 1, 'receive', { createdAt: '2026-11-23T08:00:00Z' }),
      m('t1-1', -1, 'sale', { createdAt: '2026-11-23T10:00:00Z' }),
      m('t2-1', -1, 'sale', { createdAt: '2026-11-23T10:00:05Z' }),
      m('t2-1', -1, 'sale', { createdAt: '2026-11-23T10:00:05Z' }), // replicated twice
    ]);
    expect(alerts).toEqual([
      { sku: 'SKU1', locationId: 'floor', onHand: -1, shortBy: 1, movementIds: ['t2-1'] },
    ]);
  });

  it('stays quiet once a receipt brings the level back to zero or more', () => {
    expect(
      findNegativeStock([
        m('a', -2, 'sale', { createdAt: '2026-11-23T10:00:00Z' }),
        m('b', 5, 'receive', { createdAt: '2026-11-23T11:00:00Z' }),
      ]),
    ).toEqual([]);
  });
});
