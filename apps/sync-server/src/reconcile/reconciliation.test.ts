// The ledger reconciliation report: an over-redemption across two offline tills is reported with the
// entries behind it, nothing is dropped, a manager sees only their store, and bad caps are refused.
import { storedValueEntry } from '@store-os/shared/ledgers';
import type { LedgerEntryDoc } from '@store-os/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHqTestServer, type HqTestServer } from '../hq/hq-test-server';
import { ledgerReconciliationReport, type LedgerReconciliationReport } from './ledger-report';

let n = 0;
const entry = (
  storeId: string,
  terminalId: string,
  accountId: string,
  entryKind: 'activate' | 'redeem',
  amount: number,
  offline: boolean,
  minute: number,
): LedgerEntryDoc =>
  storedValueEntry({
    newId: () => `${terminalId}-01JD5Z8Q2W3E4R5T6Y7V8X9${String((n += 1)).padStart(3, '0')}`,
    storeId,
    terminalId,
    ledger: 'gift-card',
    accountId,
    entryKind,
    amount: { amount, currency: 'EUR' },
    offline,
    createdAt: `2026-12-06T10:${String(minute).padStart(2, '0')}:00.000Z`,
    ref: { kind: 'order', id: `order-${n}` },
  });

const loaded = entry('s001', 's001-t01', 'GC1', 'activate', 800, false, 0);
const tillA = entry('s001', 's001-t01', 'GC1', 'redeem', 499, true, 5);
const tillB = entry('s001', 's001-t02', 'GC1', 'redeem', 499, true, 6);
const fine = entry('s002', 's002-t01', 'GC2', 'activate', 2000, false, 1);
const capped = entry('s002', 's002-t01', 'GC2', 'redeem', 1500, true, 2);

let s: HqTestServer;
beforeAll(async () => {
  s = await startHqTestServer(['s001', 's002']);
  await s.write('s001', [loaded, tillA, tillB]);
  await s.write('s002', [fine, capped]);
});
afterAll(async () => {
  await s.t.close();
});

describe('ledger reconciliation', () => {
  it('reports the card two offline tills overdrew, with both redemptions, and counts every entry', async () => {
    const res = await s.api<LedgerReconciliationReport & { scope: unknown }>('reconciliation/ledgers');
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('all');
    expect(res.body.entryCount).toBe(5);
    expect(res.body.overRedemptions).toEqual([
      expect.objectContaining({
        ledger: 'gift-card',
        accountId: 'GC1',
        currency: 'EUR',
        balance: -198,
        overRedeemedBy: 198,
        offlineEntryIds: expect.arrayContaining([tillA.id, tillB.id]) as unknown,
      }),
    ]);
    expect(res.body.overRedemptions[0]?.entries.map((e) => [e.terminalId, e.entryKind, e.delta])).toEqual([
      ['s001-t01', 'activate', 800],
      ['s001-t01', 'redeem', -499],
      ['s001-t02', 'redeem', -499],
    ]);
    expect(res.body.capBreaches).toEqual([]);
  });

  it('reports a till over its offline cap when the cap is given lower', async () => {
    const res = await s.api<LedgerReconciliationReport>('reconciliation/ledgers?giftCardCap=1000');
    expect(res.body.capBreaches).toEqual([
      { ledger: 'gift-card', accountId: 'GC2', terminalId: 's002-t01', redeemedOffline: 1500, cap: 1000 },
    ]);
    const bad = await s.api<{ reason: string }>('reconciliation/ledgers?giftCardCap=ten');
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toContain('giftCardCap must be a whole number');
  });

  it("shows a store manager their own store's entries only, and refuses another store", async () => {
    const mine = await s.api<LedgerReconciliationReport>('reconciliation/ledgers', s.manager);
    expect(mine.body.entryCount).toBe(3);
    expect(mine.body.overRedemptions.map((o) => o.accountId)).toEqual(['GC1']);
    expect((await s.api('reconciliation/ledgers?store=s002', s.manager)).status).toBe(403);
    expect((await s.api('reconciliation/ledgers', s.it)).status).toBe(403);
  });

  it('does not count an entry twice when it arrives twice (a replay), in any order', () => {
    const once = ledgerReconciliationReport([loaded, tillA, tillB], {});
    const twice = ledgerReconciliationReport([tillB, tillA, loaded, tillA, tillB], {});
    expect(twice).toEqual(once);
    expect(twice.entryCount).toBe(3);
    expect(twice.overRedemptions[0]?.entries).toHaveLength(3);
  });
});
