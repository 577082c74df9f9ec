// Starts a sync server on 127.0.0.1 port 0 with a fresh temp data folder, for tests and benches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSyncServer, type SyncServer, type SyncServerOptions } from '../server';

export const TEST_ADMIN = { name: 'admin', password: 'admin-password-1' } as const;

/** A started server plus helpers to call it as a given credential. */
export interface TestServer {
  server: SyncServer;
  url: string;
  dataDir: string;
  /** fetch relative to the server, with Basic auth for `as` (admin by default, null for anonymous). */
  call(
    path: string,
    init?: RequestInit & { as?: { name: string; password: string } | null; json?: unknown },
  ): Promise<Response>;
  /** Like `call`, returning `{status, body}` with the body parsed as JSON. */
  json<T = unknown>(
    path: string,
    init?: RequestInit & { as?: { name: string; password: string } | null; json?: unknown },
  ): Promise<{ status: number; body: T }>;
  close(keepData?: boolean): Promise<void>;
}

export function basicAuth(user: { name: string; password: string }): string {
  return `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}`;
}

export function tempDataDir(prefix = 'sync-server-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestServer(options: Partial<SyncServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const server = await startSyncServer({
    port: 0,
    adminUser: TEST_ADMIN.name,
    adminPassword: TEST_ADMIN.password,
    log: () => undefined,
    ...options,
    dataDir,
  });
  const call: TestServer['call'] = (path, init = {}) => {
    const { as = TEST_ADMIN, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (as) headers.set('Authorization', basicAuth(as));
    if (json !== undefined) headers.set('Content-Type', 'application/json');
    return fetch(server.url + path, {
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  };
  return {
    server,
    url: server.url,
    dataDir,
    call,
    async json<T>(path: string, init?: Parameters<TestServer['call']>[1]) {
      const res = await call(path, init);
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async close(keepData = false) {
      await server.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
