// "No client sees what is not durable yet", for every kind of reader: with a commit's fsync held open,
// HQ queries, the integration API, `/_pos`, `_all_dbs` and the CouchDB reads all leave the held write
// out of their answers until the fsync returns, and then show it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { durableResponseStats } from '../http/durable-response';
import { orderDoc, productDoc } from '../testing/fixtures';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { WalSync } from './wal-sync';

/** An fsync that runs normally until `hold()`, then waits until `release()`. */
function holdableSync() {
  let holding = false;
  const held: { wal: WalSync; resolve: () => void; reject: (e: unknown) => void }[] = [];
  return {
    sync: (wal: WalSync) =>
      holding ? new Promise<void>((resolve, reject) => held.push({ wal, resolve, reject })) : wal.sync(),
    hold: () => (holding = true),
    release: () => {
      holding = false;
      for (const gate of held.splice(0)) void gate.wal.sync().then(gate.resolve, gate.reject);
    },
    /** Fails the fsyncs held so far (a disk error). */
    fail: (error: Error) => {
      holding = false;
      for (const gate of held.splice(0)) gate.reject(error);
    },
    /** Lets the fsyncs held so far finish and keeps holding the next ones. */
    pass: () => {
      for (const gate of held.splice(0)) void gate.wal.sync().then(gate.resolve, gate.reject);
    },
    held: () => held.length,
  };
}

/**
 * Waits until `committed` holds and the fsync of the commit that made it true is held. A background
 * writer (HQ's or the omni follower) may commit first and take the hold: its fsync is let through.
 */
async function heldWith(gate: ReturnType<typeof holdableSync>, committed: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !(committed() && gate.held() > 0); i++) {
    if (gate.held() > 0 && !committed()) gate.pass();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(committed() && gate.held() > 0).toBe(true);
}

/** Lets the event loop run until `check` holds (a bounded number of turns). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

/** A request whose answer is recorded when it arrives, so the test can ask whether it has yet. */
function track(response: Promise<Response>): { answered: () => boolean; text: Promise<[number, string]> } {
  let answered = false;
  const text = response.then(async (r) => {
    answered = true;
    return [r.status, await r.text()] as [number, string];
  });
  return { answered: () => answered, text };
}

const servers: TestServer[] = [];
const gates: ReturnType<typeof holdableSync>[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  // A failed test may leave an fsync held; shutdown waits for it.
  for (const gate of gates.splice(0)) gate.release();
  for (const s of servers.splice(0)) await s.close();
});

async function start() {
  const gate = holdableSync();
  gates.push(gate);
  const t = await startTestServer({ storage: { sync: gate.sync } });
  servers.push(t);
  const store = t.server.services.store;
  /** The document is committed and visible on the connection (its fsync may still be held). */
  const visible = (db: string, id: string) => {
    const info = store.info(db);
    return info !== undefined && store.getWinner(info, id) !== undefined;
  };
  return { t, gate, store, visible };
}

describe('reads while a commit is visible but not yet durable', () => {
  it('HQ, the integration API and _all_dbs hold their answers until the fsync returns', async () => {
    const { t, gate, store, visible } = await start();
    expect((await t.json('/_pos/stores', { method: 'POST', json: { id: 's1', name: 'One' } })).status).toBe(
      201,
    );

    // 1. A catalog product, read by HQ's CSV export.
    gate.hold();
    const product = track(
      t.call('/catalog/_bulk_docs', { method: 'POST', json: { docs: [productDoc('held')] } }),
    );
    await heldWith(gate, () => visible('catalog', 'product:held'));
    const heldBefore = durableResponseStats.held;
    const csv = track(t.call('/_hq/api/catalog/products.csv'));
    // The export was built (it read the product) and is held, not sent.
    await until(() => durableResponseStats.held === heldBefore + 1);
    expect(csv.answered()).toBe(false);
    expect(product.answered()).toBe(false);
    gate.release();
    expect((await product.text)[0]).toBe(201);
    const [csvStatus, csvText] = await csv.text;
    expect(csvStatus).toBe(200);
    expect(csvText).toContain('held');

    // 2. An order in a store database, read by the integration API's sales feed.
    gate.hold();
    const order = orderDoc('s1', 't1');
    const push = track(t.call('/store-s1/_bulk_docs', { method: 'POST', json: { docs: [order] } }));
    await heldWith(gate, () => visible('store-s1', String(order._id)));
    const sales = track(t.call('/_api/sales?limit=100'));
    await until(() => durableResponseStats.held === heldBefore + 2);
    expect(sales.answered()).toBe(false);
    gate.release();
    expect((await push.text)[0]).toBe(201);
    const [salesStatus, salesText] = await sales.text;
    expect(salesStatus).toBe(200);
    expect((JSON.parse(salesText) as { orders: { id: string }[] }).orders.map((o) => o.id)).toContain(
      order._id,
    );

    // 3. A new database, read by _all_dbs.
    gate.hold();
    const created = track(t.call('/held-db', { method: 'PUT' }));
    await heldWith(gate, () => store.info('held-db') !== undefined);
    const dbs = track(t.call('/_all_dbs'));
    await until(() => durableResponseStats.held === heldBefore + 3);
    expect(dbs.answered()).toBe(false);
    gate.release();
    expect((await created.text)[0]).toBe(201);
    expect(JSON.parse((await dbs.text)[1]) as string[]).toContain('held-db');
  });

  it('a /_pos answer that read a held store and the CouchDB reads of its database wait too', async () => {
    const { t, gate, store, visible } = await start();
    gate.hold();
    // The store's row is committed (visible) and its fsync held.
    const createStore = track(t.call('/_pos/stores', { method: 'POST', json: { id: 's2', name: 'Two' } }));
    await heldWith(gate, () => t.server.services.auth.hasStore('s2'));
    const hasStore = vi.spyOn(t.server.services.directory, 'hasStore');
    const manager = track(
      t.call('/_pos/users', {
        method: 'POST',
        json: { name: 'm2', role: 'manager', storeId: 's2', password: 'manager-pw-1' },
      }),
    );
    // The handler saw the store (not yet durable) and went on to write the manager.
    await until(() => hasStore.mock.results.length > 0);
    expect(await hasStore.mock.results[0]?.value).toBe(true);
    expect(manager.answered()).toBe(false);
    expect(createStore.answered()).toBe(false);
    gate.release();
    expect((await createStore.text)[0]).toBe(201);
    expect((await manager.text)[0]).toBe(201);

    // A CouchDB read waits for the fsync of its own database before it reads.
    const unsettled = vi.spyOn(store, 'unsettled');
    gate.hold();
    const product = track(
      t.call('/catalog/_bulk_docs', { method: 'POST', json: { docs: [productDoc('couch-held')] } }),
    );
    await heldWith(gate, () => visible('catalog', 'product:couch-held'));
    const doc = track(t.call('/catalog/product:couch-held'));
    const all = track(t.call('/catalog/_all_docs'));
    const waited = () =>
      unsettled.mock.calls.filter(([db], i) => db === 'catalog' && unsettled.mock.results[i]?.value).length;
    await until(() => waited() >= 2);
    expect(doc.answered()).toBe(false);
    expect(all.answered()).toBe(false);
    gate.release();
    expect((await product.text)[0]).toBe(201);
    expect((await doc.text)[0]).toBe(200);
    expect((await all.text)[1]).toContain('product:couch-held');

    // Whether a database exists is checked before any wait: a deletion still in its fsync is not told.
    expect((await t.json('/held-del', { method: 'PUT' })).status).toBe(201);
    gate.hold();
    const deleted = track(t.call('/held-del', { method: 'DELETE' }));
    await heldWith(gate, () => store.info('held-del') === undefined);
    const heldBefore = durableResponseStats.held;
    const info = track(t.call('/held-del'));
    await until(() => durableResponseStats.held === heldBefore + 1);
    expect(info.answered()).toBe(false);
    gate.release();
    expect((await deleted.text)[0]).toBe(200);
    expect((await info.text)[0]).toBe(404);
  });

  it('a held answer becomes a 503 naming the failure when its fsync fails', async () => {
    const { t, gate, visible } = await start();
    gate.hold();
    const product = track(
      t.call('/catalog/_bulk_docs', { method: 'POST', json: { docs: [productDoc('lost')] } }),
    );
    await heldWith(gate, () => visible('catalog', 'product:lost'));
    const heldBefore = durableResponseStats.held;
    const csv = track(t.call('/_hq/api/catalog/products.csv'));
    await until(() => durableResponseStats.held === heldBefore + 1);
    gate.fail(new Error('EIO: i/o error, fdatasync'));
    expect((await product.text)[0]).toBe(503);
    // The export had read the product, which may now be lost: it is never sent.
    const [status, text] = await csv.text;
    expect(status).toBe(503);
    expect(text).not.toContain('lost,');
    expect(JSON.parse(text)).toEqual({
      error: 'service_unavailable',
      reason: expect.stringContaining('EIO: i/o error, fdatasync') as unknown,
    });
  });
});
