// The browser side of bench/terminal-catalog.bench.ts and bench/terminal-sale.bench.ts: the renderer's
// own database, catalog pull, lookup and sale code, bundled for Chromium and driven through `window.bench`.
import { calculateCartTotals, createIdFactory, type HostBridge } from '@store-os/shared';
import { demoBarcode, demoCatalog, DEMO_STORE_ID } from '@store-os/shared/demo';
import { connectWebSocketBridge } from '../apps/terminal/src/renderer/bridge/websocket-bridge';
import { findItem } from '../apps/terminal/src/renderer/catalog/find-item';
import { loadPricingContext } from '../apps/terminal/src/renderer/catalog/pricing-context';
import { searchCatalog } from '../apps/terminal/src/renderer/catalog/search-catalog';
import { isBulkCatalogId } from '../apps/terminal/src/renderer/db/bulk-catalog-ids';
import type { CatalogDocument } from '../apps/terminal/src/renderer/db/catalog-batch';
import type { CatalogSyncProgress } from '../apps/terminal/src/renderer/db/catalog-sync';
import { replicateTerminal } from '../apps/terminal/src/renderer/db/replicate-terminal';
import { SyncLedger } from '../apps/terminal/src/renderer/db/sync-ledger';
import {
  catalogStoreOf,
  openTerminalDatabase,
  type TerminalDatabase,
} from '../apps/terminal/src/renderer/db/terminal-database';
import { completeSale } from '../apps/terminal/src/renderer/sale/complete-sale';
import { addToDraft, emptyDraft } from '../apps/terminal/src/renderer/sale/sale-operations';
import { storePolicy } from '../apps/terminal/src/renderer/sale/store-policy';

const clock = { now: () => Date.now() };
let db: TerminalDatabase | undefined;

async function open(): Promise<TerminalDatabase> {
  db ??= await openTerminalDatabase({ name: 'bench-terminal' });
  return db;
}

/** What a first sync measured. */
export interface SyncOutcome {
  readonly ms: number;
  readonly docs: number;
  /** Time spent inside the catalog store's batch writes (IndexedDB transactions), of `ms`. */
  readonly writeMs: number;
  /** From the start to search covering the whole catalog (indexed right after the catch-up). */
  readonly searchReadyMs: number;
  /** IndexedDB records the documents ended up in (pages of 24 after a first sync). */
  readonly records: number;
  /** Progress as the UI would have seen it: one sample per emission. */
  readonly progress: readonly (CatalogSyncProgress & { readonly atMs: number })[];
}

/** What the Node drivers call in the page. */
export interface BenchPage {
  /** The terminal's first sync of the catalog from the sync-server (its real replication code). */
  firstSync(serverUrl: string, authorization: string): Promise<SyncOutcome>;
  /** Inserts the demo catalog of `products` products straight into the local stores (no server). */
  seedLocal(products: number): Promise<number>;
  /** Scans `count` random demo barcodes; each sample is findItem's time in ms. */
  scans(products: number, count: number): Promise<number[]>;
  /** Searches `count` name/SKU prefixes; each sample is searchCatalog's time in ms (top 20). */
  searches(count: number): Promise<number[]>;
  /** What `searches` types, in turn. */
  readonly searchQueries: readonly string[];
  /** From navigation start to the first lookup answered on an already-filled database. */
  ready(probe: string): Promise<number>;
  /** Completes `count` sales of 3 scanned items paid in cash through the host (journal fsync included). */
  sales(count: number, products: number): Promise<number[]>;
}

const bench: BenchPage = {
  async firstSync(serverUrl, authorization) {
    const target = await open();
    const store = catalogStoreOf(target);
    if (!store) throw new Error('this page has no catalog store (no IndexedDB?)');
    let writeMs = 0;
    const apply = store.apply.bind(store);
    store.apply = async (...args) => {
      const t = performance.now();
      await apply(...args);
      writeMs += performance.now() - t;
    };
    const started = performance.now();
    const replication = replicateTerminal(target, {
      serverUrl,
      storeId: DEMO_STORE_ID,
      authorization,
      ledger: new SyncLedger(target, clock),
      clock,
    });
    const sync = replication.catalogSync;
    if (!sync) throw new Error('this page has no catalog store (no IndexedDB?)');
    const progress: (CatalogSyncProgress & { atMs: number })[] = [];
    const sub = sync.progress$.subscribe((p) => progress.push({ ...p, atMs: performance.now() - started }));
    try {
      await sync.awaitInitialSync();
      const ms = performance.now() - started;
      await new Promise<void>((resolve) => {
        const ready = sync.progress$.subscribe((p) => {
          if (!p.searchReady) return;
          resolve();
          queueMicrotask(() => ready.unsubscribe());
        });
      });
      const searchReadyMs = performance.now() - started;
      const records = await store.records();
      return { ms, docs: sync.progress.docsDone, writeMs, searchReadyMs, records, progress };
    } finally {
      sub.unsubscribe();
      await replication.stop();
    }
  },
  async seedLocal(products) {
    const target = await open();
    const store = catalogStoreOf(target);
    if (!store) throw new Error('this page has no catalog store (no IndexedDB?)');
    let batch: CatalogDocument[] = [];
    let docs = 0;
    const flush = async () => {
      docs += batch.length;
      await store.apply({
        put: batch,
        remove: [],
        checkpoint: { since: docs, docsApplied: docs, firstSyncComplete: true },
      });
      batch = [];
    };
    for (const doc of demoCatalog({ products, updatedAt: '2026-11-01T06:00:00.000Z' })) {
      if (!isBulkCatalogId(String(doc.id))) {
        await target.catalog.upsert(doc);
        continue;
      }
      batch.push(doc as CatalogDocument);
      if (batch.length >= 5000) await flush();
    }
    await flush();
    return docs;
  },
  async scans(products, count) {
    const target = await open();
    const samples: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const index = Math.floor(Math.random() * products);
      const started = performance.now();
      const found = await findItem(target, demoBarcode(index));
      samples.push(performance.now() - started);
      if (found.kind !== 'item') throw new Error(`barcode ${demoBarcode(index)}: ${JSON.stringify(found)}`);
    }
    return samples;
  },
  async searches(count) {
    const target = await open();
    const queries = bench.searchQueries;
    const samples: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const query = queries[i % queries.length] ?? 'cof';
      const started = performance.now();
      const found = await searchCatalog(target, query, { limit: 20 });
      samples.push(performance.now() - started);
      if (found.length === 0) throw new Error(`search "${query}" found nothing`);
    }
    return samples;
  },
  searchQueries: ['cof', 'organic cof', 'sku-0012', 'pre', 'alpine sock', 'crois', 'tea', 'nordic c'],
  async ready(probe) {
    const found = await findItem(await open(), probe);
    if (found.kind !== 'item') throw new Error(`probe ${probe} not found`);
    return performance.now();
  },
  async sales(count, products) {
    const target = await open();
    const host: HostBridge = await connectWebSocketBridge(window.location);
    const info = await host.invoke('app.info', {});
    const pricing = await loadPricingContext(target, DEMO_STORE_ID);
    const policy = storePolicy('EUR');
    const deps = {
      db: target,
      ledger: new SyncLedger(target, clock),
      host,
      newId: createIdFactory({
        originId: info.terminalId,
        clock,
        random: (n) => crypto.getRandomValues(new Uint8Array(n)),
      }),
      now: () => new Date(),
      terminalId: info.terminalId,
    };
    let line = 0;
    const samples: number[] = [];
    // The till's open shift (completeSale refuses a sale without one); not part of the timed figure.
    const shiftId = deps.newId();
    for (let i = 0; i < count; i += 1) {
      let draft = emptyDraft({ id: `cart-${i}`, storeId: DEMO_STORE_ID, currency: 'EUR' });
      for (let k = 0; k < 3; k += 1) {
        const code = demoBarcode(8 + Math.floor(Math.random() * (products - 8)));
        const found = await findItem(target, code);
        if (found.kind !== 'item') throw new Error(`barcode ${code}: ${JSON.stringify(found)}`);
        draft = addToDraft(draft, { item: found.item, newLineId: () => `l${(line += 1)}`, quantity: 1 });
      }
      const totals = calculateCartTotals({ cart: draft.cart, ...pricing, clock });
      const started = performance.now();
      await completeSale(deps, {
        draft,
        totals,
        pricing,
        policy,
        tenders: [{ id: `t${i}`, kind: 'cash', amount: totals.total.amount }],
        shiftId,
        offline: true,
      });
      samples.push(performance.now() - started);
    }
    return samples;
  },
};

(window as unknown as { bench: BenchPage }).bench = bench;
