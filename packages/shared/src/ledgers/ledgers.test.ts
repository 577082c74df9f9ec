import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { isDomainError } from '../errors';
import { createIdFactory } from '../ids';
import type { OrderDoc } from '../schemas';
import { exampleOrder, validateDocument } from '../schemas';
import type { LedgerEntry } from './ledger-balance';
import { accountBalance, balancesByAccount, accountKey } from './ledger-balance';
import type { LoyaltyRule } from './loyalty';
import {
  allocateOverLines,
  authorizePointsRedemption,
  loyaltyEntry,
  paidWithPoints,
  pointsExpiry,
  pointsForAmount,
  pointsForOrder,
  pointsToExpire,
  pointsValue,
  redeemablePoints,
} from './loyalty';
import { reconcileLedgers } from './reconcile';
import { authorizeRedemption, storedValueEntry } from './stored-value';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const T = '2026-11-23T10:00:00.000Z';
const ids = (terminal: string) =>
  createIdFactory({
    originId: terminal,
    clock: fixedClock(Date.UTC(2026, 10, 23, 10)),
    random: (n) => new Uint8Array(n).fill(terminal.length),
  });

describe('gift cards and store credit', () => {
  const hq = ids('s001-t01');
  const entry = (
    kind: Parameters<typeof storedValueEntry>[0]['entryKind'],
    amount: number,
    offline = false,
    terminalId = 's001-t01',
    newId = hq,
  ) =>
    storedValueEntry({
      newId,
      storeId: 's001',
      terminalId,
      ledger: 'gift-card',
      accountId: 'GC1',
      entryKind: kind,
      amount: eur(amount),
      offline,
      createdAt: T,
    });

  it('activates, tops up and redeems; the balance is the sum of the entries', () => {
    const entries = [entry('activate', 5000), entry('top-up', 2000), entry('redeem', 1500)];
    expect(entries.map((e) => e.delta)).toEqual([5000, 2000, -1500]);
    for (const e of entries)
      expect(validateDocument(e)).toMatchObject({ ok: true, type: 'ledger-entry', appendOnly: true });
    expect(accountBalance(entries, 'gift-card', 'GC1')).toBe(5500);
    expect(accountBalance([...entries, entries[2]!], 'gift-card', 'GC1')).toBe(5500); // replicated twice
  });

  it('authorises online up to the balance, offline also up to the per-till cap', () => {
    const entries = [entry('activate', 5000)];
    const base = {
      entries,
      ledger: 'gift-card' as const,
      accountId: 'GC1',
      terminalId: 's001-t01',
      offlineCap: eur(2000),
    };
    expect(authorizeRedemption({ ...base, amount: eur(5000), offline: false }).balance).toBe(5000);
    expect(() => authorizeRedemption({ ...base, amount: eur(5001), offline: false })).toThrow(
      /has 50\.00 EUR; 50\.01 EUR was asked/,
    );
    const spentOffline = [...entries, entry('redeem', 1500, true)];
    try {
      authorizeRedemption({ ...base, entries: spentOffline, amount: eur(600), offline: true });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'ledger.offline-cap')).toBe(true);
      expect((error as Error).message).toMatch(/at most 20\.00 EUR .* 5\.00 EUR is left/);
    }
    expect(() => authorizeRedemption({ ...base, entries: [], amount: eur(1), offline: true })).toThrow(
      /not known here; it cannot be checked while offline/,
    );
  });

  it('store credit issued by a refund is spendable, within the balance and offline within the cap', () => {
    const credit = (kind: 'refund' | 'redeem', amount: number, offline = false) =>
      storedValueEntry({
        newId: hq,
        storeId: 's001',
        terminalId: 's001-t01',
        ledger: 'store-credit',
        accountId: 'SC-1',
        entryKind: kind,
        amount: eur(amount),
        offline,
        createdAt: T,
      });
    const base = {
      ledger: 'store-credit' as const,
      accountId: 'SC-1',
      terminalId: 's001-t01',
      offlineCap: eur(2000),
    };
    const entries = [credit('refund', 3000)];
    expect(authorizeRedemption({ ...base, entries, amount: eur(3000), offline: false })).toMatchObject({
      active: true,
      balance: 3000,
    });
    expect(() => authorizeRedemption({ ...base, entries, amount: eur(3001), offline: false })).toThrow(
      /Store credit SC-1 has 30\.00 EUR; 30\.01 EUR was asked/,
    );
    const spent = [...entries, credit('redeem', 1500, true)];
    expect(() => authorizeRedemption({ ...base, entries: spent, amount: eur(600), offline: true })).toThrow(
      /at most 20\.00 EUR may be taken from store credit SC-1 at this till; 5\.00 EUR is left/,
    );
    expect(authorizeRedemption({ ...base, entries: spent, amount: eur(500), offline: true }).balance).toBe(
      1500,
    );
  });

  it('reconciles two offline tills that spent the same card: reports the overdraft, keeps every entry', () => {
    const t1 = ids('s001-t01');
    const t2 = ids('s001-t02');
    const activation = entry('activate', 3000);
    const a = entry('redeem', 2000, true, 's001-t01', t1);
    const b = entry('redeem', 2000, true, 's001-t02', t2);
    const report = reconcileLedgers([b, activation, a, a], { 'gift-card': 2500 });
    expect(report.entryCount).toBe(3);
    expect(report.balances.get(accountKey('gift-card', 'GC1'))).toBe(-1000);
    expect(report.overRedemptions).toEqual([
      {
        ledger: 'gift-card',
        accountId: 'GC1',
        balance: -1000,
        overRedeemedBy: 1000,
        offlineEntryIds: [a.id, b.id].sort(),
      },
    ]);
    expect(report.capBreaches).toEqual([]);
    expect(
      reconcileLedgers([a, b, activation], { 'gift-card': 1500 }).capBreaches.map((c) => c.terminalId),
    ).toEqual(['s001-t01', 's001-t02']);
  });

  it('reports an id reused for different content instead of silently picking one', () => {
    const a = entry('redeem', 100);
    const report = reconcileLedgers([a, { ...a, delta: -999 }]);
    expect(report.idConflicts).toHaveLength(1);
    expect(report.entryCount).toBe(1);
  });

  it('property: balance = sum of distinct entries, in any order, with duplicates', () => {
    const entryArb = fc.record({
      n: fc.integer({ min: 0, max: 30 }),
      account: fc.constantFrom('A', 'B'),
      delta: fc.integer({ min: -10_000, max: 10_000 }),
      offline: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (raw, order) => {
          const byId = new Map<string, LedgerEntry>();
          for (const r of raw) {
            const id = `t-${r.n}`;
            if (!byId.has(id))
              byId.set(id, {
                id,
                ledger: 'store-credit',
                accountId: r.account,
                entryKind: r.delta < 0 ? 'redeem' : 'issue',
                delta: r.delta,
                offline: r.offline,
                createdAt: T,
              });
          }
          const list = raw.map((r) => byId.get(`t-${r.n}`)!);
          const shuffled = list
            .map((e, i) => ({ e, k: order[i] ?? i }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.e);
          for (const account of ['A', 'B']) {
            const expected = [...byId.values()]
              .filter((e) => e.accountId === account)
              .reduce((s, e) => s + e.delta, 0);
            expect(accountBalance(shuffled, 'store-credit', account)).toBe(expected);
            expect(balancesByAccount(shuffled).get(accountKey('store-credit', account)) ?? 0).toBe(expected);
            expect(reconcileLedgers(shuffled).balances.get(accountKey('store-credit', account)) ?? 0).toBe(
              expected,
            );
          }
          expect(reconcileLedgers(shuffled)).toEqual(reconcileLedgers(list));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('loyalty', () => {
  const rule: LoyaltyRule = {
    currency: 'EUR',
    pointsPerUnit: 1,
    multipliers: [{ groupId: 'coffee', percent: '200' }],
    redemption: { points: 100, value: eur(100) },
    expiryDays: 365,
  };
  const sale = exampleOrder as unknown as OrderDoc;

  it('earns per euro paid after discounts, with the best group multiplier, and gives back on returns', () => {
    // coffee 9.00 × 2 = 18 points, apples 1.50 → 1 point
    expect(pointsForOrder(sale, rule, (sku) => (sku.startsWith('COF') ? ['coffee'] : []))).toBe(19);
    expect(pointsForOrder(sale, rule)).toBe(10);
    const ret = { ...sale, lines: [], returnLines: [{ ...sale.lines[0]!, restock: true }] };
    expect(pointsForOrder(ret, rule)).toBe(-9);
    expect(() => pointsForOrder({ ...sale, currency: 'USD' }, rule)).toThrow(/earns on EUR/);
  });

  it('earns nothing on the part paid with points (4.99 with 1.24 in points earns 3, not 4)', () => {
    const line = { ...sale.lines[0]!, total: eur(499) };
    const coffee = { ...sale, lines: [line], returnLines: [] };
    expect(pointsForOrder(coffee, rule)).toBe(4);
    const paid = {
      ...coffee,
      tenders: [
        { type: 'loyalty-points' as const, amount: eur(124) },
        { type: 'cash' as const, amount: eur(375) },
      ],
    };
    expect(paidWithPoints(paid)).toBe(124);
    expect(pointsForOrder(paid, rule)).toBe(3);
    // all of it paid with points earns nothing; other tenders change nothing
    expect(pointsForOrder({ ...coffee, tenders: [{ type: 'loyalty-points', amount: eur(499) }] }, rule)).toBe(
      0,
    );
    expect(pointsForOrder({ ...coffee, tenders: [{ type: 'card', amount: eur(499) }] }, rule)).toBe(4);
    // the multiplier applies to what was paid in money on the line
    expect(pointsForOrder(paid, rule, () => ['coffee'])).toBe(7);
    // a refund to points (negative) never raises earning above the money paid
    expect(paidWithPoints({ tenders: [{ type: 'loyalty-points', amount: eur(-50) }] })).toBe(0);
  });

  it('spreads the points paid over the lines in proportion, whole cents, never past a line', () => {
    expect(allocateOverLines(100, [300, 100])).toEqual([75, 25]);
    expect(allocateOverLines(1, [1, 1])).toEqual([1, 0]);
    expect(allocateOverLines(500, [300, 100])).toEqual([300, 100]);
    expect(allocateOverLines(0, [300])).toEqual([0]);
    expect(allocateOverLines(5, [])).toEqual([]);
  });

  it('property: paying with points never earns more, and earns exactly on the money part of the sale', () => {
    const lineOf = (total: number, i: number) => ({ ...sale.lines[0]!, lineId: `l${i}`, total: eur(total) });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 4_000_000 }),
        fc.integer({ min: 0, max: 4_000_000 }),
        fc.boolean(),
        (totals, a, b, coffee) => {
          const lines = totals.map(lineOf);
          const sum = totals.reduce((s, t) => s + t, 0);
          const [less, more] = a <= b ? [a, b] : [b, a];
          const order = (p: number) => ({
            ...sale,
            lines,
            returnLines: [],
            tenders: [{ type: 'loyalty-points' as const, amount: eur(p) }],
          });
          const groups = () => (coffee ? ['coffee'] : []);
          const earnLess = pointsForOrder(order(less), rule, groups);
          const earnMore = pointsForOrder(order(more), rule, groups);
          expect(earnMore).toBeLessThanOrEqual(earnLess);
          expect(pointsForOrder(order(0), rule, groups)).toBe(
            pointsForOrder({ ...sale, lines, returnLines: [] }, rule, groups),
          );
          // no more than the money part earns at the best multiplier (rounded down per line)
          const factor = coffee ? 2 : 1;
          expect(earnLess).toBeLessThanOrEqual(Math.floor((Math.max(0, sum - less) * factor) / 100));
          if (more >= sum) expect(earnMore).toBe(0);
          const shares = allocateOverLines(less, totals);
          expect(shares.reduce((s, x) => s + x, 0)).toBe(Math.min(less, sum));
          shares.forEach((x, i) => {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(totals[i]!);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes an earn entry that carries its expiry and validates', () => {
    const entry = loyaltyEntry({
      newId: ids('s001-t01'),
      storeId: 's001',
      terminalId: 's001-t01',
      accountId: 'L77',
      entryKind: 'earn',
      points: 19,
      offline: false,
      createdAt: T,
      rule,
      ref: { kind: 'order', id: sale.id },
    });
    expect(entry).toMatchObject({ ledger: 'loyalty', delta: 19, expiresAt: '2027-11-23T10:00:00.000Z' });
    expect(validateDocument(entry)).toMatchObject({ ok: true, type: 'ledger-entry' });
    expect(() =>
      loyaltyEntry({
        newId: ids('x'),
        storeId: 's001',
        terminalId: 't',
        accountId: 'L77',
        entryKind: 'earn',
        points: 0,
        offline: false,
        createdAt: T,
      }),
    ).toThrow(/non-zero/);
  });

  it('caps the points one till redeems offline per account; online only the balance counts', () => {
    const factories = new Map<string, ReturnType<typeof ids>>();
    const idsOf = (terminal: string) =>
      factories.get(terminal) ?? factories.set(terminal, ids(terminal)).get(terminal)!;
    const points = (kind: 'earn' | 'redeem', n: number, offline: boolean, terminal = 's001-t01') =>
      loyaltyEntry({
        newId: idsOf(terminal),
        storeId: 's001',
        terminalId: terminal,
        accountId: 'L77',
        entryKind: kind,
        points: kind === 'redeem' ? -n : n,
        offline,
        createdAt: T,
      });
    const entries = [points('earn', 5000, false), points('redeem', 800, true)];
    const base = { entries, accountId: 'L77', terminalId: 's001-t01', offlineCapPoints: 1000 };
    expect(redeemablePoints({ ...base, offline: false })).toEqual({ balance: 4200, available: 4200 });
    expect(authorizePointsRedemption({ ...base, points: 4200, offline: false })).toBe(4200);
    expect(redeemablePoints({ ...base, offline: true })).toEqual({
      balance: 4200,
      available: 200,
      offlineLeft: 200,
    });
    expect(authorizePointsRedemption({ ...base, points: 200, offline: true })).toBe(4200);
    try {
      authorizePointsRedemption({ ...base, points: 201, offline: true });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'ledger.offline-cap')).toBe(true);
      expect((error as Error).message).toMatch(/at most 1000 points .* L77 at this till; 200 are left/);
    }
    // Another till's offline redemptions do not use this till's cap.
    const other = [...entries, points('redeem', 900, true, 's001-t002')];
    expect(redeemablePoints({ ...base, entries: other, offline: true }).available).toBe(200);
    expect(() => authorizePointsRedemption({ ...base, points: 4201, offline: false })).toThrow(
      /has 4200 points; 4201 were asked/,
    );
  });

  it('reports points spent twice by two offline tills as an over-redemption, keeping both entries', () => {
    const earn = loyaltyEntry({
      newId: ids('s001-t0003'),
      storeId: 's001',
      terminalId: 's001-t01',
      accountId: 'L77',
      entryKind: 'earn',
      points: 124,
      offline: false,
      createdAt: T,
    });
    const spend = (terminal: string) =>
      loyaltyEntry({
        newId: ids(terminal),
        storeId: 's001',
        terminalId: terminal,
        accountId: 'L77',
        entryKind: 'redeem',
        points: -124,
        offline: true,
        createdAt: T,
      });
    const a = spend('s001-t01');
    const b = spend('s001-t002');
    const report = reconcileLedgers([b, earn, a, a], { loyalty: 100 });
    expect(report.entryCount).toBe(3);
    expect(report.overRedemptions).toEqual([
      {
        ledger: 'loyalty',
        accountId: 'L77',
        balance: -124,
        overRedeemedBy: 124,
        offlineEntryIds: [a.id, b.id].sort(),
      },
    ]);
    expect(report.capBreaches.map((c) => [c.ledger, c.terminalId, c.redeemedOffline])).toEqual([
      ['loyalty', 's001-t002', 124],
      ['loyalty', 's001-t01', 124],
    ]);
  });

  it('values points for redemption, rounding in the shop’s favour', () => {
    expect(pointsValue(250, rule)).toEqual(eur(250));
    expect(pointsForAmount(eur(333), rule)).toBe(333);
    expect(pointsValue(5, { ...rule, redemption: { points: 10, value: eur(1) } })).toEqual(eur(0));
    expect(pointsForAmount(eur(1), { ...rule, redemption: { points: 10, value: eur(3) } })).toBe(4);
  });

  it('expires unspent points soonest-first, and only once', () => {
    const expiresAt = pointsExpiry('2025-01-01T00:00:00.000Z', rule)!;
    expect(expiresAt).toBe('2026-01-01T00:00:00.000Z');
    const base = { ledger: 'loyalty' as const, accountId: 'L1', offline: false };
    const entries: LedgerEntry[] = [
      { ...base, id: 'a', entryKind: 'earn', delta: 100, createdAt: '2025-01-01T00:00:00.000Z', expiresAt },
      {
        ...base,
        id: 'b',
        entryKind: 'earn',
        delta: 50,
        createdAt: '2025-06-01T00:00:00.000Z',
        expiresAt: '2026-06-01T00:00:00.000Z',
      },
      { ...base, id: 'c', entryKind: 'redeem', delta: -30, createdAt: '2025-07-01T00:00:00.000Z' },
    ];
    expect(pointsToExpire(entries, 'L1', '2025-12-31T00:00:00.000Z')).toBe(0);
    expect(pointsToExpire(entries, 'L1', '2026-02-01T00:00:00.000Z')).toBe(70);
    const written = [
      ...entries,
      { ...base, id: 'd', entryKind: 'expire' as const, delta: -70, createdAt: '2026-02-01T00:00:00.000Z' },
    ];
    expect(pointsToExpire(written, 'L1', '2026-02-01T00:00:00.000Z')).toBe(0);
    expect(accountBalance(written, 'loyalty', 'L1')).toBe(50);
    expect(pointsToExpire(written, 'L1', '2026-07-01T00:00:00.000Z')).toBe(50);
  });
});
