// Order visible at HQ after a sale, online (DESIGN.md: p95 < 1 s). A sync-server child process; the real
// terminal (browser-mode host, enrolled with its own code, the built renderer in Chromium, signed in as the
// demo cashier, every collection live-syncing; the e2e fixtures) sells BENCH_HQ_SALES sales of 3 scanned
// items paid in exact cash through the sell screen; an HQ user follows the store database's changes and
// polls the sales summary the console shows. Each sale is timed from the IndexedDB commit of its order in
// the page to the first summary answer that counts it, and split at the `_bulk_docs` acknowledgement into
// the push (terminal side) and HQ's side (the figures follower). See the notes written with the result.
// BENCH_HQ_SALES=10 BENCH_WRITE=0 node --import tsx bench/hq-visibility.bench.ts   (a small run)
// Settings: BENCH_HQ_SALES (50), BENCH_HQ_SECONDS (120, the timed sales stop then), BENCH_HQ_POLL_MS (10),
// BENCH_HQ_PAUSE_MS (300); BENCH_WRITE=0 prints the result instead of writing bench/results/hq-visibility.json.
import { cpus, loadavg } from 'node:os';
import { demoBarcode, demoCatalog } from '@store-os/shared/demo';
import type { Page } from 'playwright-core';
import {
  startSyncServerProcess,
  startTerminalStack,
  STORE_ID,
  type TerminalStack,
} from '../apps/terminal/e2e/fixtures';
import type { SellPage } from '../apps/terminal/e2e/pages/sell-page';
import type { SyncServerProcess } from '../apps/terminal/test/sync-server-process';
import { buildRendererIfStale } from '../apps/terminal/tools/build-renderer';
import { startHqReader, type HqReader } from './hq-reader';
import { cpuSpent, processCpu } from './process-cpu';
import { percentile, writeResult, type BenchMetric } from './result';
import { visibilityProbeScript, type Probed } from './visibility-probe';

/** A positive integer from the environment, or a clear error naming the variable. */
function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return n;
}

const SALES = setting('BENCH_HQ_SALES', 50);
/** The timed sales stop after this many seconds even if fewer than BENCH_HQ_SALES were made. */
const SECONDS = setting('BENCH_HQ_SECONDS', 120);
/** How often HQ asks the sales summary while a sale is on its way. */
const POLL_MS = setting('BENCH_HQ_POLL_MS', 10);
/** Between sales (a cashier's next customer); the push and HQ are idle before each sale. */
const PAUSE_MS = setting('BENCH_HQ_PAUSE_MS', 300);
const WRITE = process.env['BENCH_WRITE'] !== '0';
const PRODUCTS = 200;
const ITEMS_PER_SALE = 3;
const VISIBLE_TIMEOUT_MS = 10_000;
const BUDGET_MS = 1000;
const HQ_USER = { name: 'hq-bench', password: 'hq-bench-password-1' };

/** The bench's clock: epoch milliseconds, sub-millisecond, like the page's `timeOrigin + now()`. */
const nodeNow = () => performance.timeOrigin + performance.now();
const round1 = (n: number) => Math.round(n * 10) / 10;

/** One timed sale: `arrived` and `visible` on the bench's clock, the page's three on the page's until mapped. */
interface SaleTiming {
  readonly orderId: string;
  readonly committed: number;
  readonly pushSent: number;
  readonly pushAcked: number;
  /** The order in the store database's changes feed, read as HQ. */
  readonly arrived: number;
  /** The first sales summary answer counting it; undefined when none did within VISIBLE_TIMEOUT_MS. */
  readonly visible: number | undefined;
  readonly polls: number;
}

/**
 * How far the page's clock is ahead of the bench's: the evaluation with the shortest round trip, its
 * answer taken as read half-way through (error at most half that round trip).
 */
async function pageClockOffset(page: Page): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 20; i += 1) {
    const before = nodeNow();
    const pageAt = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = nodeNow();
    if (after - before < best.rtt) best = { offset: pageAt - (before + after) / 2, rtt: after - before };
  }
  return best;
}

/** Scans `ITEMS_PER_SALE` different demo products (not the weighed ones) into an empty cart. */
async function ringUp(sell: SellPage): Promise<void> {
  const picked = new Set<number>();
  while (picked.size < ITEMS_PER_SALE) picked.add(8 + Math.floor(Math.random() * (PRODUCTS - 8)));
  let lines = 0;
  for (const index of picked) {
    await sell.scan(demoBarcode(index));
    lines += 1;
    await sell.lines.nth(lines - 1).waitFor({ timeout: 10_000 });
  }
}

/**
 * Pays the cart in exact cash (F11 on the open payment panel) and returns the order id once the host has
 * journaled the sale (after its local commit). The receipt and drawer steps go on while the next sale is
 * rung up, as at a real till (without a printer the sell screen reports them about 2 s later).
 */
async function payExactCash(
  sell: SellPage,
  terminal: TerminalStack,
  afterSeq: number,
): Promise<{ orderId: string; seq: number }> {
  await sell.page.keyboard.press('F11');
  const deadline = nodeNow() + 30_000;
  for (;;) {
    const sales = terminal.host.journal.since(afterSeq).entries.filter((r) => r.entry.kind === 'sale');
    const last = sales.at(-1);
    if (sales.length > 1) throw new Error(`expected one new sale in the journal, found ${sales.length}`);
    if (last) return { orderId: last.entry.id, seq: last.seq };
    if (nodeNow() > deadline)
      throw new Error(
        `the sale was not journaled within 30 s; the screen says: ${await sell.message.textContent()}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The page's three instants for an order, once it has all of them. */
async function pageInstants(
  page: Page,
  orderId: string,
): Promise<{ committed: number; pushSent: number; pushAcked: number }> {
  const handle = await page
    .waitForFunction(
      (id) => {
        const p = (window as unknown as Probed).visibilityProbe;
        const [committed, pushSent, pushAcked] = [p.committed[id], p.pushSent[id], p.pushAcked[id]];
        return committed !== undefined && pushSent !== undefined && pushAcked !== undefined
          ? { committed, pushSent, pushAcked }
          : undefined;
      },
      orderId,
      { timeout: VISIBLE_TIMEOUT_MS, polling: 20 },
    )
    .catch(async (error: unknown) => {
      const seen = await page.evaluate((id) => {
        const p = (window as unknown as Probed).visibilityProbe;
        return { committed: p.committed[id], pushSent: p.pushSent[id], pushAcked: p.pushAcked[id] };
      }, orderId);
      throw new Error(`the page did not see order ${orderId} committed and pushed: ${JSON.stringify(seen)}`, {
        cause: error,
      });
    });
  return (await handle.jsonValue()) as { committed: number; pushSent: number; pushAcked: number };
}

let server: SyncServerProcess | undefined;
let stack: TerminalStack | undefined;
let hq: HqReader | undefined;
let cleaning: Promise<void> | undefined;
/** Stops everything started, each step even when an earlier one failed; temp folders go with them. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of [() => hq?.stop(), () => stack?.stop(), () => server?.stop()]) {
      try {
        await step();
      } catch (error) {
        console.error(`cleaning up: ${String(error)}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`${signal}: stopping the server, the terminal and Chromium`);
    void cleanUp().finally(() => process.exit(130));
  });

const started = nodeNow();
try {
  await buildRendererIfStale();
  server = await startSyncServerProcess();
  const admin = { Authorization: server.adminAuthorization, 'Content-Type': 'application/json' };
  await server.createStore(STORE_ID);
  await server.createDatabase('catalog');
  await server.putDocuments('catalog', [
    ...demoCatalog({ products: PRODUCTS, updatedAt: '2026-11-01T06:00:00.000Z' }),
  ]);
  const created = await fetch(`${server.url}/_pos/users`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ ...HQ_USER, role: 'hq' }),
  });
  if (!created.ok) throw new Error(`creating the HQ user: HTTP ${created.status} ${await created.text()}`);
  const reader = await startHqReader({
    serverUrl: server.url,
    authorization: `Basic ${Buffer.from(`${HQ_USER.name}:${HQ_USER.password}`).toString('base64')}`,
    storeId: STORE_ID,
    now: nodeNow,
  });
  hq = reader;

  const terminal = await startTerminalStack({ server });
  stack = terminal;
  await terminal.browser.context.addInitScript({ content: visibilityProbeScript() });
  const sell = await terminal.openSellPage();
  const sync = sell.page.getByRole('status', { name: 'Catalog sync' });
  await sync.waitFor({ timeout: 5_000 }).catch(() => {
    // Already caught up (a small catalog) before the header could show it.
  });
  await sync.waitFor({ state: 'detached', timeout: 60_000 });
  await sell.connection.filter({ hasText: 'Online' }).waitFor({ timeout: 30_000 });

  // One sale not timed: the first push, the figures' first order and every lazy import happen here.
  let seq = terminal.host.journal.since(0).entries.at(-1)?.seq ?? 0;
  let counted = await reader.orders();
  const sell1 = async (): Promise<SaleTiming> => {
    await ringUp(sell);
    await sell.openPayment();
    // Started before the key that completes the sale, so HQ's first answer is from before the commit.
    const visible = reader.waitForOrders(counted + 1, POLL_MS, VISIBLE_TIMEOUT_MS);
    void visible.catch(() => undefined); // awaited below; this only keeps Node from calling it unhandled meanwhile
    const sale = await payExactCash(sell, terminal, seq);
    seq = sale.seq;
    const inPage = await pageInstants(sell.page, sale.orderId);
    const arrived = await reader.waitForArrival(sale.orderId, VISIBLE_TIMEOUT_MS);
    const shown = await visible;
    counted = shown ? counted + 1 : await reader.orders();
    // The screen has taken the sale off (an empty cart) before the next one is rung up.
    await sell.message.filter({ hasText: 'Sale complete' }).waitFor({ timeout: 30_000 });
    await sell.lines.first().waitFor({ state: 'detached', timeout: 30_000 });
    return {
      orderId: sale.orderId,
      ...inPage,
      arrived,
      visible: shown?.at,
      polls: shown?.polls ?? 0,
    };
  };
  await sell1();
  const clockBefore = await pageClockOffset(sell.page);

  const loadBefore = loadavg()[0] ?? 0;
  const cpuMarkers = { browser: terminal.browser.profileDir, server: server.dataDir };
  const cpuOf = () => {
    const own = process.cpuUsage();
    return {
      ...processCpu(cpuMarkers.browser),
      server: processCpu(cpuMarkers.server)['node'] ?? 0,
      bench: (own.user + own.system) / 1e6,
    };
  };
  const cpuBefore = cpuOf();
  const phaseStarted = nodeNow();
  const raw: SaleTiming[] = [];
  while (raw.length < SALES && nodeNow() - phaseStarted < SECONDS * 1000) {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    raw.push(await sell1());
  }
  const phaseMs = nodeNow() - phaseStarted;
  const cpu = cpuSpent(cpuBefore, cpuOf());
  const loadAfter = loadavg()[0] ?? 0;
  const clockAfter = await pageClockOffset(sell.page);
  if (sell.consoleErrors.length > 0) console.log(`console errors: ${sell.consoleErrors.join(' | ')}`);

  // Page instants onto the bench's clock with the mean of the two calibrations.
  const offset = (clockBefore.offset + clockAfter.offset) / 2;
  const sales = raw.map((s) => ({
    ...s,
    committed: s.committed - offset,
    pushSent: s.pushSent - offset,
    pushAcked: s.pushAcked - offset,
  }));
  const visible = sales.filter((s) => s.visible !== undefined);
  const misses = sales.length - visible.length;
  // A sale HQ never counted is in the percentiles at the timeout (a lower bound of its real figure).
  const total = sales.map((s) => (s.visible ?? s.committed + VISIBLE_TIMEOUT_MS) - s.committed);
  const push = sales.map((s) => s.pushAcked - s.committed);
  const pickup = sales.map((s) => s.pushSent - s.committed);
  const hqSide = visible.map((s) => (s.visible ?? 0) - s.pushAcked);
  const arrival = sales.map((s) => s.arrived - s.committed);
  const figures = visible.map((s) => (s.visible ?? 0) - s.arrived);
  const polls = visible.map((s) => s.polls);
  const p = (samples: number[], q: number) => round1(percentile(samples, q));
  for (const [i, s] of sales.entries())
    console.log(
      `sale ${i + 1} ${s.orderId}: commit → push sent ${round1(s.pushSent - s.committed)} ms, acknowledged ${round1(s.pushAcked - s.committed)} ms, in HQ's feed ${round1(s.arrived - s.committed)} ms, counted at HQ ${s.visible === undefined ? 'never' : `${round1(s.visible - s.committed)} ms`} (${s.polls} polls)`,
    );
  console.log(
    `order visible at HQ after sale: p50 ${p(total, 50)} ms, p95 ${p(total, 95)} ms, max ${round1(Math.max(...total))} ms over ${sales.length} sales (${misses} not visible within ${VISIBLE_TIMEOUT_MS} ms)\n` +
      `  push (commit → _bulk_docs acknowledged): p50 ${p(push, 50)} ms, p95 ${p(push, 95)} ms; of it commit → first push request p50 ${p(pickup, 50)} ms\n` +
      `  HQ side (acknowledged → counted in sales/summary): p50 ${p(hqSide, 50)} ms, p95 ${p(hqSide, 95)} ms\n` +
      `  commit → in HQ's _changes feed p50 ${p(arrival, 50)} ms; feed → counted p50 ${p(figures, 50)} ms; summary polls per sale p50 ${percentile(polls, 50)}\n` +
      `  page clock offset ${round1(clockBefore.offset)} → ${round1(clockAfter.offset)} ms (round trips ${round1(clockBefore.rtt)}, ${round1(clockAfter.rtt)} ms); load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}; ${round1(phaseMs / 1000)} s; CPU s ${JSON.stringify(cpu)}`,
  );
  if (sales.length < 2)
    throw new Error(`only ${sales.length} timed sale(s) in ${SECONDS} s: nothing to report`);

  const metric = (name: string, value: number, budget?: number): BenchMetric => ({
    name,
    value,
    unit: 'ms',
    ...(budget === undefined ? {} : { budget }),
    better: 'lower',
  });
  const metrics: BenchMetric[] = [
    metric('order visible at HQ after sale, p50', p(total, 50)),
    metric('order visible at HQ after sale, p95', p(total, 95), BUDGET_MS),
    metric('order visible at HQ after sale, max', round1(Math.max(...total))),
    metric('of which the push (commit → `_bulk_docs` acknowledged), p50', p(push, 50)),
    metric('of which the push (commit → `_bulk_docs` acknowledged), p95', p(push, 95)),
    metric('of which HQ (acknowledged → counted by the sales summary), p50', p(hqSide, 50)),
    metric('of which HQ (acknowledged → counted by the sales summary), p95', p(hqSide, 95)),
    metric('commit → first push request sent (RxDB picks the order up), p50', p(pickup, 50)),
    metric("order in HQ's `_changes` feed → counted by the sales summary, p50", p(figures, 50)),
    {
      name: `sales not counted at HQ within ${VISIBLE_TIMEOUT_MS / 1000} s`,
      value: misses,
      unit: 'sales',
      budget: 0,
      better: 'lower',
    },
  ];
  const result = {
    name: 'hq-visibility',
    title: `Order visible at HQ after a sale, online (${sales.length} sales at one terminal in Chromium, sync-server child process)`,
    metrics,
    notes: [
      `Sale → HQ = from the IndexedDB commit of the order in the terminal page (the \`complete\` event of the transaction that wrote it, seen by an init script that wraps IDBObjectStore put/add without changing them) to the arrival of the first \`GET /_hq/api/sales/summary?store=${STORE_ID}&groupBy=none\` answer (Basic auth as an \`hq\` user, what the console's sales page asks) whose order count includes it. HQ polls every ${POLL_MS} ms from just before the key that completes the sale, so the figure is an upper bound by up to one poll interval plus one summary request.`,
      `Split at the \`_bulk_docs\` answer the terminal received (the same init script wraps \`fetch\`): "push" = commit → that answer (RxDB's live push: POST \`_all_docs\` for the remote state, then POST \`_bulk_docs\`; the server answers once the write is fsynced); "HQ" = that answer → counted by the summary (HQ's figures follower is notified by the write, collects writes for NOTIFY_DELAY_MS (figures-follower.ts, 50 ms as written) and applies them in one SQLite transaction). HQ also follows the store database's continuous \`_changes\` feed: the order was in it ${p(arrival, 50)} ms after the commit (p50).`,
      `The real terminal: the built renderer in Debian's Chromium (headless, playwright-core) on the browser-mode host, enrolled to store ${STORE_ID} with its own one-time code, the demo cashier signed in, every collection live (catalog, store, stock-levels long-polls); each sale is ${ITEMS_PER_SALE} demo items (${PRODUCTS}-product catalog synced first) scanned into the sell screen and paid in exact cash (F12, F11). The next sale is rung up once HQ counted the last one, the screen emptied the cart and ${PAUSE_MS} ms passed, so no two orders are on their way at once (the drawer and receipt steps, which without a printer report after about 2 s, may still be running). One untimed sale first.`,
      `Page and bench clocks are both epoch-based (performance.timeOrigin + now()); the page's offset, measured before and after the sales over the shortest of 20 evaluations, was ${round1(clockBefore.offset)} and ${round1(clockAfter.offset)} ms (round trips ${round1(clockBefore.rtt)} and ${round1(clockAfter.rtt)} ms) and their mean is applied.`,
      `${sales.length} sales in ${round1(phaseMs / 1000)} s (BENCH_HQ_SALES ${SALES}, stopped at BENCH_HQ_SECONDS ${SECONDS} s at the latest); a sale not counted within ${VISIBLE_TIMEOUT_MS / 1000} s enters the percentiles at ${VISIBLE_TIMEOUT_MS / 1000} s. Load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (${cpus().length} cores); CPU seconds during the sales: ${Object.entries(
        cpu,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} (bench = this process: Playwright, the terminal host, HQ's polling).`,
    ],
  };
  // BENCH_WRITE=0 (a check run on a loaded machine) prints what would be written.
  if (WRITE) writeResult(result);
  else console.log(`not written (BENCH_WRITE=0): ${JSON.stringify(result, null, 2)}`);
} finally {
  await cleanUp();
  console.log(`hq-visibility: ${round1((nodeNow() - started) / 1000)} s in all`);
}
