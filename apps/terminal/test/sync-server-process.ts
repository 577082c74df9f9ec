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
  /** Creates a store (directory entry and `store-<id>` database) through `/_pos/stores`; idempotent. */
  createStore(storeId: string): Promise<void>;
  /** A one-time enrollment code for a new terminal of the store, as IT would hand it over. */
  enrollmentCode(storeId: string, terminalId: string): Promise<string>;
  /** Writes documents as admin (`_bulk_docs`); throws with the server's reasons when any is refused. */
  putDocuments(database: string, docs: readonly Record<string, unknown>[]): Promise<void>;
  /** The server's data folder: a restart on it (same port) is the same server. */
  readonly dataDir: string;
  readonly port: number;
  /** GETs a document as admin; undefined when the server does not have it. */
  getDocument(database: string, id: string): Promise<Record<string, unknown> | undefined>;
  stop(): Promise<void>;
}

/** Why the server cannot run here, or undefined when it can. */
export function syncServerUnavailable(): string | undefined {
  return existsSync(cli) ? undefined : `the sync-server CLI (${cli}) is not in this tree yet`;
}

export async function startSyncServerProcess(
  cors?: string,
  options: { dataDir?: string; port?: number } = {},
): Promise<SyncServerProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'terminal-sync-server-')));
  const args = [
    '--import',
    'tsx',
    cli,
    '--port',
    String(options.port ?? 0),
    '--data',
    dataDir,
    ...(cors ? ['--cors', cors] : []),
  ];
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
    dataDir,
    port: Number(new URL(url).port),
    adminAuthorization,
    async createDatabase(name) {
      const res = await fetch(`${url}/${name}`, { method: 'PUT', headers });
      if (!res.ok && res.status !== 412)
        throw new Error(`PUT /${name}: HTTP ${res.status} ${await res.text()}`);
    },
    async createStore(storeId) {
      const res = await fetch(`${url}/_pos/stores`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ id: storeId, name: `Store ${storeId}` }),
      });
      if (!res.ok) throw new Error(`POST /_pos/stores: HTTP ${res.status} ${await res.text()}`);
    },
    async enrollmentCode(storeId, terminalId) {
      const res = await fetch(`${url}/_pos/stores/${storeId}/terminals`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ terminalId }),
      });
      const body = (await res.json()) as { enrollmentCode?: string };
      if (!res.ok || !body.enrollmentCode)
        throw new Error(`creating terminal ${terminalId}: HTTP ${res.status} ${JSON.stringify(body)}`);
      return body.enrollmentCode;
    },
    async putDocuments(database, docs) {
      const res = await fetch(`${url}/${database}/_bulk_docs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ docs: docs.map(({ id, ...rest }) => ({ _id: id, ...rest })) }),
      });
      const rows = (await res.json()) as { id: string; ok?: boolean; reason?: string }[];
      const refused = Array.isArray(rows) ? rows.filter((r) => !r.ok) : [rows];
      if (!res.ok || refused.length > 0)
        throw new Error(`the server refused documents in ${database}: ${JSON.stringify(refused)}`);
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
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
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
