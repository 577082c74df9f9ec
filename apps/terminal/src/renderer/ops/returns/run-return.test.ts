import { validateDocument, type LedgerEntryDoc, type MovementDoc, type OrderDoc } from '@store-os/shared';
import { exampleOrder } from '@store-os/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPricingContext } from '../../catalog/pricing-context';
import { findItem } from '../../catalog/find-item';
import { opsTestDeps } from '../common/ops-test-kit';
import { storeDocsOfType } from '../common/store-docs';
import { findOrdersLocally, orderMatches } from './find-order';
import { priceNewLines } from './price-new-lines';
import { draftReturn } from './return-order';
import { runReturn } from './run-return';

const original = { ...(exampleOrder as unknown as OrderDoc), terminalId: 's001-t01' };
let kit: Awaited<ReturnType<typeof opsTestDeps>>;
beforeEach(async () => {
  kit = await opsTestDeps();
  await kit.deps.db.store.insert(original);
});
afterEach(() => kit.dispose());

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('returns and exchanges', () => {
  it('finds the original by receipt barcode, card token or customer, never by a short fragment', async () => {
    expect(orderMatches(original, original.id.slice(-20))).toBe(true);
    expect(orderMatches(original, 'tok_8f2a')).toBe(true);
    expect(orderMatches(original, 'customer:c-77')).toBe(true);
    expect(orderMatches(original, 'A0C')).toBe(false);
    expect((await findOrdersLocally(kit.deps.db, original.id.slice(-20))).map((f) => f.order.id)).toEqual([
      original.id,
    ]);
  });

  it('returns one coffee to the original card through the payment terminal, restocked', async () => {
    const { deps, host } = kit;
    const draft = draftReturn({
      original,
      earlierReturns: [],
      requests: [{ originalLineId: 'l1', quantity: 1, restock: true }],
      newLines: [],
      refundTo: 'original',
      newAccountId: 'sc-1',
    });
    expect(draft.refunds.map((r) => [r.method, r.amount.amount, r.card?.token])).toEqual([
      ['card', 450, 'tok_8f2a'],
    ]);
    const done = await runReturn(deps, { draft, original, locationId: 's001-floor', cashierId: 'u1' });
    expect(done.summary).toMatch(/refunded €4\.50 to card 4242/);
    expect(done.order).toMatchObject({ kind: 'return', totals: { total: eur(-450) } });
    expect(done.order.tenders).toMatchObject([
      { type: 'card', amount: eur(-450), refundOf: `${original.id}/t1`, authCode: 'A1' },
    ]);
    expect(validateDocument(done.order)).toMatchObject({ ok: true });
    const pay = host.calls.find((c) => c.method === 'payment.start')?.request as { amount: number };
    expect(pay.amount).toBe(-450);
    const movements = await storeDocsOfType<MovementDoc>(deps.db, 'movement');
    expect(movements.map((m) => [m.sku, m.reason, m.delta])).toEqual([['COF-250', 'return', 1]]);
    // The second coffee can still come back; the first cannot come back twice.
    const earlier = (await findOrdersLocally(deps.db, original.id))[0]?.earlierReturns ?? [];
    expect(() =>
      draftReturn({
        original,
        earlierReturns: earlier,
        requests: [{ originalLineId: 'l1', quantity: 2, restock: true }],
        newLines: [],
        refundTo: 'original',
        newAccountId: 'x',
      }),
    ).toThrow(/at most 1 can be returned/);
  });

  it('an exchange to dearer goods is one order: return line, new lines, the customer pays the difference', async () => {
    const { deps } = kit;
    const pricing = await loadPricingContext(deps.db, 's001');
    const coffee = await findItem(deps.db, '4006381333931');
    if (coffee.kind !== 'item') throw new Error('catalog fixture missing');
    const newLines = priceNewLines([coffee.item, coffee.item], pricing, Date.UTC(2026, 10, 23, 10));
    expect(newLines.reduce((s, l) => s + l.total.amount, 0)).toBe(998);
    const draft = draftReturn({
      original,
      earlierReturns: [],
      requests: [{ originalLineId: 'l1', quantity: 1, restock: false, reason: 'damaged' }],
      newLines,
      refundTo: 'original',
      newAccountId: 'sc-1',
    });
    expect(draft.due).toEqual(eur(548));
    expect(draft.refunds).toEqual([]);
    const done = await runReturn(deps, {
      draft,
      original,
      locationId: 's001-floor',
      cashierId: 'u1',
      cashForDue: 1000,
    });
    expect(done.order).toMatchObject({ kind: 'exchange', totals: { total: eur(548) } });
    expect(done.order.tenders).toMatchObject([
      { type: 'cash', amount: eur(548), tendered: eur(1000), change: eur(452) },
    ]);
    const movements = await storeDocsOfType<MovementDoc>(deps.db, 'movement');
    expect(movements.map((m) => [m.reason, m.delta, m.note ?? ''])).toEqual(
      expect.arrayContaining([
        ['sale', -2, ''],
        ['return', 1, 'damaged'],
        ['write-off', -1, 'damaged'],
      ]),
    );
  });

  it('store credit instead of the original payments: one account credited in the ledger', async () => {
    const { deps } = kit;
    const draft = draftReturn({
      original,
      earlierReturns: [],
      requests: [{ originalLineId: 'l1', quantity: 2, restock: true }],
      newLines: [],
      refundTo: 'store-credit',
      newAccountId: 'SC-77',
    });
    const done = await runReturn(deps, { draft, original, locationId: 's001-floor', cashierId: 'u1' });
    expect(done.order.tenders).toMatchObject([
      { type: 'store-credit', amount: eur(-900), accountId: 'SC-77' },
    ]);
    const ledger = await storeDocsOfType<LedgerEntryDoc>(deps.db, 'ledger-entry');
    expect(ledger).toMatchObject([
      { ledger: 'store-credit', accountId: 'SC-77', entryKind: 'refund', delta: 900 },
    ]);
  });

  it('a receipted return can go to a new gift card: one card credited in the gift-card ledger', async () => {
    const { deps, host } = kit;
    const draft = draftReturn({
      original,
      earlierReturns: [],
      requests: [{ originalLineId: 'l1', quantity: 1, restock: true }],
      newLines: [],
      refundTo: 'gift-card',
      newAccountId: 'GC-NEW-1',
    });
    expect(draft.refunds).toMatchObject([{ method: 'gift-card', amount: eur(450), accountId: 'GC-NEW-1' }]);
    const done = await runReturn(deps, { draft, original, locationId: 's001-floor', cashierId: 'u1' });
    expect(done.summary).toMatch(/refunded €4\.50 to gift card GC-NEW-1/);
    expect(done.order).toMatchObject({ kind: 'return', totals: { total: eur(-450) } });
    expect(done.order.tenders).toMatchObject([
      { type: 'gift-card', amount: eur(-450), accountId: 'GC-NEW-1', refundOf: `${original.id}/t1` },
    ]);
    expect(validateDocument(done.order)).toMatchObject({ ok: true });
    // Nothing went to the original card.
    expect(host.calls.some((c) => c.method === 'payment.start')).toBe(false);
    const ledger = await storeDocsOfType<LedgerEntryDoc>(deps.db, 'ledger-entry');
    expect(ledger).toMatchObject([
      { ledger: 'gift-card', accountId: 'GC-NEW-1', entryKind: 'refund', delta: 450 },
    ]);
    for (const entry of ledger) expect(validateDocument(entry)).toMatchObject({ ok: true });
  });

  it('an exchange to cheaper goods is one order: the store refunds the difference to the original card', async () => {
    const { deps, host } = kit;
    const pricing = await loadPricingContext(deps.db, 's001');
    const coffee = await findItem(deps.db, '4006381333931');
    if (coffee.kind !== 'item') throw new Error('catalog fixture missing');
    const newLines = priceNewLines([coffee.item], pricing, Date.UTC(2026, 10, 23, 10));
    expect(newLines.reduce((s, l) => s + l.total.amount, 0)).toBe(499);
    const draft = draftReturn({
      original,
      earlierReturns: [],
      requests: [{ originalLineId: 'l1', quantity: 2, restock: true }],
      newLines,
      refundTo: 'original',
      newAccountId: 'sc-1',
    });
    // Two coffees came back at 4.50 each (9.00), one new at 4.99: the store owes 4.01.
    expect(draft.due).toEqual(eur(0));
    expect(draft.refunds.map((r) => [r.method, r.amount.amount, r.card?.token])).toEqual([
      ['card', 401, 'tok_8f2a'],
    ]);
    const done = await runReturn(deps, { draft, original, locationId: 's001-floor', cashierId: 'u1' });
    expect(done.summary).toMatch(/^Exchange complete: refunded €4\.01 to card 4242/);
    expect(done.order).toMatchObject({ kind: 'exchange', totals: { total: eur(-401) } });
    expect(done.order.tenders).toMatchObject([
      { type: 'card', amount: eur(-401), refundOf: `${original.id}/t1`, authCode: 'A1' },
    ]);
    expect(validateDocument(done.order)).toMatchObject({ ok: true });
    const pay = host.calls.find((c) => c.method === 'payment.start')?.request as { amount: number };
    expect(pay.amount).toBe(-401);
    // No cash was taken and the drawer stayed shut.
    expect(host.calls.some((c) => c.method === 'drawer.open')).toBe(false);
    const movements = await storeDocsOfType<MovementDoc>(deps.db, 'movement');
    expect(movements.map((m) => [m.sku, m.reason, m.delta])).toEqual(
      expect.arrayContaining([
        ['COF-250', 'sale', -1],
        ['COF-250', 'return', 2],
      ]),
    );
    expect(movements).toHaveLength(2);
  });
});
