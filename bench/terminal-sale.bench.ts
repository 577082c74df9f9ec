// Complete a sale in Chromium: completeSale (order + stock movements into RxDB, then the host's journal
// append with fsync) through the browser-mode host's WebSocket, exactly as the terminal does in browser
// mode. Each sale has 3 items scanned from the local catalog and is paid in cash.
// BENCH_SALES=50 BENCH_WRITE=0 node --import tsx bench/terminal-sale.bench.ts   (a small run)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startBrowserHost } from '../apps/terminal/src/browser-host/browser-host';
import { noDevices } from '../apps/terminal/src/host/no-devices';
import { startTerminalHost } from '../apps/terminal/src/host/terminal-host';
import { percentile, writeResult } from './result';
import { bundleTerminalPage } from './terminal-bundle';
import type { BenchPage } from './terminal-page';

const SALES = Number(process.env['BENCH_SALES'] ?? 300);
/** The catalog the sales scan from; its size does not reach the sale's writes (they go to `store`). */
const PRODUCTS = Number(process.env['BENCH_SALE_PRODUCTS'] ?? 5000);
const WRITE = process.env['BENCH_WRITE'] !== '0';
const CHROMIUM = process.env['STORE_OS_CHROMIUM'] ?? '/usr/bin/chromium';
type Bench = { bench: BenchPage };

const work = await mkdtemp(join(tmpdir(), 'bench-sale-'));
const pageDir = join(work, 'page');
const dataDir = join(work, 'data');
await mkdir(pageDir, { recursive: true });
await writeFile(join(pageDir, 'bench.js'), await bundleTerminalPage());
await writeFile(
  join(pageDir, 'index.html'),
  '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/bench.js"></script>',
);
const host = await startTerminalHost(
  {
    version: '0.0.0-bench',
    mode: 'browser',
    dataDir,
    syncServerUrl: null,
    standalone: { terminalId: 's001-tbench', storeId: 's001' },
  },
  noDevices(),
  { now: () => Date.now() },
);
const browserHost = await startBrowserHost({ host, rendererDir: pageDir, port: 0 });
const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await context.newPage();
  await page.goto(browserHost.url);
  await page.waitForFunction(() => 'bench' in window);
  await page.evaluate((n) => (window as unknown as Bench).bench.seedLocal(n), PRODUCTS);
  const loadBefore = loadavg()[0] ?? 0;
  const samples = await page.evaluate(([count, n]) => (window as unknown as Bench).bench.sales(count, n), [
    SALES,
    PRODUCTS,
  ] as const);
  const journaled = await host.handlers['journal.since']({ afterSeq: 0 });
  if (journaled.entries.length !== SALES)
    throw new Error(`the journal holds ${journaled.entries.length} sales, ${SALES} were completed`);
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  console.log(
    `complete sale: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${SALES} sales; load ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
  if (WRITE)
    writeResult({
      name: 'terminal-sale',
      title: `Terminal: complete a sale in Chromium (${SALES} sales of 3 items, browser-mode host)`,
      metrics: [
        { name: 'complete sale p50', value: Number(p50.toFixed(2)), unit: 'ms', better: 'lower' },
        { name: 'complete sale p95', value: Number(p95.toFixed(2)), unit: 'ms', budget: 50, better: 'lower' },
      ],
      notes: [
        'complete sale = completeSale(): order and one stock movement per line into RxDB (marked pending), then journal.append over the browser host WebSocket, resolved after the host fsyncs the journal file.',
        `the sales scan 3 random items each from a ${PRODUCTS.toLocaleString('en')}-SKU local catalog (not timed); printing is not part of the figure.`,
      ],
    });
} finally {
  await context.close();
  await browserHost.close();
  await host.close();
  await rm(work, { recursive: true, force: true });
}
