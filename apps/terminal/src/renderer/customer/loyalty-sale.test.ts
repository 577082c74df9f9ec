import { createIdFactory, exampleOrder, fixedClock, loyaltyEntry, type OrderDoc } from '@store-os/shared';
import { validateDocument } from '@store-os/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnvelopeDocument, TerminalDatabase } from '../db/terminal-database';
import { openCheckoutDatabase } from '../sale/counter-fixture';
import { storePolicy } from '../sale/store-policy';
import {
  checkPointsTender,
  loyaltyBalance,
  loyaltySaleEntries,
  pointsLeftOnSale,
  pointsTender,
} from './loyalty-sale';

const rule = storePolicy('EUR').loyalty;
const newId = createIdFactory({
  originId: 's001-t01',
  clock: fixedClock(1),
  random: (n) => new Uint8Array(n).fill(5),
});
let db: TerminalDatabase;
beforeEach(async () => {
  db = await openCheckoutDatabase();
});
afterEach(() => db.remove());

describe('loyalty at the till', () => {
  it('offline, redeems at most what is left of this till’s points cap for the account, and says why', async () => {
    const entry = (kind: 'earn' | 'redeem', points: number, offline: boolean, terminalId = 's001-t01') =>
      loyaltyEntry({
        newId,
        storeId: 's001',
        terminalId,
        accountId: 'L77',
        entryKind: kind,
        points: kind === 'redeem' ? -points : points,
        offline,
        createdAt: '2026-11-23T10:00:00.000Z',
      });
    await db.store.bulkInsert([
      entry('earn', 3000, false),
      entry('redeem', 400, true),
      entry('redeem', 900, true, 's001-t02'),
    ] as EnvelopeDocument[]);
    const ask = (offline: boolean, tenderedPoints = 0) =>
      checkPointsTender(db, {
        accountId: 'L77',
        wanted: { amount: 2000, currency: 'EUR' },
        rule,
        offline,
        terminalId: 's001-t01',
        offlineCapPoints: 500,
        tenderedPoints,
      });
    // Online: the whole balance (1700 points = 17.00) may pay.
    expect(await ask(false)).toEqual({ balance: 1700, offer: { points: 1700, amount: 1700 } });
    // Offline: this till took 400 of its 500; another till's 900 do not count against it.
    expect(await ask(true)).toEqual({ balance: 1700, offer: { points: 100, amount: 100 } });
    await expect(ask(true, 100)).rejects.toThrow(
      /Offline, at most 500 points may be redeemed from loyalty account L77 at this till; 0 are left/,
    );
  });

  it('counts points already tendered on the open sale, so a second points tender cannot spend them again', () => {
    const balance = { accountId: 'L77', points: 124, value: { amount: 124, currency: 'EUR' } };
    const left = pointsLeftOnSale(balance, 124, rule);
    expect(left).toEqual({ accountId: 'L77', points: 0, value: { amount: 0, currency: 'EUR' } });
    expect(pointsTender(left, { amount: 375, currency: 'EUR' }, rule)).toBeUndefined();
    expect(pointsLeftOnSale(balance, 24, rule).value).toEqual({ amount: 100, currency: 'EUR' });
    expect(pointsLeftOnSale(balance, 0, rule)).toEqual(balance);
  });

  it('values the balance and pays at most what it is worth, rounding points up', async () => {
    const earn = loyaltySaleEntries({
      newId,
      storeId: 's001',
      terminalId: 's001-t01',
      accountId: 'L77',
      order: exampleOrder as unknown as OrderDoc,
      rule: { ...rule, pointsPerUnit: 100 },
      offline: false,
      excludedSkus: new Set(),
      redeemedPoints: 0,
    });
    await db.store.bulkInsert(earn);
    const balance = await loyaltyBalance(db, 'L77', rule);
    expect(balance.points).toBeGreaterThan(0);
    expect(balance.value.amount).toBe(balance.points); // 100 points = 1.00
    expect(pointsTender(balance, { amount: 250, currency: 'EUR' }, rule)).toEqual({
      points: 250,
      amount: 250,
    });
    const all = pointsTender(balance, { amount: 1_000_000, currency: 'EUR' }, rule);
    expect(all).toEqual({ points: balance.points, amount: balance.value.amount });
    expect(
      pointsTender(
        { ...balance, points: 0, value: { amount: 0, currency: 'EUR' } },
        { amount: 5, currency: 'EUR' },
        rule,
      ),
    ).toBeUndefined();
  });

  it('writes points redeemed and earned, leaving out lines that earn nothing (gift cards)', () => {
    const order = exampleOrder as unknown as OrderDoc;
    const entries = loyaltySaleEntries({
      newId,
      storeId: 's001',
      terminalId: 's001-t01',
      accountId: 'L77',
      order,
      rule,
      offline: true,
      excludedSkus: new Set([order.lines[0]?.sku ?? '']),
      redeemedPoints: 40,
    });
    const withAll = loyaltySaleEntries({
      newId,
      storeId: 's001',
      terminalId: 's001-t01',
      accountId: 'L77',
      order,
      rule,
      offline: true,
      excludedSkus: new Set(),
      redeemedPoints: 0,
    });
    expect(entries[0]).toMatchObject({
      entryKind: 'redeem',
      delta: -40,
      offline: true,
      ref: { kind: 'order', id: order.id },
    });
    expect(entries[1]?.entryKind).toBe('earn');
    expect(Number(entries[1]?.delta)).toBeLessThan(Number(withAll[0]?.delta));
    expect(entries[1]?.expiresAt).toBeDefined();
    for (const e of entries) expect(validateDocument(e).ok).toBe(true);
  });

  it('earns nothing on the part of the sale paid with points (4.99, 1.24 in points: 3 points, not 4)', () => {
    const order = exampleOrder as unknown as OrderDoc;
    const line = { ...order.lines[0]!, total: { amount: 499, currency: 'EUR' } };
    const sale: OrderDoc = {
      ...order,
      lines: [line],
      returnLines: [],
      tenders: [
        {
          tenderId: 't1',
          type: 'loyalty-points',
          accountId: 'L77',
          points: 124,
          amount: { amount: 124, currency: 'EUR' },
        },
        { tenderId: 't2', type: 'cash', amount: { amount: 375, currency: 'EUR' } },
      ],
    };
    const entries = loyaltySaleEntries({
      newId,
      storeId: 's001',
      terminalId: 's001-t01',
      accountId: 'L77',
      order: sale,
      rule,
      offline: false,
      excludedSkus: new Set(),
      redeemedPoints: 124,
    });
    expect(entries.map((e) => [e.entryKind, e.delta])).toEqual([
      ['redeem', -124],
      ['earn', 3],
    ]);
    const cashOnly = loyaltySaleEntries({
      newId,
      storeId: 's001',
      terminalId: 's001-t01',
      accountId: 'L77',
      order: {
        ...sale,
        tenders: [{ tenderId: 't2', type: 'cash', amount: { amount: 499, currency: 'EUR' } }],
      },
      rule,
      offline: false,
      excludedSkus: new Set(),
      redeemedPoints: 0,
    });
    expect(cashOnly.map((e) => [e.entryKind, e.delta])).toEqual([['earn', 4]]);
  });
});
