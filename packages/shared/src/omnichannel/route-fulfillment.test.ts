import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import type { RouteFulfillmentInput, RoutingLocation, RoutingStockLevel } from './route-fulfillment';
import { routeFulfillment } from './route-fulfillment';

const NOW = Date.UTC(2026, 10, 23, 16, 0, 0);
const FRESH = new Date(NOW - 60_000).toISOString();
const OLD = new Date(NOW - 3 * 3_600_000).toISOString();
const policy = { staleAfterMs: 3_600_000 };

const loc = (locationId: string, rank: number, kind: RoutingLocation['kind'] = 'store'): RoutingLocation => ({
  locationId,
  rank,
  kind,
});
const level = (sku: string, locationId: string, onHand: number, updatedAt = FRESH): RoutingStockLevel => ({
  sku,
  locationId,
  onHand,
  reserved: 0,
  updatedAt,
});

describe('routeFulfillment', () => {
  it('ships everything from the nearest single location that has it all', () => {
    const plan = routeFulfillment({
      lines: [
        { lineId: 'l1', sku: 'A', quantity: 2 },
        { lineId: 'l2', sku: 'B', quantity: 1 },
      ],
      locations: [loc('near', 1), loc('mid', 5), loc('far', 9)],
      levels: [
        level('A', 'near', 5),
        level('A', 'mid', 2),
        level('B', 'mid', 1),
        level('B', 'far', 4),
        level('A', 'far', 9),
      ],
      policy,
      now: NOW,
    });
    // near has A but not B: two shipments; mid has both: one shipment wins over nearness.
    expect(plan.shipments.map((s) => s.locationId)).toEqual(['mid']);
    expect(plan.shipments[0]?.lines).toEqual([
      { lineId: 'l1', sku: 'A', quantity: 2, stale: false },
      { lineId: 'l2', sku: 'B', quantity: 1, stale: false },
    ]);
    expect(plan.backorders).toEqual([]);
  });

  it('splits only when no single location can fill, and backorders what nobody has', () => {
    const plan = routeFulfillment({
      lines: [{ lineId: 'l1', sku: 'A', quantity: 10 }],
      locations: [loc('s1', 1), loc('s2', 2), loc('wh', 7, 'warehouse')],
      levels: [level('A', 's1', 3), level('A', 's2', 2), level('A', 'wh', 4)],
      policy,
      now: NOW,
    });
    expect(plan.shipments.map((s) => [s.locationId, s.lines[0]?.quantity])).toEqual([
      ['s1', 3],
      ['s2', 2],
      ['wh', 4],
    ]);
    expect(plan.backorders).toEqual([{ lineId: 'l1', sku: 'A', quantity: 1 }]);
  });

  it('finds the fewest shipments where filling the biggest location first would not', () => {
    const plan = routeFulfillment({
      lines: [
        { lineId: 'l1', sku: 'A', quantity: 4 },
        { lineId: 'l2', sku: 'B', quantity: 4 },
      ],
      locations: [loc('big', 0), loc('onlyA', 3), loc('onlyB', 4)],
      levels: [level('A', 'big', 3), level('B', 'big', 3), level('A', 'onlyA', 4), level('B', 'onlyB', 4)],
      policy,
      now: NOW,
    });
    // big first would need all three; onlyA + onlyB ship everything in two parcels.
    expect(plan.shipments.map((s) => s.locationId)).toEqual(['onlyA', 'onlyB']);
  });

  it('among equal splits prefers the nearer plan, then the preferred kind', () => {
    const base: RouteFulfillmentInput = {
      lines: [{ lineId: 'l1', sku: 'A', quantity: 1 }],
      locations: [loc('s1', 4), loc('wh', 4, 'warehouse'), loc('s2', 6)],
      levels: [level('A', 's1', 1), level('A', 'wh', 1), level('A', 's2', 1)],
      policy,
      now: NOW,
    };
    expect(routeFulfillment(base).shipments.map((s) => s.locationId)).toEqual(['wh']);
    const storeFirst = routeFulfillment({ ...base, policy: { ...policy, preferKind: 'store' } });
    expect(storeFirst.shipments.map((s) => s.locationId)).toEqual(['s1']);
  });

  it('uses a stale level only after every fresh one, and flags it', () => {
    const plan = routeFulfillment({
      lines: [{ lineId: 'l1', sku: 'A', quantity: 4 }],
      locations: [loc('near', 1), loc('far', 9)],
      levels: [level('A', 'near', 10, OLD), level('A', 'far', 3)],
      policy,
      now: NOW,
    });
    expect(plan.shipments).toEqual([
      {
        locationId: 'near',
        kind: 'store',
        rank: 1,
        stale: true,
        lines: [{ lineId: 'l1', sku: 'A', quantity: 1, stale: true }],
      },
      {
        locationId: 'far',
        kind: 'store',
        rank: 9,
        stale: false,
        lines: [{ lineId: 'l1', sku: 'A', quantity: 3, stale: false }],
      },
    ]);
    expect(plan.staleLevels).toEqual(['A@near']);
  });

  it('promises only on hand − reserved − safety stock, and ignores unlisted locations', () => {
    const plan = routeFulfillment({
      lines: [{ lineId: 'l1', sku: 'A', quantity: 5 }],
      locations: [loc('s1', 1)],
      levels: [{ ...level('A', 's1', 6), reserved: 2, safetyStock: 1 }, level('A', 'elsewhere', 50)],
      policy,
      now: NOW,
    });
    expect(plan.shipments[0]?.lines[0]?.quantity).toBe(3);
    expect(plan.backorders[0]?.quantity).toBe(2);
  });

  it('refuses a bad quantity, a duplicate level or a location listed twice', () => {
    const input: RouteFulfillmentInput = {
      lines: [{ lineId: 'l1', sku: 'A', quantity: 1.5 }],
      locations: [loc('s1', 1)],
      levels: [],
      policy,
      now: NOW,
    };
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isDomainError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => routeFulfillment(input))).toBe('routing.bad-quantity');
    const ok = { ...input, lines: [{ lineId: 'l1', sku: 'A', quantity: 1 }] };
    expect(code(() => routeFulfillment({ ...ok, levels: [level('A', 's1', 1), level('A', 's1', 2)] }))).toBe(
      'routing.duplicate-level',
    );
    expect(code(() => routeFulfillment({ ...ok, locations: [loc('s1', 1), loc('s1', 2)] }))).toBe(
      'routing.duplicate-location',
    );
  });

  it('falls back to a greedy cover, nearest first, when the exact search would be too large', () => {
    const locations = Array.from({ length: 40 }, (_, i) => loc(`s${String(i).padStart(2, '0')}`, i));
    const plan = routeFulfillment({
      lines: [{ lineId: 'l1', sku: 'A', quantity: 25 }],
      locations: [...locations].reverse(),
      levels: locations.map((l) => level('A', l.locationId, 1)),
      policy,
      now: NOW,
    });
    expect(plan.shipments.map((s) => s.locationId)).toEqual(locations.slice(0, 25).map((l) => l.locationId));
    expect(plan.backorders).toEqual([]);
  });

  const arbitraryInput = fc
    .record({
      lines: fc.uniqueArray(
        fc.record({
          lineId: fc.integer({ min: 1, max: 20 }).map((n) => `l${n}`),
          sku: fc.constantFrom('A', 'B', 'C'),
          quantity: fc.integer({ min: 1, max: 12 }),
        }),
        { selector: (l) => l.lineId, minLength: 1, maxLength: 5 },
      ),
      locations: fc.uniqueArray(
        fc.record({
          locationId: fc.constantFrom('s1', 's2', 's3', 's4', 'w1', 'w2'),
          kind: fc.constantFrom<RoutingLocation['kind']>('store', 'warehouse'),
          rank: fc.integer({ min: 0, max: 5 }),
        }),
        { selector: (l) => l.locationId, maxLength: 6 },
      ),
      levels: fc.uniqueArray(
        fc.record({
          sku: fc.constantFrom('A', 'B', 'C'),
          locationId: fc.constantFrom('s1', 's2', 's3', 's4', 'w1', 'w2'),
          onHand: fc.integer({ min: -3, max: 10 }),
          reserved: fc.integer({ min: 0, max: 3 }),
          updatedAt: fc.constantFrom(FRESH, OLD),
        }),
        { selector: (l) => `${l.sku}@${l.locationId}`, maxLength: 18 },
      ),
    })
    .map((r): RouteFulfillmentInput => ({ ...r, policy, now: NOW }));

  it('property: never over-allocates and covers min(requested, available) per sku', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const plan = routeFulfillment(input);
        const listed = new Set(input.locations.map((l) => l.locationId));
        for (const sku of ['A', 'B', 'C']) {
          const requested = input.lines.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);
          const available = input.levels
            .filter((l) => l.sku === sku && listed.has(l.locationId))
            .reduce((s, l) => s + Math.max(0, l.onHand - l.reserved), 0);
          const shipped = plan.shipments.flatMap((s) => s.lines).filter((l) => l.sku === sku);
          const allocated = shipped.reduce((s, l) => s + l.quantity, 0);
          const backordered = plan.backorders
            .filter((l) => l.sku === sku)
            .reduce((s, l) => s + l.quantity, 0);
          expect(allocated).toBe(Math.min(requested, available));
          expect(allocated + backordered).toBe(requested);
          for (const shipment of plan.shipments) {
            const level = input.levels.find((l) => l.sku === sku && l.locationId === shipment.locationId);
            const taken = shipment.lines.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);
            expect(taken).toBeLessThanOrEqual(Math.max(0, (level?.onHand ?? 0) - (level?.reserved ?? 0)));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: stale units are planned only once fresh units of the sku are used up', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const plan = routeFulfillment(input);
        const listed = new Set(input.locations.map((l) => l.locationId));
        for (const sku of ['A', 'B', 'C']) {
          const lines = plan.shipments.flatMap((s) => s.lines).filter((l) => l.sku === sku);
          if (!lines.some((l) => l.stale)) continue;
          const fresh = input.levels
            .filter((l) => l.sku === sku && l.updatedAt === FRESH && listed.has(l.locationId))
            .reduce((s, l) => s + Math.max(0, l.onHand - l.reserved), 0);
          expect(lines.filter((l) => !l.stale).reduce((s, l) => s + l.quantity, 0)).toBe(fresh);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: with fresh stock, no plan covering as much uses fewer shipments or a nearer farthest location', () => {
    fc.assert(
      fc.property(arbitraryInput, (raw) => {
        const input = { ...raw, levels: raw.levels.map((l) => ({ ...l, updatedAt: FRESH })) };
        const plan = routeFulfillment(input);
        const demand = new Map<string, number>();
        for (const l of input.lines) demand.set(l.sku, (demand.get(l.sku) ?? 0) + l.quantity);
        const cover = (mask: number) =>
          [...demand].reduce((sum, [sku, wanted]) => {
            const have = input.locations
              .filter((_, i) => (mask >> i) & 1)
              .map((loc) => input.levels.find((l) => l.sku === sku && l.locationId === loc.locationId))
              .reduce((s, l) => s + Math.max(0, (l?.onHand ?? 0) - (l?.reserved ?? 0)), 0);
            return sum + Math.min(wanted, have);
          }, 0);
        const n = input.locations.length;
        const masks = Array.from({ length: 2 ** n }, (_, m) => m);
        const best = Math.max(...masks.map(cover));
        const size = (m: number) => masks.filter((i) => i < n && (m >> i) & 1).length;
        const fewest = Math.min(...masks.filter((m) => cover(m) === best).map(size));
        const farthest = (m: number) =>
          Math.max(0, ...input.locations.filter((_, i) => (m >> i) & 1).map((l) => l.rank));
        const nearest = Math.min(
          ...masks.filter((m) => cover(m) === best && size(m) === fewest).map(farthest),
        );
        expect(plan.shipments).toHaveLength(fewest);
        expect(Math.max(0, ...plan.shipments.map((s) => s.rank))).toBe(nearest);
      }),
      { numRuns: 200 },
    );
  });

  it('property: the plan does not depend on the order of lines, locations or levels', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.integer(), (input, seed) => {
        const shuffle = <T>(list: readonly T[]) =>
          list
            .map((x, i) => [x, ((i + 1) * 2654435761 + seed) % 1000] as const)
            .sort((a, b) => a[1] - b[1])
            .map(([x]) => x);
        const a = routeFulfillment(input);
        const b = routeFulfillment({
          ...input,
          lines: shuffle(input.lines),
          locations: shuffle(input.locations),
          levels: shuffle(input.levels),
        });
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('property: when one fresh location can fill everything, the plan is one shipment', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const fresh = input.levels.filter((l) => l.updatedAt === FRESH);
        const demand = new Map<string, number>();
        for (const l of input.lines) demand.set(l.sku, (demand.get(l.sku) ?? 0) + l.quantity);
        const canFillAlone = input.locations.some((loc) =>
          [...demand].every(([sku, n]) => {
            const lv = fresh.find((l) => l.sku === sku && l.locationId === loc.locationId);
            return lv !== undefined && lv.onHand - lv.reserved >= n;
          }),
        );
        fc.pre(canFillAlone);
        const plan = routeFulfillment(input);
        expect(plan.shipments).toHaveLength(1);
        expect(plan.staleLevels).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
