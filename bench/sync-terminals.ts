// 200 simulated terminals against one server, played by several load-generator processes
// (sync-terminal-worker.ts) so the generator is not the bottleneck on 2 cores. Each terminal holds a
// longpoll `_changes` on its store database and pushes one order a second the way PouchDB's replicator
// pushes (`_revs_diff`, `_bulk_docs` new_edits=false, checkpoint `PUT _local`). The run is hard-bounded:
// a generator that has not reported within the bound is killed and the run reports "did not finish".
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

/** One simulated terminal: its store database and, for our server, its enrolled credential. */
export interface SimTerminal {
  id: string;
  storeId: string;
  db: string;
  user?: { name: string; password: string };
}

/** What one generator process is asked to play. */
export interface WorkerTask {
  url: string;
  seconds: number;
  /** When every generator starts pushing (all are loaded by then). */
  startAtEpochMs: number;
  /** A valid order; each push sends a copy with a fresh id, its store and terminal. */
  orderTemplate: Record<string, unknown>;
  terminals: SimTerminal[];
}

/** What one generator process saw. */
export interface WorkerReport {
  /** Pushes started. */
  pushes: number;
  /** Orders the server acknowledged (`_bulk_docs` answered with no failure). */
  acknowledged: number;
  errors: number;
  errorSamples: string[];
  /** Push start → checkpoint written (`_revs_diff` + `_bulk_docs` + `PUT _local`). */
  latenciesMs: number[];
  /** When each push of `latenciesMs` started, in seconds from the start of the run (same order). */
  startedAtS: number[];
  /** Push start → order acknowledged (`_revs_diff` + `_bulk_docs`). */
  ackLatenciesMs: number[];
  pulledChanges: number;
  /** The generator's own event-loop delay, p99 and max (ms): above ~50 ms the generator, not the server, adds latency. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** What the whole load run saw. */
export interface TerminalLoad extends WorkerReport {
  /** Push p99 by 10-second window of the run, e.g. "0-10 s: 120.5, 10-20 s: 31.0" (set by terminalRun). */
  p99ByWindow?: string;
  /** Set when a generator did not report within the bound: the run's figures are partial. */
  unfinished?: string;
  maxServerRssMiB: number;
  /** Filled in by the caller from the server process's CPU time. */
  serverCpuMsPerPush: number;
}

const workerFile = fileURLToPath(new URL('./sync-terminal-worker.ts', import.meta.url));

/** Generator processes: enough that each plays ~25-50 terminals, at least two. */
export function generatorCount(terminals: number): number {
  return Math.max(2, Math.min(8, Math.ceil(terminals / 50), availableParallelism() * 2));
}

export async function runTerminals(options: {
  url: string;
  terminals: SimTerminal[];
  seconds: number;
  /** Hard bound for the whole run once every generator is loaded, in seconds (default: the run plus 60 s). */
  boundSeconds?: number;
  orderTemplate: Record<string, unknown>;
  serverRssMiB: () => number;
}): Promise<TerminalLoad> {
  const load: TerminalLoad = {
    pushes: 0,
    acknowledged: 0,
    errors: 0,
    errorSamples: [],
    latenciesMs: [],
    startedAtS: [],
    ackLatenciesMs: [],
    pulledChanges: 0,
    loopDelayP99Ms: 0,
    loopDelayMaxMs: 0,
    maxServerRssMiB: 0,
    serverCpuMsPerPush: 0,
  };
  const n = generatorCount(options.terminals.length);
  const shares: SimTerminal[][] = Array.from({ length: n }, () => []);
  options.terminals.forEach((t, i) => shares[i % n]?.push(t));
  const bound = options.boundSeconds ?? options.seconds + 60;
  const sampler = setInterval(() => {
    load.maxServerRssMiB = Math.max(load.maxServerRssMiB, options.serverRssMiB());
  }, 500);
  const children: ChildProcess[] = [];
  const done: WorkerReport[] = [];
  const problems: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let loadTimer: NodeJS.Timeout | undefined;
  let overBound = false;
  const finished = new Promise<boolean>((resolve) => {
    let left = shares.length;
    let loading = shares.length;
    const settle = () => {
      left -= 1;
      if (left === 0) resolve(!overBound);
    };
    // The run starts once every generator has loaded, so all terminals push during the same window.
    const allLoaded = () => {
      clearTimeout(loadTimer);
      const startAtEpochMs = Date.now() + 200;
      shares.forEach((terminals, i) =>
        children[i]?.send({
          url: options.url,
          seconds: options.seconds,
          startAtEpochMs,
          orderTemplate: options.orderTemplate,
          terminals,
        } satisfies WorkerTask),
      );
      timer = setTimeout(() => {
        // Ask every generator still running for what it saw so far, then give up on it.
        for (const child of children) if (child.connected) child.send('stop');
        timer = setTimeout(() => resolve(false), 15_000);
        overBound = true;
      }, bound * 1000);
    };
    for (const _ of shares) {
      const child = fork(workerFile, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
      children.push(child);
      let reported = false;
      child.on('message', (message) => {
        if (message === 'ready') {
          loading -= 1;
          if (loading === 0) allLoaded();
          return;
        }
        reported = true;
        done.push(message as WorkerReport);
        settle();
      });
      child.once('exit', (code) => {
        if (reported) return;
        problems.push(`a load generator exited with ${code} before reporting`);
        settle();
      });
    }
    loadTimer = setTimeout(() => {
      problems.push('the load generators did not load within 120 s');
      resolve(false);
    }, 120_000);
  });
  try {
    if (!(await finished) && problems.length === 0)
      problems.push(
        (load.unfinished = `did not finish within ${bound} s (figures are what it had done by then)`),
      );
    if (problems.length > 0) load.unfinished ??= problems[0];
    for (const report of done) merge(load, report);
    load.errors += problems.length;
    load.errorSamples.unshift(...problems);
    return load;
  } finally {
    clearTimeout(timer);
    clearTimeout(loadTimer);
    clearInterval(sampler);
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  }
}

function merge(load: TerminalLoad, report: WorkerReport): void {
  load.pushes += report.pushes;
  load.acknowledged += report.acknowledged;
  load.errors += report.errors;
  load.pulledChanges += report.pulledChanges;
  load.loopDelayP99Ms = Math.max(load.loopDelayP99Ms, report.loopDelayP99Ms);
  load.loopDelayMaxMs = Math.max(load.loopDelayMaxMs, report.loopDelayMaxMs);
  for (const s of report.errorSamples) if (load.errorSamples.length < 5) load.errorSamples.push(s);
  for (const v of report.latenciesMs) load.latenciesMs.push(v);
  for (const v of report.startedAtS) load.startedAtS.push(v);
  for (const v of report.ackLatenciesMs) load.ackLatenciesMs.push(v);
}
