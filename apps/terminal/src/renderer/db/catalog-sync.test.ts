import { fixedClock } from '@store-os/shared';
import { demoBarcode, demoCatalog, demoSku } from '@store-os/shared/demo';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSyncServerProcess,
  syncServerUnavailable,
  type SyncServerProcess,
} from '../../../test/sync-server-process';
import { findItem } from '../catalog/find-item';
import { searchCatalog } from '../catalog/search-catalog';
import type { CatalogSyncProgress } from './catalog-sync';
import { replicateTerminal } from './replicate-terminal';
import { SyncLedger } from './sync-ledger';
import { catalogStoreOf, openTerminalDatabase, type TerminalDatabase } from './terminal-database';

const unavailable = syncServerUnavailable();
if (unavailable) console.log(`catalog-sync.test: skipped, ${unavailable}`);

const PRODUCTS = 400;
const BATCH = 150;
const updatedAt = '2026-11-01T06:00:00.000Z';
let dbCounter = 0;

describe.skipIf(unavailable !== undefined)('the catalog pull against the real sync-server', () => {
  let server: SyncServerProcess;
  let serverDocs: number;
  const changesRequests: string[] = [];

  const open = (name: string) =>
    openTerminalDatabase({
      name,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      indexedDB: { factory: indexedDB, keyRange: IDBKeyRange },
    });
  const replicate = (db: TerminalDatabase) =>
    replicateTerminal(db, {
      serverUrl: server.url,
      storeId: 's001',
      authorization: server.adminAuthorization,
      ledger: new SyncLedger(db, fixedClock(1)),
      clock: fixedClock(1),
      catalog: { batchSize: BATCH },
      fetch: (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (url.includes('/catalog/_changes')) changesRequests.push(url);
        return fetch(input, init);
      },
    });

  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createDatabase('store-s001');
    await server.createDatabase('catalog');
    const docs = [...demoCatalog({ products: PRODUCTS, updatedAt })].map((d) => ({ ...d, _id: d.id }));
    serverDocs = docs.length;
    for (let i = 0; i < docs.length; i += 500) await server.putDocuments('catalog', docs.slice(i, i + 500));
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('pulls the whole catalog in batches with progress, splits it between the store and RxDB, and follows updates and deletions live', async () => {
    const db = await open(`catalog-sync-${(dbCounter += 1)}-${Date.now()}`);
    const replication = replicate(db);
    const seen: CatalogSyncProgress[] = [];
    const sub = replication.catalogSync?.progress$.subscribe((p) => seen.push(p));
    try {
      await replication.awaitInitialReplication();
      const store = catalogStoreOf(db);
      expect(store).toBeDefined();
      // 3 documents per product in the store; stores, tax, price list and promotions in RxDB.
      expect(await store?.count()).toBe(PRODUCTS * 3);
      // A first sync writes pages of 24 documents: one IndexedDB put for eight SKUs.
      expect(await store?.records()).toBeLessThanOrEqual(
        Math.ceil((PRODUCTS * 3) / 24) + Math.ceil(serverDocs / BATCH),
      );
      const small = await db.catalog.find().exec();
      expect(small.length).toBe(serverDocs - PRODUCTS * 3);
      expect(small.map((d) => d.get('type') as string)).toContain('promotion');
      expect(changesRequests.filter((u) => !u.includes('feed=longpoll')).length).toBe(
        Math.ceil(serverDocs / BATCH),
      );

      const catchingUp = seen.filter((p) => p.phase === 'catching-up');
      expect(catchingUp.at(-1)).toMatchObject({ docsDone: serverDocs, docsTotal: serverDocs, etaMs: 0 });
      // Progress rises batch by batch towards the server's count, with a rate and time left.
      expect(catchingUp.some((p) => p.docsDone > 0 && p.docsDone < serverDocs)).toBe(true);
      expect(catchingUp.every((p, i) => i === 0 || p.docsDone >= (catchingUp[i - 1]?.docsDone ?? 0))).toBe(
        true,
      );
      expect(catchingUp.at(-1)?.docsPerSecond).toBeGreaterThan(0);
      await expect.poll(() => replication.catalogSync?.progress.phase).toBe('live');
      expect(replication.catalogSync?.progress.firstSyncComplete).toBe(true);
      // Search is indexed right after the catch-up.
      await expect.poll(() => replication.catalogSync?.progress.searchReady).toBe(true);
      expect(seen.find((p) => p.searchReady)?.phase).toBe('live');
      expect(await searchCatalog(db, demoSku(123))).toEqual([expect.objectContaining({ sku: demoSku(123) })]);

      expect(await findItem(db, demoBarcode(42))).toMatchObject({
        kind: 'item',
        item: { sku: demoSku(42) },
      });

      // HQ changes a price, deletes a product's barcode and a promotion: the live pull brings all three.
      const price = await server.getDocument('catalog', `price:base:${demoSku(42)}`);
      const barcode = await server.getDocument('catalog', `barcode:${demoBarcode(43)}`);
      const promo = await server.getDocument('catalog', 'promotion:coffee-10');
      await server.putDocuments('catalog', [
        { ...price, unitPrice: { amount: 12345, currency: 'EUR' } },
        { _id: barcode?.['_id'], _rev: barcode?.['_rev'], _deleted: true },
        { _id: promo?.['_id'], _rev: promo?.['_rev'], _deleted: true },
      ]);
      await expect
        .poll(
          async () => {
            const found = await findItem(db, demoBarcode(42));
            return found.kind === 'item' ? found.item.unitPrice : undefined;
          },
          { timeout: 15_000 },
        )
        .toBe(12345);
      await expect.poll(() => store?.get(`barcode:${demoBarcode(43)}`), { timeout: 15_000 }).toBeUndefined();
      await expect
        .poll(async () => (await db.catalog.findOne('promotion:coffee-10').exec()) === null, {
          timeout: 15_000,
        })
        .toBe(true);
      expect(replication.catalogSync?.progress.docsDone).toBe(serverDocs + 3);
    } finally {
      sub?.unsubscribe();
      await replication.stop();
      await db.remove();
    }
  }, 60_000);

  it('reports a batch as soon as it is written and finds its SKUs then, while the next request is held', async () => {
    const db = await open(`catalog-held-${(dbCounter += 1)}-${Date.now()}`);
    let catchUpRequests = 0;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const replication = replicateTerminal(db, {
      serverUrl: server.url,
      storeId: 's001',
      authorization: server.adminAuthorization,
      ledger: new SyncLedger(db, fixedClock(1)),
      clock: fixedClock(1),
      catalog: { batchSize: BATCH },
      fetch: async (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (url.includes('/catalog/_changes') && !url.includes('feed=longpoll')) {
          catchUpRequests += 1;
          if (catchUpRequests === 2) await released;
        }
        return fetch(input, init);
      },
    });
    try {
      const sync = replication.catalogSync;
      // The second request is held: the first batch is reported once written, with a rate and time left.
      await expect.poll(() => sync?.progress.docsDone, { timeout: 15_000 }).toBe(BATCH);
      expect(catchUpRequests).toBe(2);
      expect(sync?.progress).toMatchObject({
        phase: 'catching-up',
        docsTotal: serverDocs,
        searchReady: false,
      });
      expect(sync?.progress.etaMs).toBeGreaterThan(0);
      // A first-batch product's typed SKU is found (name search waits for the indexing after the catch-up).
      expect(await findItem(db, demoSku(10))).toMatchObject({ kind: 'item', item: { sku: demoSku(10) } });
      release();
      await replication.awaitInitialReplication();
      await expect.poll(() => sync?.progress.searchReady, { timeout: 15_000 }).toBe(true);
    } finally {
      release();
      await replication.stop();
      await db.remove();
    }
  }, 60_000);

  it('resumes from its checkpoint after a restart: only what changed meanwhile is pulled', async () => {
    const name = `catalog-resume-${(dbCounter += 1)}-${Date.now()}`;
    let db = await open(name);
    let replication = replicate(db);
    await replication.awaitInitialReplication();
    await replication.stop();
    await db.close();

    const price = await server.getDocument('catalog', `price:base:${demoSku(7)}`);
    await server.putDocuments('catalog', [{ ...price, unitPrice: { amount: 777, currency: 'EUR' } }]);
    changesRequests.length = 0;
    db = await open(name);
    replication = replicate(db);
    try {
      await replication.awaitInitialReplication();
      const normal = changesRequests.filter((u) => !u.includes('feed=longpoll'));
      expect(normal).toHaveLength(1);
      expect(normal[0]).not.toContain('since=0&');
      expect(await catalogStoreOf(db)?.get(`price:base:${demoSku(7)}`)).toMatchObject({
        unitPrice: { amount: 777 },
      });
      expect(replication.catalogSync?.progress).toMatchObject({ firstSyncComplete: true, searchReady: true });
    } finally {
      await replication.stop();
      await db.remove();
    }
  }, 60_000);
});

describe('the catalog pull with the server unreachable', () => {
  it('reports offline with the reason and backs off its retries, keeping what is local', async () => {
    const db = await openTerminalDatabase({
      name: `catalog-offline-${Date.now()}`,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      indexedDB: { factory: indexedDB, keyRange: IDBKeyRange },
    });
    const replication = replicateTerminal(db, {
      serverUrl: 'http://127.0.0.1:9',
      storeId: 's001',
      authorization: null,
      ledger: new SyncLedger(db, fixedClock(1)),
      clock: fixedClock(1),
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    try {
      const sync = replication.catalogSync;
      await expect.poll(() => sync?.progress.phase, { timeout: 10_000 }).toBe('offline');
      expect(sync?.progress).toMatchObject({ error: 'fetch failed', firstSyncComplete: false, docsDone: 0 });
      await expect.poll(() => sync?.retryTime, { timeout: 10_000 }).toBeGreaterThan(1000);
      expect(replication.connectivity.state).toMatchObject({ online: false, reason: 'fetch failed' });
    } finally {
      await replication.stop();
      expect(replication.catalogSync?.progress.phase).toBe('stopped');
      await db.remove();
    }
  }, 30_000);
});
