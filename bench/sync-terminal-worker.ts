// One load-generator process of the 200-terminal run (started by sync-terminals.ts with fork): it plays
// its share of the terminals and reports what it saw over IPC. Each terminal holds a live longpoll
// `_changes` on its store database and, once a second, pushes one order exactly as PouchDB's replicator
// pushes a batch: `POST _revs_diff`, `POST _bulk_docs` (new_edits=false), `PUT _local/<checkpoint>`.
// Plain node:http with a keep-alive agent, so the generator spends little CPU per request.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SimTerminal, WorkerReport, WorkerTask } from './sync-terminals';

/** Any request slower than this counts as an error (and the terminal carries on). */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Two keep-alive agents per terminal, one socket each: its live pull and its push never wait for each
 * other's socket (a shared pool let a push queue behind a 25-second longpoll, or open a new connection
 * whenever its next request came before the previous socket was released).
 */
const agents: Agent[] = [];
function oneSocket(): Agent {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.push(agent);
  return agent;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let counter = 0;

/** `<terminalId>-<ULID>` (the id rule the server validates); time, a counter, then randomness. */
function factId(terminalId: string): string {
  let out = '';
  const time = Date.now();
  for (let i = 9; i >= 0; i--) out += CROCKFORD.charAt(Math.floor(time / 32 ** i) % 32);
  counter = (counter + 1) % 32768;
  for (let i = 2; i >= 0; i--) out += CROCKFORD.charAt(Math.floor(counter / 32 ** i) % 32);
  for (const byte of randomBytes(13)) out += CROCKFORD.charAt(byte % 32);
  return `${terminalId}-${out}`;
}

interface Reply {
  status: number;
  body: string;
}

function send(
  agent: Agent,
  base: URL,
  auth: string | undefined,
  method: string,
  path: string,
  body?: string,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (auth) headers.Authorization = auth;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const req = request({ host: base.hostname, port: base.port, method, path, headers, agent }, (res) => {
      const chunks: Uint8Array[] = [];
      res.on('data', (c: Uint8Array) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path.split('?')[0]} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Pushes started and not yet finished, and what this generator saw so far (for a stop at the bound). */
let inFlight = 0;
let current: WorkerReport | undefined;
/** A starved generator fires request timeouts before it reads answers that already arrived: measured. */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
function recordLoopDelay(report: WorkerReport): void {
  report.loopDelayP99Ms = loopDelay.percentile(99) / 1e6;
  report.loopDelayMaxMs = loopDelay.max / 1e6;
}

async function run(task: WorkerTask): Promise<WorkerReport> {
  const base = new URL(task.url);
  const report: WorkerReport = {
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
  };
  loopDelay.enable();
  current = report;
  const fail = (what: string) => {
    report.errors += 1;
    if (report.errorSamples.length < 5) report.errorSamples.push(what);
  };
  // Every generator starts at the same wall-clock moment, whenever it finished loading.
  const startAt = performance.now() + Math.max(0, task.startAtEpochMs - Date.now());
  const endAt = startAt + task.seconds * 1000;
  let stopped = false;
  let stop = () => {};
  const stopSignal = new Promise<'stopped'>((resolve) => (stop = () => resolve('stopped')));

  const pull = async (t: SimTerminal, auth: string | undefined, agent: Agent) => {
    let since = 'now';
    while (!stopped) {
      const path = `/${t.db}/_changes?style=all_docs&feed=longpoll&since=${since}&include_docs=true&heartbeat=10000&timeout=25000&limit=100`;
      try {
        const pending = send(agent, base, auth, 'GET', path, undefined, 40_000);
        // Once the run stops, a longpoll still waiting is abandoned (its socket is destroyed below).
        void pending.catch(() => undefined);
        const reply = await Promise.race([pending, stopSignal]);
        if (reply === 'stopped') return;
        // Light on purpose: the generator reads last_seq and counts rows without parsing the documents.
        const at = reply.body.lastIndexOf('"last_seq":');
        if (reply.status !== 200 || at < 0) {
          fail(`pull ${t.id}: ${reply.status} ${reply.body.slice(0, 100)}`);
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        report.pulledChanges += reply.body.split('"changes":').length - 1;
        const lastSeq = /^"last_seq":\s*("[^"]*"|\d+)/.exec(reply.body.slice(at))?.[1] ?? '0';
        since = encodeURIComponent(lastSeq.replace(/^"|"$/g, ''));
      } catch (error) {
        if (!stopped) fail(`pull ${t.id}: ${String(error)}`);
      }
    }
  };

  const push = async (t: SimTerminal, auth: string | undefined, agent: Agent) => {
    const checkpointId = `_local/bench-${t.id}`;
    let checkpointRev: string | undefined;
    const first = startAt + Math.random() * 1000;
    for (let k = 0; ; k++) {
      const due = first + k * 1000;
      if (due > endAt) return;
      // A terminal whose pushes fall behind its one-a-second sales cannot catch up by pushing faster:
      // the pushes still due at the end of the run were never made, and each one is an error.
      if (performance.now() > endAt) {
        const missed = Math.floor((endAt - due) / 1000) + 1;
        report.errors += missed;
        if (report.errorSamples.length < 5)
          report.errorSamples.push(`${t.id}: ${missed} pushes due before the end were never started`);
        return;
      }
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const hash = randomBytes(16).toString('hex');
      const id = factId(t.id);
      const doc = {
        ...task.orderTemplate,
        _id: id,
        id,
        storeId: t.storeId,
        terminalId: t.id,
        _rev: `1-${hash}`,
        _revisions: { start: 1, ids: [hash] },
      };
      const t0 = performance.now();
      report.pushes += 1;
      inFlight += 1;
      try {
        const diff = await send(
          agent,
          base,
          auth,
          'POST',
          `/${t.db}/_revs_diff`,
          JSON.stringify({ [id]: [doc._rev] }),
        );
        if (diff.status !== 200 || !diff.body.includes(hash)) {
          fail(`revs_diff ${t.id}: ${diff.status} ${diff.body.slice(0, 100)}`);
          continue;
        }
        const written = await send(
          agent,
          base,
          auth,
          'POST',
          `/${t.db}/_bulk_docs`,
          JSON.stringify({ docs: [doc], new_edits: false }),
        );
        // new_edits=false answers with the failures only: `[]` means written and durable.
        if (written.status !== 201 || written.body.trim() !== '[]') {
          fail(`bulk_docs ${t.id}: ${written.status} ${written.body.slice(0, 100)}`);
          continue;
        }
        report.ackLatenciesMs.push(performance.now() - t0);
        report.acknowledged += 1;
        const checkpoint = await send(
          agent,
          base,
          auth,
          'PUT',
          `/${t.db}/${checkpointId}`,
          JSON.stringify({ last_seq: k, ...(checkpointRev ? { _rev: checkpointRev } : {}) }),
        );
        if (checkpoint.status !== 201) {
          fail(`checkpoint ${t.id}: ${checkpoint.status} ${checkpoint.body.slice(0, 100)}`);
          continue;
        }
        checkpointRev = (JSON.parse(checkpoint.body) as { rev: string }).rev;
        report.latenciesMs.push(performance.now() - t0);
        report.startedAtS.push((t0 - startAt) / 1000);
      } catch (error) {
        fail(`push ${t.id}: ${String(error)}`);
      } finally {
        inFlight -= 1;
      }
    }
  };

  const authOf = (t: SimTerminal) =>
    t.user ? `Basic ${Buffer.from(`${t.user.name}:${t.user.password}`).toString('base64')}` : undefined;
  const pulls = task.terminals.map((t) => pull(t, authOf(t), oneSocket()));
  await Promise.all(task.terminals.map((t) => push(t, authOf(t), oneSocket())));
  stopped = true;
  stop();
  for (const agent of agents) agent.destroy();
  await Promise.allSettled(pulls);
  recordLoopDelay(report);
  return report;
}

process.send?.('ready');
process.on('message', (message: WorkerTask | 'stop') => {
  if (message !== 'stop') return;
  // The run's hard bound has passed: report what was seen; pushes still running count as errors.
  const report = current;
  if (!report) process.exit(1);
  recordLoopDelay(report);
  report.errors += inFlight;
  report.errorSamples.unshift(`${inFlight} pushes were still running at the bound`);
  process.send?.(report, () => process.exit(0));
});
process.once('message', (message: WorkerTask | 'stop') => {
  if (message === 'stop') return;
  const task = message;
  run(task).then(
    (report) => process.send?.(report, () => process.exit(0)),
    (error: unknown) => {
      console.error(`terminal worker failed: ${String(error)}`);
      process.exit(1);
    },
  );
});
