// HQ dashboards over one year of sales for 50 stores (about 5 million order lines, BENCH_HQ_LINES):
// 1. generate the year straight into the embedded store (bench/hq-generate.ts);
// 2. roll the movements up into `stock-levels` (the server's stock roll-up, as a first start would), then
//    build HQ's aggregates with the incremental follower from an empty checkpoint (docs/s, peak RSS);
// 3. start the server on that data and time each dashboard query over HTTP as an HQ user (p95 of
//    BENCH_HQ_REPEAT runs), with the server's RSS and heap;
// 4. write 10,000 more orders and time the follower's incremental catch-up (docs/s);
// 5. peer: one store's year summary computed by scanning that store's order documents (what HQ would do
//    without the aggregates), against the same question answered from the aggregates (BENCH_HQ_PEER=0
//    skips it).
// BENCH_HQ_DRY=1 prints the metrics instead of writing bench/results (for small check runs).
// BENCH_HQ_DATA=<dir> keeps the generated store in <dir> and reuses it on the next run (HQ's tables are
// dropped and rebuilt, so phase 2 is measured again); without it the data goes to a temp folder.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AuthStore } from '../apps/sync-server/src/auth/auth-store';
import { EmbeddedHqSource } from '../apps/sync-server/src/hq/embedded-hq-source';
import { FiguresFollower } from '../apps/sync-server/src/hq/figures-follower';
import { FiguresStore } from '../apps/sync-server/src/hq/figures-store';
import { hqOf } from '../apps/sync-server/src/hq/hq-service';
import { omniOf } from '../apps/sync-server/src/omni/omni-service';
import { securityFor } from '../apps/sync-server/src/auth/access-policy';
import { STANDARD_DATABASES, startSyncServer } from '../apps/sync-server/src/server';
import { SqliteStore } from '../apps/sync-server/src/storage/sqlite-store';
import { EmbeddedRollupBackend } from '../apps/sync-server/src/stock/embedded-rollup-backend';
import { StockRollup } from '../apps/sync-server/src/stock/stock-rollup';
import { basicAuth, TEST_ADMIN, tempDataDir } from '../apps/sync-server/src/testing/test-server';
import { generateYear } from './hq-generate';
import { percentile, writeResult, type BenchMetric } from './result';

const LINES = Number(process.env.BENCH_HQ_LINES ?? 5_000_000);
const STORES = Number(process.env.BENCH_HQ_STORES ?? 50);
const REPEAT = Number(process.env.BENCH_HQ_REPEAT ?? 30);
const DAYS = 365;
const FIRST_DAY = '2025-11-24';
const LAST_DAY = '2026-11-23';
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const seconds = (ms: number) => Math.round(ms / 100) / 10;
const log = (line: string) => console.log(`[hq-bench ${seconds(performance.now())} s] ${line}`);
const metrics: BenchMetric[] = [];
const notes: string[] = [];

const keep = process.env.BENCH_HQ_DATA;
const dataDir = keep ?? tempDataDir('hq-bench-');
const reuse = keep !== undefined && existsSync(join(keep, 'store.sqlite'));
try {
  // 1. Generate (or reuse a kept dataset, whose HQ tables are dropped so they are built again).
  const store = new SqliteStore(dataDir);
  let t0 = performance.now();
  const gen = reuse
    ? reuseGenerated(store)
    : await generateYear(store, {
        stores: STORES,
        lines: LINES,
        skus: 2000,
        customers: 50_000,
        days: DAYS,
        firstDay: FIRST_DAY,
      });
  const generateMs = performance.now() - t0;
  log(
    `${reuse ? 'reused' : 'generated'} ${gen.orders} orders, ${gen.lines} lines, ${gen.docs} documents in ${seconds(generateMs)} s`,
  );
  // The databases a server creates at its first start (the roll-up writes `stock-levels`).
  for (const db of STANDARD_DATABASES) if (!store.info(db)) await store.createDb(db, securityFor(db));
  const auth = new AuthStore(store);
  const hqUser = { name: 'hq-bench', password: 'hq-bench-password' };
  await auth.setPrincipal({ name: hqUser.name, role: 'hq' }, hqUser.password);

  // 2. The stock roll-up's first pass (so the server below starts without it), then HQ's aggregates.
  t0 = performance.now();
  const rollup = new StockRollup(new EmbeddedRollupBackend(store), (e) => {
    throw e;
  });
  await rollup.catchUp();
  await rollup.stop();
  const rollupMs = performance.now() - t0;
  log(`stock roll-up first pass in ${seconds(rollupMs)} s`);
  const figures = new FiguresStore(store.sqlite, (job) => store.transact(job));
  const follower = new FiguresFollower(new EmbeddedHqSource(store), figures, (e) => {
    throw e;
  });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  t0 = performance.now();
  await follower.catchUp();
  const buildMs = performance.now() - t0;
  clearInterval(sampler);
  const buildRate = Math.round(follower.applied / (buildMs / 1000));
  const counted = figures.db
    .prepare<[], { orders: number; units: number }>(
      'SELECT SUM(orders) AS orders, SUM(units) AS units FROM hq_sales_day',
    )
    .get() ?? { orders: 0, units: 0 };
  log(`aggregates built from ${follower.applied} changes in ${seconds(buildMs)} s (${buildRate} docs/s)`);
  metrics.push(
    { name: 'aggregates built from scratch', value: buildRate, unit: 'docs/s', better: 'higher' },
    { name: 'aggregate build peak RSS', value: mib(peakRss), unit: 'MiB', better: 'lower' },
  );
  await store.close();

  // 3. Dashboard queries over HTTP, once the server is up and every follower caught up.
  t0 = performance.now();
  const server = await startSyncServer({
    dataDir,
    port: 0,
    adminUser: TEST_ADMIN.name,
    adminPassword: TEST_ADMIN.password,
    log: () => undefined,
  });
  // Every follower the server starts must be caught up before a query is timed: the stock roll-up and
  // HQ's figures finished above (the server resumes them from their checkpoints), but the omnichannel
  // follower (order index for returns, endless-aisle routing) starts at the server with an empty checkpoint
  // and walks every order. `catchUp` resolves only when a follower has walked every database to its end.
  const hq = hqOf(server.services);
  const omni = omniOf(server.services);
  await Promise.all([server.rollup.catchUp(), hq.follower.catchUp(), omni?.catchUp()]);
  await Promise.all([server.rollup.idle(), hq.follower.idle(), omni?.idle()]);
  const followersMs = performance.now() - t0;
  const omniApplied = omni?.applied ?? 0;
  log(
    `server started and every follower caught up in ${seconds(followersMs)} s (omnichannel index: ${omniApplied} changes)`,
  );
  const auth1 = basicAuth(hqUser);
  const get = async (path: string) => {
    const res = await fetch(`${server.url}/_hq/api/${path}`, { headers: { Authorization: auth1 } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
    return text;
  };
  const year = `from=${FIRST_DAY}&to=${LAST_DAY}`;
  const month = `from=2026-10-25&to=${LAST_DAY}`;
  const queries: [string, string][] = [
    ['sales by store, year, all stores', `sales/summary?${year}&groupBy=store`],
    ['sales by day, 30 days, all stores', `sales/summary?${month}&groupBy=day`],
    ['sales by hour of day, year, all stores', `sales/summary?${year}&groupBy=hour`],
    ['sales by channel, year, one store', `sales/summary?${year}&groupBy=channel&store=s001`],
    ['tenders, year, all stores', `sales/summary?${year}&groupBy=tender`],
    ['daily series, year, all stores', `sales/series?${year}&interval=day`],
    [
      'hourly series, 7 days, one store',
      `sales/series?from=2026-11-17&to=${LAST_DAY}&interval=hour&store=s001`,
    ],
    ['KPIs, year, all stores', `kpis?${year}`],
    ['KPIs, 30 days, one store', `kpis?${month}&store=s007`],
    ['stock levels, negative alerts, all stores', 'stock/levels?alert=negative&limit=200'],
    ['stock alerts, one store', 'stock/alerts?store=s010'],
    ['movement history, one sku', 'stock/movements?sku=SKU00042'],
    ['closes + Z check, 30 days, all stores', `closes?${month}`],
    ['customer search by name', 'customers?q=Name123'],
    ['customer duplicates, one store', 'customers/duplicates?store=s003'],
  ];
  for (const [name, path] of queries) {
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < REPEAT; i++) {
      const start = performance.now();
      bytes = (await get(path)).length;
      samples.push(performance.now() - start);
    }
    const p95 = Math.round(percentile(samples, 95) * 10) / 10;
    log(`${name}: p95 ${p95} ms (${bytes} bytes)`);
    metrics.push({ name: `p95 ${name}`, value: p95, unit: 'ms', better: 'lower' });
  }
  globalThis.gc?.();
  const mem = process.memoryUsage();
  metrics.push(
    { name: 'server RSS after the queries', value: mib(mem.rss), unit: 'MiB', better: 'lower' },
    { name: 'server JS heap used after the queries', value: mib(mem.heapUsed), unit: 'MiB', better: 'lower' },
  );

  // 4. Incremental catch-up: 10,000 new orders, timed until the follower has applied them.
  const info = server.services.store.info('store-s001');
  if (!info) throw new Error('store-s001 is missing');
  // The first order of the store (customers and receipts come first in its changes).
  let sample: { body: string | null } | undefined;
  for (let since = 0; !sample;) {
    const page = server.services.store.changes(info, since, 5000, true);
    if (page.length === 0) break;
    sample = page.find((r) => r.body?.includes('"type":"order"'));
    since = page.at(-1)?.seq ?? since;
  }
  if (!sample?.body) throw new Error('no order to copy');
  const base = JSON.parse(sample.body) as Record<string, unknown>;
  const fresh = Array.from({ length: 10_000 }, (_, i) => {
    // A terminal id of this run, so a reused dataset takes new orders rather than conflicts.
    const terminalId = `s001-r${Date.now().toString(36)}`;
    const id = `${terminalId}-01JDZZ${String(i).padStart(20, '0')}`;
    return { ...base, _id: id, id, terminalId };
  });
  const appliedBefore = hq.follower.applied;
  t0 = performance.now();
  for (let i = 0; i < fresh.length; i += 1000) {
    await server.services.store.writeDocs(info, fresh.slice(i, i + 1000), true, () => undefined);
    server.services.onStoreWrite('store-s001');
  }
  await hq.follower.idle();
  const incMs = performance.now() - t0;
  const incRate = Math.round((hq.follower.applied - appliedBefore) / (incMs / 1000));
  log(
    `incremental: ${hq.follower.applied - appliedBefore} changes written and applied in ${seconds(incMs)} s`,
  );
  metrics.push({
    name: 'incremental catch-up (10,000 new orders, write + apply)',
    value: incRate,
    unit: 'docs/s',
    better: 'higher',
  });

  // 5. Peer: the same year summary by scanning every order document.
  let scanMs = Number.NaN;
  if (process.env.BENCH_HQ_PEER !== '0') {
    t0 = performance.now();
    const byStore = new Map<string, number>();
    for (const id of gen.storeIds.slice(0, 1)) {
      const db = server.services.store.info(`store-${id}`);
      if (!db) continue;
      let since = 0;
      for (;;) {
        const rows = server.services.store.changes(db, since, 5000, true);
        for (const r of rows) {
          if (!r.body?.includes('"type":"order"')) continue;
          const o = JSON.parse(r.body) as { totals: { total: { amount: number } } };
          byStore.set(id, (byStore.get(id) ?? 0) + o.totals.total.amount);
        }
        if (rows.length < 5000) break;
        since = rows.at(-1)?.seq ?? since;
      }
    }
    scanMs = performance.now() - t0;
    log(`peer (scan the order documents of one store): ${seconds(scanMs)} s`);
    const ours = metrics.find((m) => m.name === 'p95 sales by channel, year, one store');
    if (ours) ours.peer = { name: "scanning the store's order documents", value: Math.round(scanMs) };
  }
  await server.close();

  notes.push(
    reuse
      ? `A kept dataset (BENCH_HQ_DATA) generated earlier by hq-generate.ts with the same options: ${counted.orders.toLocaleString('en')} orders, ${counted.units.toLocaleString('en')} units sold, ${STORES} stores, ${DAYS} days, ${gen.docs.toLocaleString('en')} documents; HQ's tables were dropped and rebuilt.`
      : `${gen.orders.toLocaleString('en')} orders with ${gen.lines.toLocaleString('en')} lines for ${STORES} stores over ${DAYS} days (${gen.docs.toLocaleString('en')} documents incl. closes, fulfillments, loyalty entries, customers and movements), generated straight into SQLite in ${seconds(generateMs)} s.`,
    `Aggregates built by the same follower the server runs, from an empty checkpoint: ${seconds(buildMs)} s (after the stock roll-up's first pass over the same changes: ${seconds(rollupMs)} s).`,
    `The whole bench took ${seconds(performance.now())} s of wall time (generation ${seconds(generateMs)} s, roll-up ${seconds(rollupMs)} s, aggregates ${seconds(buildMs)} s, server start with its followers ${seconds(followersMs)} s), CPU ${seconds((process.cpuUsage().user + process.cpuUsage().system) / 1000)} s.`,
    `Before the queries were timed, every follower was caught up: the omnichannel follower (which starts with the server, from an empty checkpoint on a fresh dataset) indexed ${omniApplied.toLocaleString('en')} changes; the server start and that catch-up took ${seconds(followersMs)} s.`,
    `Each query run ${REPEAT} times over HTTP (Basic auth as an HQ user, JSON answer read in full); the server runs in the bench process, so RSS includes the bench.`,
    'The machine is shared with other agents (2 cores); the lead reruns the bench on a quiet machine.',
  );
  // BENCH_HQ_DRY=1 (a small check run on a loaded machine) prints the figures without writing bench/results.
  if (process.env.BENCH_HQ_DRY === '1') log(`dry run, not written: ${JSON.stringify({ metrics, notes })}`);
  else writeResult({ name: 'hq-dashboard', title: 'HQ dashboards (one year, 50 stores)', metrics, notes });
} finally {
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
}

/** Drops HQ's tables of a kept dataset and reports what it holds (counted, not generated, this run). */
function reuseGenerated(store: SqliteStore): Awaited<ReturnType<typeof generateYear>> {
  const tables = store.sqlite
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'hq\\_%' ESCAPE '\\'",
    )
    .all();
  for (const { name } of tables) store.sqlite.exec(`DROP TABLE ${name}`);
  const storeIds = store
    .listDbs()
    .filter((d) => d.startsWith('store-'))
    .map((d) => d.slice('store-'.length));
  let docs = 0;
  for (const id of storeIds) docs += store.info(`store-${id}`)?.docCount ?? 0;
  return { orders: Number.NaN, lines: Number.NaN, docs, storeIds };
}
