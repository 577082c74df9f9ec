// 200 simulated terminals against one server, speaking exactly what RxDB's CouchDB plugin sends: a
// longpoll `_changes` kept open per terminal (live pull), and once a second a push of one order
// (`POST _all_docs` with the key, then `POST _bulk_docs`). Push latency covers both requests.
import { setTimeout as sleep } from 'node:timers/promises';
import { authHeader, type Target } from './sync-workloads';

/** One simulated terminal: its store database and, for our server, its enrolled credential. */
export interface SimTerminal {
  id: string;
  storeId: string;
  db: string;
  user?: { name: string; password: string };
}

/** What the load run saw. */
export interface TerminalLoad {
  pushes: number;
  errors: number;
  errorSamples: string[];
  latenciesMs: number[];
  pulledChanges: number;
  maxServerRssMiB: number;
  /** Filled in by the caller from the server process's CPU time. */
  serverCpuMsPerPush: number;
}

export async function runTerminals(options: {
  target: Target;
  terminals: SimTerminal[];
  seconds: number;
  order: (t: SimTerminal) => Record<string, unknown>;
  serverRssMiB: () => number;
}): Promise<TerminalLoad> {
  const load: TerminalLoad = {
    pushes: 0,
    errors: 0,
    errorSamples: [],
    latenciesMs: [],
    pulledChanges: 0,
    maxServerRssMiB: 0,
    serverCpuMsPerPush: 0,
  };
  const fail = (what: string) => {
    load.errors += 1;
    if (load.errorSamples.length < 5) load.errorSamples.push(what);
  };
  // One controller per longpoll (a shared signal would collect a listener per request).
  let stopped = false;
  const open = new Set<AbortController>();
  const base = options.target.url;

  const pull = async (t: SimTerminal) => {
    const headers = authHeader({ ...options.target, ...(t.user ? { user: t.user } : {}) });
    let since = 'now';
    while (!stopped) {
      const q = `style=all_docs&feed=longpoll&since=${since}&include_docs=true&heartbeat=60000&limit=100&seq_interval=100`;
      const controller = new AbortController();
      open.add(controller);
      try {
        const res = await fetch(`${base}/${t.db}/_changes?${q}`, { headers, signal: controller.signal });
        const body = (await res.json()) as { results?: unknown[]; last_seq?: unknown };
        if (!res.ok || !body.results) {
          fail(`pull ${t.id}: ${res.status}`);
          await sleep(500);
          continue;
        }
        load.pulledChanges += body.results.length;
        since = encodeURIComponent(String(body.last_seq));
      } catch (error) {
        if (!stopped) fail(`pull ${t.id}: ${String(error)}`);
      } finally {
        open.delete(controller);
      }
    }
  };

  const push = async (t: SimTerminal) => {
    const headers = {
      ...authHeader({ ...options.target, ...(t.user ? { user: t.user } : {}) }),
      'Content-Type': 'application/json',
    };
    const started = performance.now();
    await sleep(Math.random() * 1000);
    for (let k = 0; ; k++) {
      const due = started + 1000 + k * 1000;
      if (due > started + options.seconds * 1000) return;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const doc = options.order(t);
      const t0 = performance.now();
      try {
        const check = await fetch(`${base}/${t.db}/_all_docs`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ keys: [doc._id], include_docs: true, deleted: 'ok' }),
        });
        await check.text();
        const res = await fetch(`${base}/${t.db}/_bulk_docs`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ docs: [doc] }),
        });
        const rows = (await res.json()) as { ok?: boolean; error?: string; reason?: string }[];
        load.latenciesMs.push(performance.now() - t0);
        load.pushes += 1;
        if (!check.ok || res.status !== 201 || !rows[0]?.ok)
          fail(`push ${t.id}: ${res.status} ${JSON.stringify(rows[0])}`);
      } catch (error) {
        fail(`push ${t.id}: ${String(error)}`);
      }
    }
  };

  const sampler = setInterval(() => {
    load.maxServerRssMiB = Math.max(load.maxServerRssMiB, options.serverRssMiB());
  }, 500);
  const pulls = options.terminals.map((t) => pull(t));
  await Promise.all(options.terminals.map((t) => push(t)));
  await sleep(500);
  stopped = true;
  for (const controller of open) controller.abort();
  await Promise.all(pulls);
  clearInterval(sampler);
  return load;
}
