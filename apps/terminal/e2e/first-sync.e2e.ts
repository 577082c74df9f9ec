// The first catalog sync as a cashier meets it (issue 5): the real sync-server holds a demo catalog of
// several `_changes` batches (5,000 documents each); the test holds the pull part-way, checks the header's
// "N of M documents, about T s left; name search is being prepared" and that what is already local sells
// by barcode and typed SKU, then lets the pull finish and checks that the last batch sells and that name
// search covers the whole catalog.
import { demoBarcode, demoCatalog, demoSku } from '@store-os/shared/demo';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncServerUnavailable, type SyncServerProcess } from '../test/sync-server-process';
import { chromiumUnavailable } from './chromium';
import { prepareStore, startSyncServerProcess, startTerminalStack } from './fixtures';

const unavailable = chromiumUnavailable() ?? syncServerUnavailable();
if (unavailable) console.log(`first-sync.e2e: skipped, ${unavailable}`);

/** 6,000 SKUs are 18,012 documents: four `_changes` batches of at most 5,000. */
const PRODUCTS = 6000;
const BATCH = 5000;
/** In the first batch (12 reference documents, then three per SKU: products 0 … 1,662). */
const EARLY_SCAN = 1000;
/** Also in the first batch; a four-digit number no other demo name starts with. */
const EARLY_NAME = 1234;
/** Also in the first batch, typed by its SKU. */
const EARLY_SKU = 500;
/** In the last batch. */
const LATE_SCAN = PRODUCTS - 1;
/**
 * The catch-up request held until the test releases it: the second, so only the first batch is local.
 * The pull reports a batch as soon as its write commits, so the header shows it with a rate and time
 * left while the next request is still in flight.
 */
const HELD_REQUEST = 2;

interface Seeded {
  readonly docs: number;
  readonly names: ReadonlyMap<number, string>;
}

/** Publishes the demo catalog to the server's `catalog` database, 5,000 documents per request. */
async function seedDemoCatalog(server: SyncServerProcess, wanted: readonly number[]): Promise<Seeded> {
  await server.createDatabase('catalog');
  const names = new Map<number, string>();
  let batch: Record<string, unknown>[] = [];
  let docs = 0;
  for (const doc of demoCatalog({ products: PRODUCTS, updatedAt: '2026-11-01T06:00:00.000Z' })) {
    if (doc['type'] === 'product') {
      const index = Number(String(doc['productId']).slice(1));
      if (wanted.includes(index)) names.set(index, String(doc['name']));
    }
    batch.push(doc);
    docs += 1;
    if (batch.length === BATCH) {
      await server.putDocuments('catalog', batch);
      batch = [];
    }
  }
  if (batch.length > 0) await server.putDocuments('catalog', batch);
  return { docs, names };
}

function nameOf(seeded: Seeded, index: number): string {
  const name = seeded.names.get(index);
  if (name === undefined) throw new Error(`the demo catalog has no product ${index}`);
  return name;
}

describe.skipIf(unavailable !== undefined)('the first catalog sync', () => {
  let server: SyncServerProcess;
  let seeded: Seeded;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    await prepareStore(server);
    seeded = await seedDemoCatalog(server, [EARLY_SCAN, EARLY_NAME, EARLY_SKU, LATE_SCAN]);
  }, 60_000);
  afterAll(() => server?.stop());

  it('shows documents done of total, time left and that name search is being prepared, sells what is local by barcode and SKU, and finishes when the pull resumes', async () => {
    expect(seeded.docs).toBe(18_012);
    expect(Math.ceil(seeded.docs / BATCH)).toBeGreaterThan(HELD_REQUEST);
    const stack = await startTerminalStack({ server });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const catchUpRequests: string[] = [];
    let heldArrived: () => void = () => {};
    const heldHasArrived = new Promise<void>((resolve) => {
      heldArrived = resolve;
    });
    try {
      await stack.browser.context.route(
        (url) => url.pathname.endsWith('/catalog/_changes'),
        async (route: Route) => {
          const url = new URL(route.request().url());
          if (url.searchParams.get('feed') !== 'longpoll') {
            catchUpRequests.push(url.searchParams.get('since') ?? '');
            if (catchUpRequests.length === HELD_REQUEST) {
              heldArrived();
              await released;
            }
          }
          await route.continue().catch(() => {
            // The page closed while the request was held (the test failed early): nothing to send.
          });
        },
      );
      const sell = await stack.openSellPage();
      const progress = sell.page.getByRole('status', { name: 'Catalog sync' });
      await heldHasArrived;

      // Held after one batch: it is reported once written, the header says how far and how long, and
      // that name search is still being prepared.
      await expect
        .poll(() => progress.textContent(), { timeout: 20_000 })
        .toMatch(
          /^Catalog: 5,000 of 18,012 documents, about \d+ s left; name search is being prepared \(barcodes and SKUs work now\)$/,
        );

      // What is local sells: a product of the first batch, scanned by its barcode, becomes a line.
      await sell.scan(demoBarcode(EARLY_SCAN));
      await expect.poll(() => sell.lines.count()).toBe(1);
      await expect.poll(() => sell.message.textContent()).toBe(`Added ${nameOf(seeded, EARLY_SCAN)}`);

      // A product of the first batch, typed by its SKU, becomes a line too (SKUs are indexed with the
      // batch's pages).
      await sell.scan(demoSku(EARLY_SKU));
      await expect.poll(() => sell.lines.count()).toBe(2);
      await expect.poll(() => sell.message.textContent()).toBe(`Added ${nameOf(seeded, EARLY_SKU)}`);

      // Name search is not ready during the first sync: the first batch's name words are indexed only
      // after the catch-up, so a local product's exact name finds nothing yet (as the header says).
      const earlyName = nameOf(seeded, EARLY_NAME);
      await sell.scan(earlyName);
      await expect
        .poll(() => sell.message.textContent())
        .toBe(`Nothing in the catalog matches "${earlyName}".`);
      expect(await sell.lines.count()).toBe(2);
      // A product of the last batch is not local yet.
      await sell.scan(demoBarcode(LATE_SCAN));
      await expect
        .poll(() => sell.message.textContent())
        .toBe(`Nothing in the catalog matches "${demoBarcode(LATE_SCAN)}".`);
      expect(catchUpRequests).toHaveLength(HELD_REQUEST);

      release();
      // Caught up, pages indexed for search: the header has nothing more to say.
      await progress.waitFor({ state: 'detached', timeout: 45_000 });
      expect(catchUpRequests).toHaveLength(Math.ceil(seeded.docs / BATCH));

      await sell.scan(demoBarcode(LATE_SCAN));
      await expect.poll(() => sell.lines.count()).toBe(3);
      await expect.poll(() => sell.message.textContent()).toBe(`Added ${nameOf(seeded, LATE_SCAN)}`);
      // The same name search now finds the product (the only match, so it is added at once).
      await sell.scan(earlyName);
      await expect.poll(() => sell.lines.count()).toBe(4);
      await expect.poll(() => sell.message.textContent()).toBe(`Added ${earlyName}`);
      expect(sell.consoleErrors).toEqual([]);
    } finally {
      release();
      await stack.stop();
    }
  }, 90_000);
});
