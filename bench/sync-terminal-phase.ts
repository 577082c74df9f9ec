// The 200-terminal phase of the sync-server bench, shared by the full bench (sync-server.bench.ts) and
// the terminals-only runner (sync-terminal-run.ts): enrols the terminals (or creates plain databases
// on a peer without our auth), runs them, and checks that every acknowledged order is stored.
import { readFileSync } from 'node:fs';
import { orderDoc } from '../apps/sync-server/src/testing/fixtures';
import { basicAuth, TEST_ADMIN } from '../apps/sync-server/src/testing/test-server';
import { percentile } from './result';
import { runTerminals, type SimTerminal, type TerminalLoad } from './sync-terminals';
import { cpuSeconds, createDb, type Target } from './sync-workloads';

/** A server process under test. */
export interface BenchServer extends Target {
  pid: number;
}

/** Stores the terminals are spread over (10 terminals each at the 200). */
export const STORES = 20;

export const rssMiB = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Creates the stores and `count` terminals; with `enroll`, each gets its own credential. */
export async function terminalsFor(
  server: BenchServer,
  count: number,
  enroll: boolean,
): Promise<SimTerminal[]> {
  const admin = { Authorization: basicAuth(TEST_ADMIN), 'Content-Type': 'application/json' };
  const stores = Math.min(STORES, count);
  const terminals: SimTerminal[] = [];
  for (let s = 1; s <= stores; s++) {
    const storeId = `s${String(s).padStart(3, '0')}`;
    if (enroll)
      await fetch(`${server.url}/_pos/stores`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ id: storeId }),
      });
    else await createDb(server, `store-${storeId}`);
  }
  for (let i = 0; i < count; i++) {
    const storeId = `s${String((i % stores) + 1).padStart(3, '0')}`;
    const id = `${storeId}-t${String(Math.floor(i / stores) + 1).padStart(2, '0')}`;
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

/** Runs `count` terminals for `seconds` against `server`; prints one summary line. */
export async function terminalRun(
  server: BenchServer,
  options: { count: number; seconds: number; enroll: boolean; elapsed: () => string },
): Promise<TerminalLoad> {
  const { count, seconds } = options;
  const terminals = await terminalsFor(server, count, options.enroll);
  console.log(`${server.name}: ${count} terminals ready (${options.elapsed()}); running ${seconds} s...`);
  const cpu0 = cpuSeconds(server.pid);
  const load = await runTerminals({
    url: server.url,
    terminals,
    seconds,
    boundSeconds: seconds + 60,
    orderTemplate: orderDoc('s001', 's001-t01'),
    serverRssMiB: () => rssMiB(server.pid),
  });
  load.serverCpuMsPerPush = ((cpuSeconds(server.pid) - cpu0) * 1000) / Math.max(1, load.pushes);
  // Every acknowledged order must be readable afterwards.
  let stored = 0;
  try {
    for (let s = 1; s <= Math.min(STORES, count); s++) {
      const info = (await (
        await fetch(`${server.url}/store-s${String(s).padStart(3, '0')}`, {
          headers: server.user ? { Authorization: basicAuth(server.user) } : {},
          signal: AbortSignal.timeout(30_000),
        })
      ).json()) as { doc_count: number };
      stored += info.doc_count;
    }
  } catch (error) {
    // A server that cannot say what it stored within the bound fails the run rather than hanging it.
    load.errors += 1;
    load.errorSamples.push(`counting stored orders failed: ${String(error)}`);
    stored = load.acknowledged;
  }
  // An acknowledged order that is not stored is an error; so is a stored order never acknowledged.
  // (Skipped for a run stopped at its bound: orders in flight then may be stored but never acknowledged.)
  if (!load.unfinished && stored !== load.acknowledged) {
    load.errors += Math.abs(load.acknowledged - stored);
    load.errorSamples.push(`stored ${stored} orders, acknowledged ${load.acknowledged}`);
  }
  const p = (q: number, of = load.latenciesMs) => percentile(of, q).toFixed(1);
  console.log(
    `${server.name.padEnd(15)} ${count} terminals × ${seconds} s: ${load.pushes} pushes, ${load.errors} errors, push p50 ${p(50)} ms, p99 ${p(99)} ms (order acknowledged: p50 ${p(50, load.ackLatenciesMs)}, p99 ${p(99, load.ackLatenciesMs)}), max RSS ${load.maxServerRssMiB.toFixed(0)} MiB, server CPU ${load.serverCpuMsPerPush.toFixed(2)} ms/push, ${load.pulledChanges} changes pulled, generator event-loop delay p99 ${load.loopDelayP99Ms.toFixed(0)} ms max ${load.loopDelayMaxMs.toFixed(0)} ms (${options.elapsed()})`,
  );
  if (load.errorSamples.length) console.log(`  e.g. ${load.errorSamples.join(' | ')}`);
  // Where in the run the slow pushes are: the connect burst of the first seconds, or steady state.
  const windows: string[] = [];
  for (let from = 0; from < seconds; from += 10) {
    const inWindow = load.latenciesMs.filter((_, i) => {
      const at = load.startedAtS[i] ?? -1;
      return at >= from && at < from + 10;
    });
    if (inWindow.length) windows.push(`${from}-${from + 10} s: ${p(99, inWindow)}`);
  }
  load.p99ByWindow = windows.join(', ');
  console.log(`  push p99 by 10-s window (ms): ${load.p99ByWindow}`);
  return load;
}
