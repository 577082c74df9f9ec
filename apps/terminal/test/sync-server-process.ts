// Starts the real sync-server as a child process (`apps/sync-server/src/cli.ts --port 0`) for tests,
// reading the URL from its `listening on http://host:port` line, and stops it afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(repoRoot, 'apps/sync-server/src/cli.ts');
const ADMIN = { name: 'admin', password: 'terminal-tests-admin-1' } as const;

/** A sync-server child process, with admin helpers for test setup. */
export interface SyncServerProcess {
  readonly url: string;
  readonly adminAuthorization: string;
  /** Creates a database (a store's `store-<id>`); an existing one is fine. */
  createDatabase(name: string): Promise<void>;
  /** GETs a document as admin; undefined when the server does not have it. */
  getDocument(database: string, id: string): Promise<Record<string, unknown> | undefined>;
  stop(): Promise<void>;
}

/** Why the server cannot run here, or undefined when it can. */
export function syncServerUnavailable(): string | undefined {
  return existsSync(cli) ? undefined : `the sync-server CLI (${cli}) is not in this tree yet`;
}

export async function startSyncServerProcess(cors?: string): Promise<SyncServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'terminal-sync-server-'));
  const args = ['--import', 'tsx', cli, '--port', '0', '--data', dataDir, ...(cors ? ['--cors', cors] : [])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, POS_ADMIN_USER: ADMIN.name, POS_ADMIN_PASSWORD: ADMIN.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listeningUrl(child);
  const adminAuthorization = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;
  const headers = { Authorization: adminAuthorization, 'Content-Type': 'application/json' };
  return {
    url,
    adminAuthorization,
    async createDatabase(name) {
      const res = await fetch(`${url}/${name}`, { method: 'PUT', headers });
      if (!res.ok && res.status !== 412)
        throw new Error(`PUT /${name}: HTTP ${res.status} ${await res.text()}`);
    },
    async getDocument(database, id) {
      const res = await fetch(`${url}/${database}/${encodeURIComponent(id)}`, { headers });
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`GET /${database}/${id}: HTTP ${res.status}`);
      return (await res.json()) as Record<string, unknown>;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the sync-server did not print "listening on" within 60 s: ${err}`));
    }, 60_000);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sync-server exited (${code}) before listening: ${err}`));
    });
  });
}
