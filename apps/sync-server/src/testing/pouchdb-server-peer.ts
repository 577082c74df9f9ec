// Starts pouchdb-server (the Node CouchDB-compatible peer) as a child process on 127.0.0.1, for the
// oracle test and the side-by-side benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { tempDataDir } from './test-server';

/** A running pouchdb-server. */
export interface PouchServerPeer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts pouchdb-server; `inMemory` uses its memdown backend, otherwise LevelDB in a temp folder. */
export async function startPouchServer(
  options: { inMemory?: boolean; nodeArgs?: string[] } = {},
): Promise<PouchServerPeer> {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('pouchdb-server/package.json')), 'bin', 'pouchdb-server');
  const dir = tempDataDir('pouchdb-server-');
  const port = await freePort();
  const args = [
    ...(options.nodeArgs ?? []),
    bin,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--dir',
    dir,
    '--no-stdout-logs',
  ];
  if (options.inMemory) args.push('--in-memory');
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited early: ${stderr}`);
    const ok = await fetch(`${url}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`pouchdb-server did not start within 20 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
