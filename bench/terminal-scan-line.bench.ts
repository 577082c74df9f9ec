// Scan → line on screen through the real sell screen: the sync-server is seeded with the demo catalog
// (300,000 SKUs by default) the way the catalog bench does it, the real terminal (browser-mode host,
// enrolled, the built renderer in Chromium, signed in as the demo cashier, via the e2e fixtures) does its
// first sync, then random barcodes are typed into the scan field and Enter pressed; each sample is timed
// inside the page from the Enter keydown to the mutation that puts the new cart line's row in the DOM.
// BENCH_PRODUCTS=2000 BENCH_WRITE=0 node --import tsx bench/terminal-scan-line.bench.ts   (a small run)
import { loadavg } from 'node:os';
import { demoBarcode, demoCatalog } from '@store-os/shared/demo';
import {
  DEMO_MANAGER,
  prepareStore,
  startSyncServerProcess,
  startTerminalStack,
} from '../apps/terminal/e2e/fixtures';
import type { SellPage } from '../apps/terminal/e2e/pages/sell-page';
import { buildRendererIfStale } from '../apps/terminal/tools/build-renderer';
import { percentile, writeResult } from './result';

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 300_000);
const WRITE = process.env['BENCH_WRITE'] !== '0';
const SCANS = Number(process.env['BENCH_SCANS'] ?? 100);
/** Lines per sale before it is voided, so the cart stays the size of a real one. */
const LINES_PER_SALE = 20;
const SYNC_TIMEOUT_MS = 15 * 60_000;

interface ScanProbe {
  arm(lines: number): void;
  sample: number | undefined;
}
type Probed = { scanProbe: ScanProbe };

/** Installs the in-page timer: Enter keydown (capture) → the mutation after which there are `lines` rows. */
function installProbe(): void {
  const probe: ScanProbe & { started?: number; wanted: number } = {
    sample: undefined,
    wanted: Number.POSITIVE_INFINITY,
    arm(lines) {
      probe.sample = undefined;
      probe.started = undefined;
      probe.wanted = lines;
    },
  };
  document.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Enter' && probe.started === undefined && probe.wanted !== Number.POSITIVE_INFINITY)
        probe.started = performance.now();
    },
    { capture: true },
  );
  new MutationObserver(() => {
    if (probe.started === undefined || probe.sample !== undefined) return;
    if (document.querySelectorAll('[data-testid="cart-line"]').length >= probe.wanted) {
      probe.sample = performance.now() - probe.started;
      probe.wanted = Number.POSITIVE_INFINITY;
    }
  }).observe(document.body, { childList: true, subtree: true });
  (window as unknown as Probed).scanProbe = probe;
}

/** Voids the sale as a cashier does (Alt+X, reason), approving as the manager if the till asks. */
async function voidSale(sell: SellPage): Promise<void> {
  await sell.press('Alt+x');
  await sell.choose('Scanned in error');
  const approval = sell.page.getByRole('dialog', { name: 'Manager approval' });
  if (await approval.isVisible()) await sell.approveAs(DEMO_MANAGER.name, DEMO_MANAGER.pin);
  await sell.lines.first().waitFor({ state: 'detached' });
}

await buildRendererIfStale();
const server = await startSyncServerProcess();
let stack: Awaited<ReturnType<typeof startTerminalStack>> | undefined;
try {
  await prepareStore(server);
  await server.createDatabase('catalog');
  const seedStarted = performance.now();
  let batch: Record<string, unknown>[] = [];
  let docs = 0;
  for (const doc of demoCatalog({ products: PRODUCTS, updatedAt: '2026-11-01T06:00:00.000Z' })) {
    batch.push(doc);
    docs += 1;
    if (batch.length < 5000) continue;
    await server.putDocuments('catalog', batch);
    batch = [];
  }
  if (batch.length > 0) await server.putDocuments('catalog', batch);
  console.log(
    `sync-server seeded: ${docs} documents in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );

  stack = await startTerminalStack({ server });
  const syncStarted = performance.now();
  const sell = await stack.openSellPage();
  const progress = sell.page.getByRole('status', { name: 'Catalog sync' });
  await progress.waitFor({ timeout: 10_000 }).catch(() => {
    // Already caught up (a small catalog) before the header could show it.
  });
  await progress.waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
  console.log(`first sync (login to caught up): ${((performance.now() - syncStarted) / 1000).toFixed(1)} s`);
  await sell.page.evaluate(installProbe);

  const loadBefore = loadavg()[0] ?? 0;
  const picked = new Set<number>();
  while (picked.size < Math.min(SCANS, PRODUCTS)) picked.add(Math.floor(Math.random() * PRODUCTS));
  const samples: number[] = [];
  let lines = 0;
  for (const index of picked) {
    if (lines === LINES_PER_SALE) {
      await voidSale(sell);
      lines = 0;
    }
    await sell.page.evaluate((n) => (window as unknown as Probed).scanProbe.arm(n), lines + 1);
    await sell.scan(demoBarcode(index));
    const handle = await sell.page
      .waitForFunction(() => (window as unknown as Probed).scanProbe.sample, undefined, { timeout: 10_000 })
      .catch(async (error: unknown) => {
        throw new Error(`${demoBarcode(index)} never became a line: ${await sell.message.textContent()}`, {
          cause: error,
        });
      });
    samples.push(Number(await handle.jsonValue()));
    lines += 1;
  }
  if (sell.consoleErrors.length > 0) console.log(`console errors: ${sell.consoleErrors.join(' | ')}`);
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  console.log(
    `scan → line on screen: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms over ${samples.length} scans; load ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
  if (WRITE)
    writeResult({
      name: 'terminal-scan-line',
      title: `Terminal sell screen in Chromium: scan → line on screen, ${PRODUCTS.toLocaleString('en')}-SKU catalog (${docs.toLocaleString('en')} documents) synced from the sync-server`,
      metrics: [
        { name: 'scan → line on screen p50', value: Number(p50.toFixed(2)), unit: 'ms', better: 'lower' },
        {
          name: 'scan → line on screen p95',
          value: Number(p95.toFixed(2)),
          unit: 'ms',
          budget: 30,
          better: 'lower',
        },
      ],
      notes: [
        `scan → line on screen = the real sell screen (built renderer, browser-mode host, enrolled, demo cashier signed in) after its first sync of the catalog: ${samples.length} random barcodes typed into the scan field, each timed in the page with performance.now() from the Enter keydown (capture listener) to the MutationObserver callback that first sees the new cart-line row in the DOM (lookup, pricing, React render and commit; not the paint).`,
        `the sale is voided every ${LINES_PER_SALE} lines (not timed), so the cart holds 0–${LINES_PER_SALE - 1} lines before each scan.`,
      ],
    });
} finally {
  await stack?.stop();
  await server.stop();
}
