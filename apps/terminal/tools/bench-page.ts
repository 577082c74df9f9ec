// The browser side of bench/terminal-catalog.bench.ts: the renderer's own database and lookup code,
// bundled for Chromium and driven through `window.bench` by Playwright.
import { demoBarcode, demoCatalog } from '@store-os/shared/demo';
import { findItem } from '../src/renderer/catalog/find-item';
import {
  openTerminalDatabase,
  type EnvelopeDocument,
  type TerminalDatabase,
} from '../src/renderer/db/terminal-database';

let db: TerminalDatabase | undefined;

async function open(): Promise<TerminalDatabase> {
  db ??= await openTerminalDatabase({ name: 'bench-catalog' });
  return db;
}

/** What the Node driver calls in the page. */
export interface BenchPage {
  /** Inserts the demo catalog of `products` products; stops after `budgetMs` and says how far it got. */
  seed(products: number, budgetMs: number): Promise<{ docs: number; ms: number; complete: boolean }>;
  /** Scans `count` random demo barcodes; each sample is the lookup time in ms. */
  scans(products: number, count: number): Promise<number[]>;
  /** From navigation start to the first lookup answered on an already-filled database. */
  ready(probe: string): Promise<number>;
}

const bench: BenchPage = {
  async seed(products, budgetMs) {
    const target = await open();
    const started = performance.now();
    let batch: EnvelopeDocument[] = [];
    let docs = 0;
    for (const doc of demoCatalog({ products, updatedAt: '2026-11-01T06:00:00.000Z' })) {
      batch.push(doc as EnvelopeDocument);
      if (batch.length < 5000) continue;
      await target.catalog.bulkInsert(batch);
      docs += batch.length;
      batch = [];
      if (performance.now() - started > budgetMs)
        return { docs, ms: performance.now() - started, complete: false };
    }
    if (batch.length > 0) await target.catalog.bulkInsert(batch);
    docs += batch.length;
    return { docs, ms: performance.now() - started, complete: true };
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
  async ready(probe) {
    const found = await findItem(await open(), probe);
    if (found.kind !== 'item') throw new Error(`probe ${probe} not found`);
    return performance.now();
  },
};

(window as unknown as { bench: BenchPage }).bench = bench;
