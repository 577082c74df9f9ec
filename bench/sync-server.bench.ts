// Sync server vs pouchdb-server, side by side in one run, same clients and data:
// - push and pull of BENCH_DOCS small order documents (default 20,000 so the whole bench stays near six
//   minutes on the shared machine; BENCH_DOCS=100000 runs the issue's full size, ~20 minutes there) with PouchDB 9's replicator and with
//   RxDB 17's replicateCouchDB (docs/s; budget ≥ 5× pouchdb-server), plus each server's CPU per 1,000 docs;
// - BENCH_TERMINALS (200) simulated terminals live-syncing, each pushing one valid order a second for
//   BENCH_SECONDS (60) s (errors, push latency p50/p99, server memory; budget: 0 errors, p99 < 250 ms).
// Both servers run as their own processes on 127.0.0.1 with on-disk storage (SQLite / LevelDB).
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { orderDoc } from '../apps/sync-server/src/testing/fixtures';
import { startPouchServer } from '../apps/sync-server/src/testing/pouchdb-server-peer';
import { spawnServer } from '../apps/sync-server/src/testing/server-process';
import { basicAuth, TEST_ADMIN, tempDataDir } from '../apps/sync-server/src/testing/test-server';
import { percentile, writeResult, type BenchMetric } from './result';
import { runTerminals, type SimTerminal, type TerminalLoad } from './sync-terminals';
import {
  cpuSeconds,
  createDb,
  pouchPull,
  pouchPush,
  pouchSource,
  rxOrders,
  rxPull,
  rxPush,
  smallOrders,
  type Target,
} from './sync-workloads';

const DOCS = Number(process.env.BENCH_DOCS ?? 20_000);
const TERMINALS = Number(process.env.BENCH_TERMINALS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const STORES = 20;

interface Server extends Target {
  pid: number;
}

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function timed(
  server: Server,
  label: string,
  run: () => Promise<unknown>,
): Promise<{ docsPerS: number; cpuMsPer1k: number }> {
  const cpu0 = cpuSeconds(server.pid);
  const t0 = performance.now();
  await run();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(server.pid) - cpu0;
  const result = { docsPerS: DOCS / seconds, cpuMsPer1k: (cpu * 1000 * 1000) / DOCS };
  console.log(
    `${server.name.padEnd(15)} ${label.padEnd(12)} ${result.docsPerS.toFixed(0).padStart(7)} docs/s  server CPU ${result.cpuMsPer1k.toFixed(1)} ms/1k docs`,
  );
  return result;
}

async function replicationRuns(
  server: Server,
  pouch: PouchDB.Database,
  rx: Awaited<ReturnType<typeof rxOrders>>,
) {
  await createDb(server, 'bench-pouch');
  await createDb(server, 'bench-rx');
  return {
    pouchPush: await timed(server, 'PouchDB push', () => pouchPush(pouch, server, 'bench-pouch')),
    pouchPull: await timed(server, 'PouchDB pull', () => pouchPull(server, 'bench-pouch')),
    rxPush: await timed(server, 'RxDB push', () => rxPush(rx.orders, server, 'bench-rx')),
    rxPull: await timed(server, 'RxDB pull', () => rxPull(server, 'bench-rx')),
  };
}

async function terminalsFor(server: Server, enroll: boolean): Promise<SimTerminal[]> {
  const admin = { Authorization: basicAuth(TEST_ADMIN), 'Content-Type': 'application/json' };
  const terminals: SimTerminal[] = [];
  for (let s = 1; s <= STORES; s++) {
    const storeId = `s${String(s).padStart(3, '0')}`;
    if (enroll)
      await fetch(`${server.url}/_pos/stores`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ id: storeId }),
      });
    else await createDb(server, `store-${storeId}`);
  }
  for (let i = 0; i < TERMINALS; i++) {
    const storeId = `s${String((i % STORES) + 1).padStart(3, '0')}`;
    const id = `${storeId}-t${String(Math.floor(i / STORES) + 1).padStart(2, '0')}`;
    let user: SimTerminal['user'];
    if (enroll) {
      const issued = (await (
        await fetch(`${server.url}/_pos/stores/${storeId}/terminals`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ terminalId: id }),
        })
      ).json()) as { enrollmentCode: string };
      const cred = (await (
        await fetch(`${server.url}/_pos/enroll`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ code: issued.enrollmentCode }),
        })
      ).json()) as { name: string; password: string };
      user = { name: cred.name, password: cred.password };
    }
    terminals.push({ id, storeId, db: `store-${storeId}`, ...(user ? { user } : {}) });
  }
  return terminals;
}

async function terminalRun(server: Server, enroll: boolean): Promise<TerminalLoad> {
  const terminals = await terminalsFor(server, enroll);
  const cpu0 = cpuSeconds(server.pid);
  const load = await runTerminals({
    target: server,
    terminals,
    seconds: SECONDS,
    order: (t) => orderDoc(t.storeId, t.id),
    serverRssMiB: () => rssMiB(server.pid),
  });
  load.serverCpuMsPerPush = ((cpuSeconds(server.pid) - cpu0) * 1000) / Math.max(1, load.pushes);
  // Every acknowledged order must be readable afterwards.
  let stored = 0;
  for (let s = 1; s <= STORES; s++) {
    const info = (await (
      await fetch(`${server.url}/store-s${String(s).padStart(3, '0')}`, {
        headers: server.user ? { Authorization: basicAuth(server.user) } : {},
      })
    ).json()) as { doc_count: number };
    stored += info.doc_count;
  }
  if (stored !== load.pushes - load.errors) {
    load.errors += Math.abs(load.pushes - load.errors - stored);
    load.errorSamples.push(`stored ${stored} orders, acknowledged ${load.pushes - load.errors}`);
  }
  const p = (q: number) => percentile(load.latenciesMs, q).toFixed(1);
  console.log(
    `${server.name.padEnd(15)} ${TERMINALS} terminals × ${SECONDS} s: ${load.pushes} pushes, ${load.errors} errors, p50 ${p(50)} ms, p99 ${p(99)} ms, max RSS ${load.maxServerRssMiB.toFixed(0)} MiB, server CPU ${load.serverCpuMsPerPush.toFixed(2)} ms/push, ${load.pulledChanges} changes pulled`,
  );
  if (load.errorSamples.length) console.log(`  e.g. ${load.errorSamples.join(' | ')}`);
  return load;
}

const started = performance.now();
const loadAtStart = loadavg()[0] ?? 0;
const oursDir = tempDataDir('bench-ours-');
const ours = await spawnServer(oursDir);
const peerProcess = await startPouchServer();
const oursServer: Server = { name: 'store-os', url: ours.url, user: TEST_ADMIN, pid: ours.child.pid ?? 0 };
const peerServer: Server = { name: 'pouchdb-server', url: peerProcess.url, pid: peerProcess.pid };

try {
  console.log(`building ${DOCS} small orders in PouchDB and RxDB (memory)...`);
  const orders = smallOrders(DOCS);
  const pouch = await pouchSource(orders);
  const rx = await rxOrders();
  for (let i = 0; i < orders.length; i += 10_000) await rx.orders.bulkInsert(orders.slice(i, i + 10_000));

  const mine = await replicationRuns(oursServer, pouch, rx);
  const theirs = await replicationRuns(peerServer, pouch, rx);
  await rx.db.close();
  await pouch.destroy();

  const loadMine = await terminalRun(oursServer, true);
  const loadTheirs = await terminalRun(peerServer, false);

  const metrics: BenchMetric[] = [];
  const peer = (value: number) => ({ name: 'pouchdb-server', value });
  for (const [key, label] of [
    ['pouchPush', 'PouchDB replicator push'],
    ['pouchPull', 'PouchDB replicator pull'],
    ['rxPush', 'RxDB replicateCouchDB push'],
    ['rxPull', 'RxDB replicateCouchDB pull'],
  ] as const) {
    metrics.push({
      name: `${label}, ${DOCS.toLocaleString('en')} small orders`,
      value: mine[key].docsPerS,
      unit: 'docs/s',
      better: 'higher',
      budget: 5 * theirs[key].docsPerS,
      peer: peer(theirs[key].docsPerS),
    });
  }
  for (const [key, label] of [
    ['pouchPush', 'PouchDB push'],
    ['pouchPull', 'PouchDB pull'],
    ['rxPush', 'RxDB push'],
    ['rxPull', 'RxDB pull'],
  ] as const) {
    metrics.push({
      name: `server CPU per 1,000 docs, ${label}`,
      value: mine[key].cpuMsPer1k,
      unit: 'ms',
      better: 'lower',
      peer: peer(theirs[key].cpuMsPer1k),
    });
  }
  const label = `${TERMINALS} terminals, 1 order/s each for ${SECONDS} s`;
  metrics.push(
    {
      name: `${label}: errors`,
      value: loadMine.errors,
      unit: 'errors',
      better: 'lower',
      budget: 0,
      peer: peer(loadTheirs.errors),
    },
    {
      name: `${label}: push p50`,
      value: percentile(loadMine.latenciesMs, 50),
      unit: 'ms',
      better: 'lower',
      peer: peer(percentile(loadTheirs.latenciesMs, 50)),
    },
    {
      name: `${label}: push p99`,
      value: percentile(loadMine.latenciesMs, 99),
      unit: 'ms',
      better: 'lower',
      budget: 250,
      peer: peer(percentile(loadTheirs.latenciesMs, 99)),
    },
    {
      name: `${label}: server CPU per push (incl. the live pulls it wakes)`,
      value: loadMine.serverCpuMsPerPush,
      unit: 'ms',
      better: 'lower',
      peer: peer(loadTheirs.serverCpuMsPerPush),
    },
    {
      name: `${label}: server max RSS`,
      value: loadMine.maxServerRssMiB,
      unit: 'MiB',
      better: 'lower',
      peer: peer(loadTheirs.maxServerRssMiB),
    },
  );
  writeResult({
    name: 'sync-server',
    title: 'Sync server vs pouchdb-server (replication throughput, 200 live terminals)',
    metrics,
    notes: [
      'Both servers run as separate processes on 127.0.0.1 with on-disk storage: ours SQLite WAL with synchronous=FULL (every acknowledged write fsynced), pouchdb-server 4.2 with LevelDB.',
      'The clients (PouchDB 9 with the memory adapter, RxDB 17 with memory storage) run in the bench process on the same 2 shared cores; end-to-end docs/s therefore includes the client, which bounds the achievable ratio. "Server CPU per 1,000 docs" isolates what each server spends.',
      'Our server authenticates every request (Basic auth) and, in the terminal run, validates every order with the packages/shared schemas; pouchdb-server runs in admin party mode without validation.',
      `Terminal run: ${STORES} stores, ${TERMINALS / STORES} terminals each; each terminal holds a longpoll _changes on its store database and pushes one full order per second the way RxDB does (POST _all_docs, then POST _bulk_docs); latency covers both requests.`,
      `Whole bench took ${((performance.now() - started) / 1000).toFixed(0)} s; machine load average ${loadAtStart.toFixed(1)} at start and ${(loadavg()[0] ?? 0).toFixed(1)} at end (2 cores shared with other agents), so latencies include waiting for a CPU.`,
    ],
  });
} finally {
  await ours.kill('SIGTERM');
  await peerProcess.stop();
  rmSync(oursDir, { recursive: true, force: true });
}
