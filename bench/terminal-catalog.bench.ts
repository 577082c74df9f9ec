// Terminal catalog in Chromium: scan-to-item p95 with a 300,000-SKU catalog in IndexedDB (RxDB + Dexie,
// the renderer's own findItem), and cold start to ready-to-scan on that filled database. The page is the
// renderer's database code bundled with esbuild and driven by Playwright in the system Chromium.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { demoBarcode } from '@store-os/shared/demo';
import type { BenchPage } from '../apps/terminal/tools/bench-page';
import { percentile, writeResult } from './result';

const PRODUCTS = Number(process.env['BENCH_PRODUCTS'] ?? 300_000);
const SEED_BUDGET_MS = 6 * 60_000;
const SCANS = 300;
const CHROMIUM = process.env['STORE_OS_CHROMIUM'] ?? '/usr/bin/chromium';

const bundle = await build({
  entryPoints: [join(import.meta.dirname, '../apps/terminal/tools/bench-page.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'chrome130',
  write: false,
  logLevel: 'warning',
});
const script = bundle.outputFiles[0]?.text ?? '';
const server = createServer((req, res) => {
  if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  else
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const profile = await mkdtemp(join(tmpdir(), 'bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
type Bench = BenchPage;
try {
  let page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in window);
  const seeded = await page.evaluate(
    ([n, budget]) => (window as unknown as { bench: Bench }).bench.seed(n, budget),
    [PRODUCTS, SEED_BUDGET_MS] as const,
  );
  const products = seeded.complete ? PRODUCTS : Math.floor(seeded.docs / 3);
  console.log(
    `seeded ${seeded.docs} catalog documents in ${(seeded.ms / 1000).toFixed(1)} s (complete: ${seeded.complete})`,
  );
  const samples = await page.evaluate(
    ([n, count]) => (window as unknown as { bench: Bench }).bench.scans(n, count),
    [products, SCANS] as const,
  );
  await page.close();

  const starts: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in window);
    starts.push(
      await page.evaluate(
        (probe) => (window as unknown as { bench: Bench }).bench.ready(probe),
        demoBarcode(7),
      ),
    );
    await page.close();
  }
  console.log(
    `scan p95 ${percentile(samples, 95).toFixed(1)} ms; cold start ${Math.round(percentile(starts, 50))} ms`,
  );
  writeResult({
    name: 'terminal-catalog',
    title: `Terminal catalog in Chromium: ${seeded.docs.toLocaleString('en')} catalog documents (${products.toLocaleString('en')} SKUs) in IndexedDB`,
    metrics: [
      {
        name: 'scan → item found p50',
        value: Number(percentile(samples, 50).toFixed(2)),
        unit: 'ms',
        better: 'lower',
      },
      {
        name: 'scan → item found p95',
        value: Number(percentile(samples, 95).toFixed(2)),
        unit: 'ms',
        budget: 30,
        better: 'lower',
      },
      {
        name: 'cold start → ready to scan (median of 3)',
        value: Math.round(percentile(starts, 50)),
        unit: 'ms',
        budget: 2000,
        better: 'lower',
      },
      {
        name: 'catalog insert into IndexedDB',
        value: Math.round(seeded.docs / (seeded.ms / 1000)),
        unit: 'docs/s',
        better: 'higher',
      },
    ],
    notes: [
      'scan → item found is findItem (barcode and product by primary key, price by primary key), without React rendering.',
      'cold start = page navigation to the first answered lookup on the filled database (bundle load, RxDB open, one scan).',
      ...(seeded.complete
        ? []
        : [
            `seeding stopped at the ${SEED_BUDGET_MS / 60_000}-minute budget: figures are for the SKUs inserted.`,
          ]),
    ],
  });
} finally {
  await context.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
