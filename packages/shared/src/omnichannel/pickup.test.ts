import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { createIdFactory } from '../ids';
import type { FulfillmentDoc, MovementDoc, OrderDoc } from '../schemas';
import { exampleOrder, validateDocument } from '../schemas';
import { levelKey, levelsFromMovements } from '../stock';
import { expirePickups } from './expire-pickups';
import { verifyHandover } from './pickup-handover';
import { pickupHoldUntil, withPickupHold } from './pickup-hold';
import { pickupQueue } from './pickup-queue';
import { collectPickup, lineReservations, releasePickup, reservePickup } from './pickup-reservations';

const AT = '2026-11-23T16:00:00.000Z';
const order = { ...exampleOrder, channel: 'web', fulfillment: 'pickup' } as unknown as OrderDoc;
const ids = () =>
  createIdFactory({
    originId: 's001-t01',
    clock: fixedClock(Date.parse(AT)),
    random: (n) => new Uint8Array(n).fill(9),
  });
const sharedIds = ids();
const base = (ledger: readonly MovementDoc[]) => ({ order, ledger, newId: sharedIds, at: AT });
const reserved = (ledger: readonly MovementDoc[], sku: string) =>
  levelsFromMovements(ledger).get(levelKey(sku, 's001-floor'))?.reserved ?? 0;

describe('pickup reservations', () => {
  it('reserves each line at the pickup location, as valid movement documents, once', () => {
    const reserve = reservePickup({ ...base([]), locationId: 's001-floor' });
    expect(reserve.map((m) => [m.sku, m.delta, m.reason, m.ref?.lineId])).toEqual([
      ['COF-250', 2, 'reserve', 'l1'],
      ['APL-1', 500, 'reserve', 'l2'],
    ]);
    for (const m of reserve) expect(validateDocument({ ...m, _id: m.id })).toMatchObject({ ok: true });
    expect(reservePickup({ ...base(reserve), locationId: 's001-floor' })).toEqual([]);
  });

  it('releases exactly what is outstanding, and nothing the second time', () => {
    const reserve = reservePickup({ ...base([]), locationId: 's001-floor' });
    const release = releasePickup(base(reserve));
    expect(release.map((m) => [m.sku, m.delta, m.reason])).toEqual([
      ['COF-250', -2, 'release'],
      ['APL-1', -500, 'release'],
    ]);
    const ledger = [...reserve, ...release];
    expect(releasePickup(base(ledger))).toEqual([]);
    expect(reserved(ledger, 'COF-250')).toBe(0);
    expect(reservePickup({ ...base(ledger), locationId: 's001-floor' })).toEqual([]); // a cancelled order stays released
  });

  it('partial pickup: collected units become sales, every reservation is released', () => {
    const reserve = reservePickup({ ...base([]), locationId: 's001-floor' });
    const collect = collectPickup({ ...base(reserve), collected: [{ lineId: 'l1', units: 1 }] });
    expect(collect.map((m) => [m.sku, m.delta, m.reason])).toEqual([
      ['COF-250', -1, 'sale'],
      ['COF-250', -2, 'release'],
      ['APL-1', -500, 'release'],
    ]);
    const ledger = [...reserve, ...collect];
    const level = levelsFromMovements(ledger).get(levelKey('COF-250', 's001-floor'));
    expect(level).toMatchObject({ onHand: -1, reserved: 0 });
    expect(lineReservations(order, ledger)[0]).toMatchObject({ collected: 1, outstanding: new Map() });
    expect(collectPickup({ ...base(ledger), collected: [{ lineId: 'l1', units: 1 }] })).toEqual([]);
  });

  it('refuses to collect more than ordered or an unknown line', () => {
    const reserve = reservePickup({ ...base([]), locationId: 's001-floor' });
    expect(() => collectPickup({ ...base(reserve), collected: [{ lineId: 'l1', units: 3 }] })).toThrow(
      /between 0 and 2/,
    );
    expect(() => collectPickup({ ...base(reserve), collected: [{ lineId: 'l9', units: 1 }] })).toThrow(
      /l1, l2/,
    );
  });

  it('property: any replay of reserve/release/collect leaves nothing reserved and sells only what was collected', () => {
    const step = fc.oneof(
      fc.constant({ kind: 'reserve' as const }),
      fc.constant({ kind: 'release' as const }),
      fc.record({ kind: fc.constant('collect' as const), l1: fc.integer({ min: 0, max: 2 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), (steps) => {
        let ledger: MovementDoc[] = [];
        const newId = ids();
        for (const s of steps) {
          const input = { order, ledger, newId, at: AT };
          try {
            if (s.kind === 'reserve')
              ledger = [...ledger, ...reservePickup({ ...input, locationId: 's001-floor' })];
            if (s.kind === 'release') ledger = [...ledger, ...releasePickup(input)];
            if (s.kind === 'collect') {
              ledger = [
                ...ledger,
                ...collectPickup({ ...input, collected: [{ lineId: 'l1', units: s.l1 }] }),
              ];
            }
          } catch {
            continue; // collecting without a reservation is refused; the ledger is unchanged
          }
        }
        const finalRelease = releasePickup({ order, ledger, newId, at: AT });
        ledger = [...ledger, ...finalRelease];
        expect(reserved(ledger, 'COF-250')).toBe(0);
        expect(reserved(ledger, 'APL-1')).toBe(0);
        const sold = 0 - ledger.filter((m) => m.reason === 'sale').reduce((s, m) => s + m.delta, 0);
        const lastCollected = lineReservations(order, ledger)[0]?.collected ?? 0;
        expect(sold).toBe(lastCollected);
        expect(sold).toBeLessThanOrEqual(2);
        expect(ledger.every((m) => m.reason !== 'reserve' || m.delta > 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

const ready: FulfillmentDoc = {
  id: `fulfillment:${order.id}`,
  type: 'fulfillment',
  schemaVersion: 1,
  storeId: 's001',
  orderId: order.id,
  method: 'pickup',
  state: 'ready',
  history: [
    { state: 'new', at: '2026-11-23T09:00:00.000Z' },
    { state: 'ready', at: '2026-11-23T10:30:00+01:00' },
  ],
  pickupCode: 'K7Q2',
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:30:00.000Z',
};

describe('pickup hold', () => {
  it('runs plain hours from the first ready step, whatever its offset', () => {
    expect(pickupHoldUntil(ready, { holdHours: 72 })).toBe('2026-11-26T09:30:00.000Z');
    expect(pickupHoldUntil({ history: [{ state: 'new', at: AT }] }, { holdHours: 72 })).toBeUndefined();
    expect(withPickupHold(ready, { holdHours: 1 }).holdUntil).toBe('2026-11-23T10:30:00.000Z');
    expect(withPickupHold({ ...ready, holdUntil: AT }, { holdHours: 1 }).holdUntil).toBe(AT);
    expect(() => pickupHoldUntil(ready, { holdHours: 0 })).toThrow(/above zero/);
  });
});

describe('pickup hand-over', () => {
  it('accepts the code however it is typed, and refuses a wrong one', () => {
    expect(verifyHandover(ready, order, { method: 'code', code: 'k7-q2 ' })).toEqual({
      ok: true,
      method: 'code',
    });
    expect(verifyHandover(ready, order, { method: 'code', code: 'K7Q3' })).toMatchObject({
      ok: false,
      refusal: 'wrong-code',
    });
  });

  it('accepts the order customer with a reason the manager sees, refuses anyone else', () => {
    const proof = {
      method: 'identity',
      customerId: 'customer:c-77',
      reason: ' lost the email ',
      checkedBy: 'u42',
    } as const;
    expect(verifyHandover(ready, order, proof)).toEqual({
      ok: true,
      method: 'identity',
      managerReview: { reason: 'lost the email', checkedBy: 'u42' },
    });
    expect(verifyHandover(ready, order, { ...proof, customerId: 'customer:c-78' })).toMatchObject({
      refusal: 'customer-mismatch',
    });
    expect(verifyHandover(ready, order, { ...proof, reason: '  ' })).toMatchObject({
      refusal: 'reason-required',
    });
  });

  it('refuses an order that is not ready', () => {
    expect(
      verifyHandover({ ...ready, state: 'picking' }, order, { method: 'code', code: 'K7Q2' }),
    ).toMatchObject({
      refusal: 'not-ready',
      message: expect.stringMatching(/mark it ready/) as unknown,
    });
  });
});

describe('pickup queue', () => {
  const doc = (
    id: string,
    state: FulfillmentDoc['state'],
    createdAt: string,
    holdUntil?: string,
  ): FulfillmentDoc => ({
    ...ready,
    id: `fulfillment:${id}`,
    orderId: id,
    state,
    createdAt,
    ...(holdUntil === undefined ? {} : { holdUntil }),
  });
  it('groups active orders by state, soonest due first, and flags unseen and overdue ones', () => {
    const queue = pickupQueue({
      fulfillments: [
        doc('o3', 'new', '2026-11-23T15:00:00.000Z'),
        doc('o1', 'new', '2026-11-23T13:00:00.000Z'),
        doc('o2', 'ready', '2026-11-22T10:00:00.000Z', '2026-11-25T10:00:00.000Z'),
        doc('o4', 'ready', '2026-11-22T10:00:00.000Z', '2026-11-24T10:00:00+02:00'),
        doc('o5', 'collected', '2026-11-22T10:00:00.000Z'),
      ],
      seen: new Set(['fulfillment:o1', 'fulfillment:o2']),
      now: AT,
      policy: { pickWithinHours: 2 },
    });
    expect(queue.sections.map((s) => [s.state, s.entries.map((e) => e.orderId)])).toEqual([
      ['new', ['o1', 'o3']],
      ['picking', []],
      ['ready', ['o4', 'o2']],
    ]);
    expect(queue.sections[0]?.entries.map((e) => e.overdue)).toEqual([true, false]);
    expect(queue.unseen).toEqual(['fulfillment:o3', 'fulfillment:o4']);
  });

  it('lists finished orders (collected, cancelled, expired, shipped) for a day after their last step, latest first', () => {
    const done = (id: string, state: FulfillmentDoc['state'], at: string): FulfillmentDoc => ({
      ...doc(id, state, '2026-11-20T10:00:00.000Z'),
      history: [
        { state: 'new', at: '2026-11-20T10:00:00.000Z' },
        { state, at },
      ],
    });
    const hoursAgo = (h: number) => new Date(Date.parse(AT) - h * 3_600_000).toISOString();
    const queue = pickupQueue({
      fulfillments: [
        done('c1', 'collected', hoursAgo(2)),
        done('x1', 'cancelled', hoursAgo(1)),
        done('e1', 'expired', hoursAgo(30)),
        done('s1', 'shipped', hoursAgo(5)),
        doc('n1', 'new', hoursAgo(1)),
      ],
      seen: new Set(),
      now: AT,
      policy: { pickWithinHours: 2 },
    });
    expect(queue.finished.map((f) => [f.orderId, f.state])).toEqual([
      ['x1', 'cancelled'],
      ['c1', 'collected'],
      ['s1', 'shipped'],
    ]);
    expect(queue.unseen).toEqual(['fulfillment:n1']);
    const longer = pickupQueue({
      fulfillments: [done('e1', 'expired', hoursAgo(30))],
      seen: new Set(),
      now: AT,
      policy: { pickWithinHours: 2, finishedForHours: 48 },
    });
    expect(longer.finished).toMatchObject([{ orderId: 'e1', state: 'expired', at: hoursAgo(30) }]);
  });

  it('refuses a queue without a usable now or pick time', () => {
    expect(() =>
      pickupQueue({ fulfillments: [], seen: new Set(), now: 'soon', policy: { pickWithinHours: 2 } }),
    ).toThrow(/ISO "now"/);
  });
});

describe('expirePickups', () => {
  it('expires overdue ready pickups and releases their stock once', () => {
    const reserve = reservePickup({ ...base([]), locationId: 's001-floor' });
    const overdue = { ...ready, holdUntil: '2026-11-23T12:00:00.000Z' };
    const notYet = {
      ...ready,
      id: 'fulfillment:other',
      orderId: 'other',
      holdUntil: '2026-11-24T12:00:00.000Z',
    };
    const run = (ledger: readonly MovementDoc[]) =>
      expirePickups({
        fulfillments: [overdue, notYet],
        orders: new Map([[order.id, order]]),
        ledger,
        newId: sharedIds,
        now: AT,
      });
    const first = run(reserve);
    expect(first.expired.map((d) => [d.orderId, d.state])).toEqual([[order.id, 'expired']]);
    expect(first.movements.map((m) => [m.sku, m.delta, m.reason])).toEqual([
      ['COF-250', -2, 'release'],
      ['APL-1', -500, 'release'],
    ]);
    expect(run([...reserve, ...first.movements]).movements).toEqual([]);
    const missing = expirePickups({
      fulfillments: [overdue],
      orders: new Map(),
      ledger: [],
      newId: sharedIds,
      now: AT,
    });
    expect(missing.ordersMissing).toEqual([order.id]);
  });
});
