import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { createIdFactory } from '../ids';
import type { OrderDoc } from '../schemas';
import { exampleOrder, validateDocument } from '../schemas';
import { movementsForOrder } from './movements-for-order';

const counter = () =>
  createIdFactory({
    originId: 's001-t01',
    clock: fixedClock(Date.UTC(2026, 10, 23, 14)),
    random: (n) => new Uint8Array(n).fill(7),
  });
const order = exampleOrder as unknown as OrderDoc;

describe('movementsForOrder', () => {
  it('writes one valid sale movement per sold line, weighed lines in grams', () => {
    const movements = movementsForOrder({ order, locationId: 's001-floor', newId: counter() });
    expect(movements.map((x) => [x.sku, x.delta, x.reason])).toEqual([
      ['COF-250', -2, 'sale'],
      ['APL-1', -500, 'sale'],
    ]);
    for (const x of movements) expect(validateDocument(x)).toMatchObject({ ok: true, type: 'movement' });
    expect(movements[0]?.ref).toEqual({ kind: 'order', id: order.id, lineId: 'l1' });
  });

  it('brings restocked returns back and leaves damaged ones out of sellable stock', () => {
    const returnOrder: OrderDoc = {
      ...order,
      kind: 'return',
      lines: [],
      returnLines: [
        { ...order.lines[0]!, lineId: 'r1', restock: true, originalOrderId: order.id, originalLineId: 'l1' },
        { ...order.lines[1]!, lineId: 'r2', restock: false, originalOrderId: order.id, originalLineId: 'l2' },
      ],
    };
    const movements = movementsForOrder({ order: returnOrder, locationId: 's001-floor', newId: counter() });
    expect(movements.map((x) => [x.sku, x.delta, x.reason])).toEqual([['COF-250', 2, 'return']]);
  });

  it('reserves and releases the lines of a pickup order', () => {
    const reserve = movementsForOrder({
      order,
      locationId: 's001-floor',
      newId: counter(),
      phase: 'reserve',
    });
    const release = movementsForOrder({
      order,
      locationId: 's001-floor',
      newId: counter(),
      phase: 'release',
    });
    expect(reserve.map((x) => x.delta)).toEqual([2, 500]);
    expect(release.map((x) => [x.delta, x.reason])).toEqual([
      [-2, 'release'],
      [-500, 'release'],
    ]);
  });
});
