import {
  addItem,
  calculateCartTotals,
  createBridgeClient,
  createIdFactory,
  emptyCart,
  fixedClock,
  serveHostCall,
  type HostBridge,
} from '@store-os/shared';
import { validateDocument } from '@store-os/shared/schemas';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestHost } from '../../../test/test-host';
import { findItem } from '../catalog/find-item';
import { loadPricingContext } from '../catalog/pricing-context';
import { SyncLedger } from '../db/sync-ledger';
import { openTerminalDatabase, type EnvelopeDocument, type TerminalDatabase } from '../db/terminal-database';
import { replayJournal } from '../journal/replay-journal';
import { completeSale } from './complete-sale';
import { sampleCatalog } from './sale-fixtures';

const clock = fixedClock(1_764_000_000_000);
let counter = 0;
const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
const openDb = () => openTerminalDatabase({ name: `sale-test-${(counter += 1)}-${Date.now()}`, storage });

let host: Awaited<ReturnType<typeof startTestHost>>;
let bridge: HostBridge;
let db: TerminalDatabase;

beforeEach(async () => {
  host = await startTestHost();
  bridge = createBridgeClient({
    call: (method, payload) => serveHostCall(host.host.handlers, method, payload),
    subscribe: () => () => undefined,
  });
  db = await openDb();
  await db.catalog.bulkInsert(sampleCatalog('s001') as EnvelopeDocument[]);
});
afterEach(async () => {
  await db.remove();
  await host.dispose();
});

async function sellTwoCoffees(): Promise<string> {
  const pricing = await loadPricingContext(db, 's001');
  const found = await findItem(db, '4006381333931');
  if (found.kind !== 'item') throw new Error(`lookup failed: ${JSON.stringify(found)}`);
  let cart = emptyCart({ id: 'cart-1', storeId: 's001', currency: pricing.currency });
  cart = addItem(cart, { lineId: 'l1', item: found.item, quantity: 2 });
  const totals = calculateCartTotals({ cart, ...pricing, taxTable: pricing.taxTable, clock });
  expect(totals.total.amount).toBe(998);
  const newId = createIdFactory({ originId: 's001-t01', clock, random: (n) => new Uint8Array(n).fill(7) });
  const ledger = new SyncLedger(db, clock);
  const sale = await completeSale(
    { db, ledger, host: bridge, newId, now: () => new Date(clock.now()), terminalId: 's001-t01' },
    { cart, totals, pricing, cashTendered: 1000 },
  );
  expect(sale.receipt).toEqual({
    printed: false,
    reason: expect.stringContaining('No receipt printer') as unknown,
  });
  return sale.orderId;
}

describe('completeSale', () => {
  it('stores an order the server would accept, with its movement, journaled before printing', async () => {
    const orderId = await sellTwoCoffees();
    const order = (await db.store.findOne(orderId).exec())?.toJSON();
    const verdict = validateDocument(order);
    expect(verdict).toMatchObject({ ok: true, type: 'order' });
    expect(order).toMatchObject({
      totals: { total: { amount: 998 } },
      tenders: [{ type: 'cash', change: { amount: 2 } }],
    });
    const movements = await db.store.find({ selector: { type: 'movement' } }).exec();
    expect(movements.map((m) => validateDocument(m.toJSON()).ok)).toEqual([true]);
    expect(movements[0]?.get('delta')).toBe(-2);
    const journal = await bridge.invoke('journal.since', { afterSeq: 0 });
    expect(journal.entries.map((e) => e.entry.id)).toEqual([orderId]);
    expect((await new SyncLedger(db, clock).stateOf('store', orderId))?.state).toBe('pending');
  });

  it('puts journaled sales back into a wiped database on replay, once', async () => {
    const orderId = await sellTwoCoffees();
    await db.remove();
    db = await openDb();
    const ledger = new SyncLedger(db, clock);
    expect(await replayJournal(bridge, db, ledger)).toEqual({ entries: 1, restored: 1, damaged: 0 });
    expect((await db.store.findOne(orderId).exec())?.get('type')).toBe('order');
    expect(await db.store.count().exec()).toBe(2);
    expect(await replayJournal(bridge, db, ledger)).toEqual({ entries: 1, restored: 0, damaged: 0 });
  });
});
