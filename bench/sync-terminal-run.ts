// Only the terminal phase of the sync-server bench, against our server, at any size: for checking a
// change to the server's latency under load without the 10-minute replication phases.
//   BENCH_TERMINALS=100 BENCH_SECONDS=20 npx tsx bench/sync-terminal-run.ts [--cli <path/to/cli.ts>]
// `BENCH_PRELOAD_DOCS=200000` first writes that many small orders into another database, as the full
// bench's replication phases do before its terminal run (a server holding data, its WAL checkpointed
// while the terminals run).
// `--cli` starts another checkout's server (e.g. an export of the previous commit) under the same
// generator, so before and after can be measured back to back on the same machine. Prints one summary
// line and writes nothing to bench/results.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../apps/sync-server/src/testing/pouchdb-server-peer';
import { TEST_ADMIN, tempDataDir } from '../apps/sync-server/src/testing/test-server';
import { terminalRun } from './sync-terminal-phase';
import { createDb, smallOrders } from './sync-workloads';

const { values } = parseArgs({ options: { cli: { type: 'string' }, label: { type: 'string' } } });
const cli = values.cli ?? fileURLToPath(new URL('../apps/sync-server/src/cli.ts', import.meta.url));
const TERMINALS = Number(process.env.BENCH_TERMINALS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PRELOAD = Number(process.env.BENCH_PRELOAD_DOCS ?? 0);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

const dataDir = tempDataDir('bench-terminals-');
const port = await freePort();
const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', String(port), '--data', dataDir], {
  env: { ...process.env, POS_ADMIN_USER: TEST_ADMIN.name, POS_ADMIN_PASSWORD: TEST_ADMIN.password },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
try {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('listening on http://')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`the server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  if (PRELOAD > 0) {
    const target = { name: 'store-os', url, user: TEST_ADMIN };
    await createDb(target, 'bench-preload');
    const auth = `Basic ${Buffer.from(`${TEST_ADMIN.name}:${TEST_ADMIN.password}`).toString('base64')}`;
    const orders = smallOrders(PRELOAD);
    for (let i = 0; i < orders.length; i += 1000) {
      const docs = orders.slice(i, i + 1000).map((o) => ({ _id: o.id, ...o }));
      const res = await fetch(`${url}/bench-preload/_bulk_docs`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ docs }),
      });
      if (res.status !== 201) throw new Error(`preload answered ${res.status} ${await res.text()}`);
    }
    console.log(`preloaded ${PRELOAD} small orders (${elapsed()})`);
  }
  const load0 = loadavg()[0] ?? 0;
  await terminalRun(
    {
      name: values.label ?? 'store-os',
      url,
      user: TEST_ADMIN,
      pid: child.pid ?? 0,
    },
    { count: TERMINALS, seconds: SECONDS, enroll: true, elapsed },
  );
  console.log(`load average ${load0.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end`);
} finally {
  child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))]);
  if (code === 'timeout') child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
