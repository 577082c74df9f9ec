// Runs the sync server as its own process through the real CLI (`cli.ts`), for crash tests and benches
// (SIGKILL, restart on the same data, server-only memory figures).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from './pouchdb-server-peer';
import { TEST_ADMIN } from './test-server';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));

/** A sync server child process. */
export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resident memory of the server process in MiB (Linux /proc). */
  rssMiB(): number;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export async function spawnServer(
  dataDir: string,
  port?: number,
  extraArgs: string[] = [],
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', cli, '--port', String(p), '--data', dataDir, ...extraArgs],
    {
      env: { ...process.env, POS_ADMIN_USER: TEST_ADMIN.name, POS_ADMIN_PASSWORD: TEST_ADMIN.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('listening on http://')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${p}`,
    port: p,
    child,
    rssMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    kill(signal) {
      return new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve(child.exitCode);
          return;
        }
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
