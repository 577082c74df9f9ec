import {
  calculateCartTotals,
  createIdFactory,
  fixedClock,
  storedValueEntry,
  type Tender,
} from '@store-os/shared';
import { validateDocument } from '@store-os/shared/schemas';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findItem } from '../catalog/find-item';
import { loadPricingContext, type PricingContext } from '../catalog/pricing-context';
import { cartCustomerOf } from '../customer/find-customer';
import { SyncLedger } from '../db/sync-ledger';
import { openTerminalDatabase, type EnvelopeDocument, type TerminalDatabase } from '../db/terminal-database';
import { replayJournal } from '../journal/replay-journal';
import { completeSale, type CheckoutDeps } from './complete-sale';
import { NO_OPEN_SHIFT } from './no-open-shift';
import { startFakeCounter, type FakeCounter } from './counter-fixture';
import type { SaleDraft } from './sale-draft';
import { checkoutCatalog, sampleCustomer } from './sale-fixtures';
import {
  addGiftCardLoad,
  addToDraft,
  attachCustomer,
  discountDraftLine,
  emptyDraft,
  overrideDraftPrice,
} from './sale-operations';
import { storePolicy } from './store-policy';

const clock = fixedClock(1_764_000_000_000);
let counter = 0;
const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
const openDb = () => openTerminalDatabase({ name: `sale-test-${(counter += 1)}-${Date.now()}`, storage });
const policy = storePolicy('EUR');
const approval = { managerId: 'm-1', managerName: 'Mia', reason: 'ok', at: '2026-11-23T15:00:00.000Z' };
/** The till's open shift every sale below is taken in. */
const SHIFT_ID = 's001-t01-01JD5Z0000AAAAAAAAAAAAAAAA';
const card = { maskedPan: '411111******1111', brand: 'visa', authCode: '012345', token: 'tok' };

let host: FakeCounter;
let db: TerminalDatabase;
let deps: CheckoutDeps;
let pricing: PricingContext;

beforeEach(async () => {
  host = await startFakeCounter();
  db = await openDb();
  await db.catalog.bulkInsert(checkoutCatalog('s001') as EnvelopeDocument[]);
  await db.store.insert(sampleCustomer('s001') as EnvelopeDocument);
  pricing = await loadPricingContext(db, 's001');
  deps = {
    db,
    ledger: new SyncLedger(db, clock),
    host: host.bridge,
    newId: createIdFactory({ originId: 's001-t01', clock, random: (n) => new Uint8Array(n).fill(7) }),
    now: () => new Date(clock.now()),
    terminalId: 's001-t01',
  };
});
afterEach(async () => {
  await db.remove();
  await host.dispose();
});

let lineNo = 0;
const newLineId = () => `l${(lineNo += 1)}`;

async function add(draft: SaleDraft, code: string, quantity = 1): Promise<SaleDraft> {
  const found = await findItem(db, code, policy.inStoreLayouts);
  if (found.kind !== 'item') throw new Error(`lookup of ${code} failed: ${JSON.stringify(found)}`);
  return addToDraft(draft, { item: found.item, newLineId, quantity });
}

function totalsOf(draft: SaleDraft) {
  return calculateCartTotals({ cart: draft.cart, ...pricing, clock });
}

const docsOfType = async (type: string) =>
  (await db.store.find({ selector: { type } }).exec()).map((d) => d.toJSON() as Record<string, unknown>);

describe('completeSale', () => {
  it('refuses a till with no open shift before writing or journaling anything, saying what to do', async () => {
    const draft = await add(emptyDraft({ id: 'cart-0', storeId: 's001', currency: 'EUR' }), '4006381333931');
    const totals = totalsOf(draft);
    const sale = {
      draft,
      totals,
      pricing,
      policy,
      tenders: [{ id: 't1', kind: 'cash' as const, amount: totals.total.amount }],
      offline: false,
    };
    for (const shiftId of [undefined, '', '  ']) {
      const refused = completeSale(deps, { ...sale, shiftId });
      await expect(refused).rejects.toMatchObject({ code: 'sale.no-shift', message: NO_OPEN_SHIFT });
    }
    expect(NO_OPEN_SHIFT).toBe(
      'No shift is open at this till: open it with a counted float on the Shift screen (F10), then take payment.',
    );
    expect(await docsOfType('order')).toEqual([]);
    expect(await docsOfType('movement')).toEqual([]);
    expect((await host.bridge.invoke('journal.since', { afterSeq: 0 })).entries).toEqual([]);
    // The same sale once the till is open goes through, stamped with the shift.
    const done = await completeSale(deps, { ...sale, shiftId: SHIFT_ID });
    expect(done.order.shiftId).toBe(SHIFT_ID);
  });

  it('writes a split card + cash sale with its promotion explained, journaled before anything prints', async () => {
    let draft = emptyDraft({ id: 'cart-1', storeId: 's001', currency: 'EUR' });
    draft = await add(draft, '4006381333931', 2); // coffee 2 × 4.99
    draft = await add(draft, '4006381333948'); // tea 3.50 − 10 % = 3.15
    const totals = totalsOf(draft);
    expect(totals.total.amount).toBe(998 + 315);
    const tenders: Tender[] = [
      { id: 't1', kind: 'card', amount: 800, card },
      { id: 't2', kind: 'cash', amount: 1000 },
    ];
    const done = await completeSale(deps, {
      shiftId: SHIFT_ID,
      draft,
      totals,
      pricing,
      policy,
      tenders,
      cashierId: 'c-1',
      offline: false,
    });
    expect(done.change).toEqual({ amount: 487, currency: 'EUR' });
    const order = (await db.store.findOne(done.orderId).exec())?.toJSON();
    expect(validateDocument(order)).toMatchObject({ ok: true, type: 'order' });
    expect(order).toMatchObject({
      cashierId: 'c-1',
      shiftId: SHIFT_ID,
      businessDate: '2025-11-24',
      lines: [
        { sku: 'COF-250', discounts: [] },
        { sku: 'TEA-100', discounts: [{ promotionId: 'tea-10', name: 'Tea −10 %', amount: { amount: 35 } }] },
      ],
      tenders: [
        { type: 'card', amount: { amount: 800 }, brand: 'visa', maskedPan: '411111******1111' },
        { type: 'cash', amount: { amount: 513 }, tendered: { amount: 1000 }, change: { amount: 487 } },
      ],
    });
    expect((await docsOfType('movement')).map((m) => m['delta'])).toEqual([-2, -1]);
    const journal = await host.bridge.invoke('journal.since', { afterSeq: 0 });
    expect(journal.entries.map((e) => e.entry.id)).toEqual([done.orderId]);
    expect(journal.entries[0]?.entry.documents).toHaveLength(3);
    expect(host.calls.filter((c) => c.method === 'printer.print')).toEqual([]);
  });

  it('redeems a gift card and activates another sold on a line, with no stock movement for the card', async () => {
    await db.store.insert(
      storedValueEntry({
        newId: deps.newId,
        storeId: 's001',
        terminalId: 's001-t02',
        ledger: 'gift-card',
        accountId: 'GC6001',
        entryKind: 'activate',
        amount: { amount: 5000, currency: 'EUR' },
        offline: false,
        createdAt: '2026-11-01T10:00:00.000Z',
      }),
    );
    let draft = emptyDraft({ id: 'cart-2', storeId: 's001', currency: 'EUR' });
    draft = await add(draft, '4006381333931');
    draft = addGiftCardLoad(draft, {
      load: { accountId: 'GC7002', entryKind: 'activate' },
      amount: 2000,
      newLineId,
    });
    const totals = totalsOf(draft);
    expect(totals.total.amount).toBe(2499);
    const done = await completeSale(deps, {
      shiftId: SHIFT_ID,
      draft,
      totals,
      pricing,
      policy,
      tenders: [{ id: 't1', kind: 'gift-card', amount: 2499, accountId: 'GC6001', offline: true }],
      offline: true,
    });
    const entries = await docsOfType('ledger-entry');
    const fromSale = entries.filter((e) => (e['ref'] as { id?: string } | undefined)?.id === done.orderId);
    expect(fromSale.map((e) => [e['accountId'], e['entryKind'], e['delta'], e['offline']])).toEqual([
      ['GC6001', 'redeem', -2499, true],
      ['GC7002', 'activate', 2000, true],
    ]);
    for (const e of fromSale) expect(validateDocument(e).ok).toBe(true);
    expect((await docsOfType('movement')).map((m) => m['sku'])).toEqual(['COF-250']);
    expect(validateDocument(done.order)).toMatchObject({ ok: true });
  });

  it('spends store credit issued by a return: the order names the account, the ledger gets the redeem', async () => {
    await db.store.insert(
      storedValueEntry({
        newId: deps.newId,
        storeId: 's001',
        terminalId: 's001-t02',
        ledger: 'store-credit',
        accountId: 'SC-77',
        entryKind: 'refund',
        amount: { amount: 900, currency: 'EUR' },
        offline: false,
        createdAt: '2026-11-01T10:00:00.000Z',
      }),
    );
    const draft = await add(emptyDraft({ id: 'cart-sc', storeId: 's001', currency: 'EUR' }), '4006381333931');
    const totals = totalsOf(draft);
    expect(totals.total.amount).toBe(499);
    const done = await completeSale(deps, {
      shiftId: SHIFT_ID,
      draft,
      totals,
      pricing,
      policy,
      tenders: [
        { id: 't1', kind: 'store-credit', amount: 299, accountId: 'SC-77', offline: true },
        { id: 't2', kind: 'cash', amount: totals.total.amount - 299 },
      ],
      offline: true,
    });
    expect(done.order.tenders).toContainEqual(
      expect.objectContaining({
        type: 'store-credit',
        accountId: 'SC-77',
        amount: { amount: 299, currency: 'EUR' },
      }),
    );
    const entries = await docsOfType('ledger-entry');
    const fromSale = entries.filter((e) => (e['ref'] as { id?: string } | undefined)?.id === done.orderId);
    expect(
      fromSale.map((e) => [e['ledger'], e['accountId'], e['entryKind'], e['delta'], e['offline']]),
    ).toEqual([['store-credit', 'SC-77', 'redeem', -299, true]]);
    for (const e of fromSale) expect(validateDocument(e).ok).toBe(true);
  });

  it('records the approver of a price override (audit event) and of a discount (on the order line), and earns points', async () => {
    const customer = sampleCustomer('s001') as Parameters<typeof cartCustomerOf>[0];
    let draft = emptyDraft({ id: 'cart-3', storeId: 's001', currency: 'EUR' });
    draft = await add(draft, '4006381333931'); // l: coffee
    draft = await add(draft, '4006381333948'); // l: tea
    const [coffee, tea] = draft.cart.lines;
    draft = overrideDraftPrice(draft, {
      lineId: coffee?.lineId ?? '',
      unitPrice: 399,
      reasonCode: 'price-match',
      approval,
    });
    draft = discountDraftLine(draft, {
      lineId: tea?.lineId ?? '',
      discount: { type: 'amount', amount: 15, reasonCode: 'damaged' },
      approval,
    });
    draft = attachCustomer(draft, {
      doc: customer,
      displayName: 'Ada Lovelace',
      cart: cartCustomerOf(customer),
    });
    const totals = totalsOf(draft);
    const done = await completeSale(deps, {
      shiftId: SHIFT_ID,
      draft,
      totals,
      pricing,
      policy,
      tenders: [{ id: 't1', kind: 'cash', amount: totals.total.amount }],
      offline: false,
    });
    expect(done.order.customer).toEqual({ customerId: 'customer:c-77', loyaltyAccountId: 'L77' });
    expect(done.order.lines[0]).toMatchObject({ unitPrice: { amount: 399 } });
    expect(done.order.lines[1]?.discounts).toContainEqual(expect.objectContaining({ approvedBy: 'm-1' }));
    const audits = await docsOfType('audit-event');
    expect(audits.map((a) => [a['kind'], a['approvedBy'], (a['ref'] as { lineId?: string }).lineId])).toEqual(
      expect.arrayContaining([
        ['price-override', 'm-1', coffee?.lineId],
        ['discount-override', 'm-1', tea?.lineId],
      ]),
    );
    for (const a of audits) expect(validateDocument(a).ok).toBe(true);
    const points = (await docsOfType('ledger-entry')).filter((e) => e['ledger'] === 'loyalty');
    // 3.99 + (3.15 − 0.15) = 6.99 paid → 6 points, one per whole euro.
    expect(points.map((p) => [p['entryKind'], p['delta']])).toEqual([['earn', 6]]);
  });

  it('puts journaled sales back into a wiped database on replay, once', async () => {
    let draft = emptyDraft({ id: 'cart-4', storeId: 's001', currency: 'EUR' });
    draft = await add(draft, '4006381333931', 2);
    const totals = totalsOf(draft);
    const done = await completeSale(deps, {
      shiftId: SHIFT_ID,
      draft,
      totals,
      pricing,
      policy,
      tenders: [{ id: 't1', kind: 'cash', amount: 1000 }],
      offline: false,
    });
    await db.remove();
    db = await openDb();
    const ledger = new SyncLedger(db, clock);
    const progress: [number, number, boolean][] = [];
    expect(
      await replayJournal(host.bridge, db, ledger, {
        onProgress: (p) => progress.push([p.done, p.total, p.finished]),
      }),
    ).toEqual({ entries: 1, restored: 1, damaged: 0 });
    expect(progress.at(-1)).toEqual([1, 1, true]);
    expect((await db.store.findOne(done.orderId).exec())?.get('type')).toBe('order');
    // The host checkpointed this database: a second start has nothing to read again.
    expect(await replayJournal(host.bridge, db, ledger)).toEqual({ entries: 0, restored: 0, damaged: 0 });
  });
});
