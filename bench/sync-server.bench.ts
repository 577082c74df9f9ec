// Sync server vs pouchdb-server, side by side in one run, same clients and data:
// - push and pull of BENCH_DOCS small order documents (default 100,000, the issue's size) with PouchDB 9's
//   replicator and with RxDB 17's replicateCouchDB (docs/s; budget ≥ 5× pouchdb-server), plus each
//   server's CPU per 1,000 docs;
// - BENCH_TERMINALS (200) simulated terminals live-syncing, each pushing one valid order a second for
//   BENCH_SECONDS (60) s (errors, push latency p50/p99, server memory; budget: 0 errors, p99 < 250 ms).
// Both servers run as their own processes on 127.0.0.1 with on-disk storage (SQLite / LevelDB). Every
// phase is hard-bounded (BENCH_PHASE_BOUND_S, default 300 s): a phase over its bound is cancelled and
// reported as "did not finish within N s" instead of hanging the bench.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startPouchServer } from '../apps/sync-server/src/testing/pouchdb-server-peer';
import { spawnServer } from '../apps/sync-server/src/testing/server-process';
import { TEST_ADMIN, tempDataDir } from '../apps/sync-server/src/testing/test-server';
import { percentile, writeResult, type BenchMetric } from './result';
import { STORES, terminalRun, type BenchServer } from './sync-terminal-phase';
import { generatorCount, type TerminalLoad } from './sync-terminals';
import {
  cpuSeconds,
  createDb,
  mainThreadCpuSeconds,
  pouchPull,
  pouchPush,
  pouchSource,
  rxOrders,
  rxPull,
  rxPush,
  smallOrders,
  BATCH_SIZE,
} from './sync-workloads';

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const PHASE_BOUND_S = Number(process.env.BENCH_PHASE_BOUND_S ?? 300);
const TERMINALS = Number(process.env.BENCH_TERMINALS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const started = performance.now();

type Server = BenchServer;

const unfinished: string[] = [];

/** Runs one phase within PHASE_BOUND_S; over the bound it is cancelled and its docs/s is a lower bound. */
async function timed(
  server: Server,
  label: string,
  run: (signal: AbortSignal) => Promise<unknown>,
): Promise<Phase> {
  const cpu0 = cpuSeconds(server.pid);
  const client0 = process.cpuUsage();
  const main0 = mainThreadCpuSeconds();
  const t0 = performance.now();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    run(abort.signal).then(() => 'done' as const),
    new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), PHASE_BOUND_S * 1000))),
  ]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    abort.abort();
    const note = `${server.name} ${label} did not finish within ${PHASE_BOUND_S} s (its docs/s is an upper bound)`;
    unfinished.push(note);
    console.log(note);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(server.pid) - cpu0;
  const client = process.cpuUsage(client0);
  const result = {
    docsPerS: DOCS / seconds,
    cpuMsPer1k: (cpu * 1000 * 1000) / DOCS,
    clientCpuMsPer1k: (client.user + client.system) / DOCS,
    clientMainCpuMsPer1k: ((mainThreadCpuSeconds() - main0) * 1000 * 1000) / DOCS,
  };
  console.log(
    `${server.name.padEnd(15)} ${label.padEnd(12)} ${result.docsPerS.toFixed(0).padStart(7)} docs/s  server CPU ${result.cpuMsPer1k.toFixed(1)} ms/1k docs  client CPU ${result.clientCpuMsPer1k.toFixed(1)} ms/1k docs  (${elapsed()})`,
  );
  return result;
}

const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s into the bench`;

async function terminalPhase(server: Server, enroll: boolean): Promise<TerminalLoad> {
  const cpu0 = process.cpuUsage();
  const load = await terminalRun(server, { count: TERMINALS, seconds: SECONDS, enroll, elapsed });
  const cpu = process.cpuUsage(cpu0);
  console.log(`  this bench process used ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU meanwhile`);
  if (load.unfinished) unfinished.push(`${server.name} terminal run ${load.unfinished}`);
  return load;
}

type Phase = {
  docsPerS: number;
  cpuMsPer1k: number;
  /** The client process's CPU (all threads) and its main thread's alone, per 1,000 docs. */
  clientCpuMsPer1k: number;
  clientMainCpuMsPer1k: number;
};
type Runs = Record<'pouchPush' | 'pouchPull' | 'rxPush' | 'rxPull', Phase>;

/**
 * Each workload runs against ours and then the peer back to back (not all of ours first), so a change
 * in the machine's load during the bench affects both sides of each ratio alike.
 */
async function replicationRuns(
  servers: readonly [Server, Server],
  pouch: PouchDB.Database,
  rx: Awaited<ReturnType<typeof rxOrders>>,
): Promise<[Runs, Runs]> {
  for (const server of servers) {
    await createDb(server, 'bench-pouch');
    await createDb(server, 'bench-rx');
  }
  const both = async (label: string, run: (server: Server, s: AbortSignal) => Promise<unknown>) => {
    const a = await timed(servers[0], label, (s) => run(servers[0], s));
    const b = await timed(servers[1], label, (s) => run(servers[1], s));
    return [a, b] as const;
  };
  const pushP = await both('PouchDB push', (server, s) => pouchPush(pouch, server, 'bench-pouch', s));
  const pullP = await both('PouchDB pull', (server, s) => pouchPull(server, 'bench-pouch', s));
  const pushR = await both('RxDB push', (server, s) => rxPush(rx.orders, server, 'bench-rx', s));
  const pullR = await both('RxDB pull', (server, s) => rxPull(server, 'bench-rx', s));
  const side = (i: 0 | 1): Runs => ({
    pouchPush: pushP[i],
    pouchPull: pullP[i],
    rxPush: pushR[i],
    rxPull: pullR[i],
  });
  return [side(0), side(1)];
}

const loadAtStart = loadavg()[0] ?? 0;
// The terminal run is its own scenario and runs first, each server fresh and alone on the machine.
// Run after the replication phases, it measured their leftovers too (10-s windows of push p99 of
// 300-570 ms in the middle of the run, which the terminals-only runner never shows): this process's
// hundreds of MiB of client garbage, collected by GC threads on the same 2 cores, and the disk's
// writeback of what the phases wrote.
const freshOursDir = tempDataDir('bench-ours-terminals-');
const freshOurs = await spawnServer(freshOursDir);
let loadMine: TerminalLoad;
try {
  loadMine = await terminalPhase(
    { name: 'store-os', url: freshOurs.url, user: TEST_ADMIN, pid: freshOurs.child.pid ?? 0 },
    true,
  );
} finally {
  await freshOurs.kill('SIGTERM');
  rmSync(freshOursDir, { recursive: true, force: true });
}
const freshPeer = await startPouchServer();
let loadTheirs: TerminalLoad;
try {
  loadTheirs = await terminalPhase({ name: 'pouchdb-server', url: freshPeer.url, pid: freshPeer.pid }, false);
} finally {
  await freshPeer.stop();
}

const oursDir = tempDataDir('bench-ours-');
const ours = await spawnServer(oursDir);
const peerProcess = await startPouchServer();
const oursServer: Server = { name: 'store-os', url: ours.url, user: TEST_ADMIN, pid: ours.child.pid ?? 0 };
const peerServer: Server = { name: 'pouchdb-server', url: peerProcess.url, pid: peerProcess.pid };

try {
  const [mine, theirs] = await (async () => {
    console.log(`building ${DOCS} small orders in PouchDB and RxDB (memory)...`);
    const orders = smallOrders(DOCS);
    const pouch = await pouchSource(orders);
    const rx = await rxOrders();
    for (let i = 0; i < orders.length; i += 10_000) await rx.orders.bulkInsert(orders.slice(i, i + 10_000));
    console.log(`built (${elapsed()}); batch size ${BATCH_SIZE} for every client`);
    const runs = await replicationRuns([oursServer, peerServer], pouch, rx);
    await rx.db.close();
    await pouch.destroy();
    return runs;
  })();

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
  for (const [key, label] of [
    ['pouchPush', 'PouchDB push'],
    ['pouchPull', 'PouchDB pull'],
    ['rxPush', 'RxDB push'],
    ['rxPull', 'RxDB pull'],
  ] as const) {
    metrics.push({
      name: `client CPU per 1,000 docs (same client for both), ${label}`,
      value: mine[key].clientCpuMsPer1k,
      unit: 'ms',
      better: 'lower',
      peer: peer(theirs[key].clientCpuMsPer1k),
    });
  }
  for (const [key, label] of [
    ['pouchPush', 'PouchDB push'],
    ['pouchPull', 'PouchDB pull'],
    ['rxPush', 'RxDB push'],
    ['rxPull', 'RxDB pull'],
  ] as const) {
    // No server can make a phase shorter than the client's main-thread CPU time for it, so the best
    // ratio any server could reach against pouchdb-server with this client is T_peer / c_main.
    const peerMsPer1k = 1e6 / theirs[key].docsPerS;
    const bound = peerMsPer1k / mine[key].clientMainCpuMsPer1k;
    metrics.push(
      {
        name: `client main-thread CPU per 1,000 docs, ${label} (no server can take less wall time)`,
        value: mine[key].clientMainCpuMsPer1k,
        unit: 'ms',
        better: 'lower',
        peer: peer(theirs[key].clientMainCpuMsPer1k),
      },
      {
        name: `best ratio any server could reach with this client, ${label} (pouchdb-server's ms per 1,000 docs / client main-thread CPU)`,
        value: bound,
        unit: '×',
        better: 'higher',
      },
      {
        name: `our ratio as a share of that bound, ${label}`,
        value: (100 * mine[key].docsPerS) / theirs[key].docsPerS / bound,
        unit: '%',
        better: 'higher',
      },
    );
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
      name: `${label}: order acknowledged p99 (_revs_diff + _bulk_docs, before the checkpoint)`,
      value: percentile(loadMine.ackLatenciesMs, 99),
      unit: 'ms',
      better: 'lower',
      peer: peer(percentile(loadTheirs.ackLatenciesMs, 99)),
    },
    {
      name: `${label}: orders acknowledged`,
      value: loadMine.acknowledged,
      unit: 'orders',
      better: 'higher',
      peer: peer(loadTheirs.acknowledged),
    },
    {
      name: `${label}: server CPU per push (incl. the live pulls it wakes)`,
      value: loadMine.serverCpuMsPerPush,
      unit: 'ms',
      better: 'lower',
      peer: peer(loadTheirs.serverCpuMsPerPush),
    },
    {
      name: `${label}: load generator event-loop delay p99 (above ~50 ms the generator itself adds latency)`,
      value: loadMine.loopDelayP99Ms,
      unit: 'ms',
      better: 'lower',
      peer: peer(loadTheirs.loopDelayP99Ms),
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
      'Both servers run as separate processes on 127.0.0.1 with on-disk storage: ours SQLite WAL, every write acknowledged only after the WAL holding it is fsynced (fdatasync off the event loop), pouchdb-server 4.2 with LevelDB.',
      `The clients (PouchDB 9 with the memory adapter and a keep-alive HTTP agent, RxDB 17 with memory storage; batch size ${BATCH_SIZE} for both servers) run in the bench process, the server in its own process, on the same 2 cores; end-to-end docs/s includes the client's own work, which bounds the achievable ratio (see "client CPU per 1,000 docs"). "Server CPU per 1,000 docs" isolates what each server spends.`,
      'Our server authenticates every request (Basic auth) and, in the terminal run, validates every order with the packages/shared schemas; pouchdb-server runs in admin party mode without validation.',
      `Terminal run: ${STORES} stores × ${TERMINALS / STORES} terminals, each with its own credential on our server, played by ${generatorCount(TERMINALS)} load-generator processes; each terminal holds a longpoll _changes (include_docs, style=all_docs) on its store database and pushes one full, validated order per second the way PouchDB's replicator pushes (POST _revs_diff, POST _bulk_docs new_edits=false, PUT _local checkpoint). "Push" latency is from the start of _revs_diff to the checkpoint written; "order acknowledged" stops at the _bulk_docs answer. Any request over 10 s counts as an error. The terminal runs come first, each on a fresh server process with empty storage, alone on the machine (run after the replication phases they also measured those phases' leftovers: GC of the clients' memory, disk writeback).`,
      `Push p99 by 10-s window of the terminal run (ms): ours ${loadMine.p99ByWindow ?? 'n/a'}; pouchdb-server ${loadTheirs.p99ByWindow ?? 'n/a'}.`,
      ...unfinished,
      `Whole bench took ${((performance.now() - started) / 1000).toFixed(0)} s; machine load average ${loadAtStart.toFixed(1)} at start and ${(loadavg()[0] ?? 0).toFixed(1)} at end (2 cores shared with other agents), so latencies include waiting for a CPU.`,
    ],
  });
} finally {
  await ours.kill('SIGTERM');
  await peerProcess.stop();
  rmSync(oursDir, { recursive: true, force: true });
}
