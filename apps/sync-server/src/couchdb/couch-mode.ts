// `--couch-url`: the terminals replicate straight with an Apache CouchDB cluster, and this process runs
// the server's other services against it over HTTP: provisioning (databases, `_security`, validation
// design documents), the directory (stores, `_users` credentials, enrollment), and the stock roll-up.
// Callers of `/_pos` authenticate with their CouchDB credentials (checked by CouchDB's `_session`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal } from '../auth/principal';
import { isRole } from '../auth/principal';
import type { PosCtx } from '../http/context';
import { CouchError } from '../http/couch-error';
import { answerPreflight, applyCors } from '../http/cors';
import { sendJson } from '../http/respond';
import { posRoute } from '../http/router';
import { StockRollup } from '../stock/stock-rollup';
import { CouchRollupBackend } from '../stock/couch-rollup-backend';
import { CouchClient } from './couch-client';
import { CouchDirectory, provisionDatabase } from './couch-directory';

/** Databases a cluster is provisioned with at start. */
export const CLUSTER_DATABASES = ['catalog', 'stock-levels', 'web-orders', 'hq'] as const;

export interface CouchModeOptions {
  couchUrl: string;
  port: number;
  host?: string;
  /** How often the roll-up looks for new movements (CouchDB has no in-process commit hook). */
  rollupIntervalMs?: number;
  log?: (line: string) => void;
}

export interface CouchModeServer {
  url: string;
  couch: CouchClient;
  rollup: StockRollup;
  close(): Promise<void>;
}

/** The principal CouchDB's `_session` reports for the credentials of this request. */
async function principalFrom(couch: CouchClient, req: IncomingMessage): Promise<Principal | undefined> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (req.headers.authorization) headers.Authorization = req.headers.authorization;
  if (req.headers.cookie) headers.Cookie = req.headers.cookie;
  const res = await fetch(`${couch.base}/_session`, { headers });
  if (res.status === 401) throw new CouchError(401, 'unauthorized', 'Name or password is incorrect.');
  const body = (await res.json()) as { userCtx?: { name: string | null; roles: string[] } };
  const ctx = body.userCtx;
  if (!ctx) return undefined;
  if (ctx.roles.includes('_admin')) return { name: ctx.name ?? 'admin', role: 'admin' };
  const role = ctx.roles.find(isRole);
  if (!ctx.name || !role) return undefined;
  const store = ctx.roles.find((r) => r.startsWith('store:'))?.slice('store:'.length);
  return { name: ctx.name, role, ...(store ? { storeId: store } : {}) };
}

export async function startCouchMode(options: CouchModeOptions): Promise<CouchModeServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const couch = new CouchClient(options.couchUrl);
  const directory = new CouchDirectory(couch);
  await directory.prepare();
  for (const db of CLUSTER_DATABASES) await provisionDatabase(couch, db);
  // Existing store databases get the current `_security` and validation rules (schemas may have changed).
  const all = (await couch.request<string[]>('GET', '/_all_dbs')).body;
  for (const db of all.filter((name) => name.startsWith('store-'))) await provisionDatabase(couch, db);
  const backend = new CouchRollupBackend(couch);
  await backend.prepare();
  const rollup = new StockRollup(backend, (e) => log(`stock roll-up failed: ${String(e)}`));
  await rollup.catchUp();
  let polling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    polling = polling
      .then(() => rollup.catchUp())
      .catch((e: unknown) => log(`stock roll-up failed: ${String(e)}`));
  }, options.rollupIntervalMs ?? 2000);

  const services = { directory, maxBodyBytes: 1024 * 1024, enrollmentTtlMs: 24 * 60 * 60 * 1000 };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (answerPreflight(req, res, ['*'])) return;
      applyCors(req, res, ['*']);
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/' || url.pathname === '/_up') {
        sendJson(res, 200, { status: 'ok', mode: 'couchdb', couchdb: couch.base });
        return;
      }
      if (!url.pathname.startsWith('/_pos/')) {
        throw new CouchError(
          404,
          'not_found',
          `In CouchDB mode terminals replicate with ${couch.base}; this server only serves /_pos.`,
        );
      }
      const open = url.pathname === '/_pos/enroll';
      const principal = open ? undefined : await principalFrom(couch, req);
      const ctx: PosCtx = { req, res, url, principal, services };
      await posRoute(ctx, url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent));
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      if (error instanceof CouchError)
        return sendJson(res, error.status, { error: error.error, reason: error.reason });
      log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendJson(res, 500, {
        error: 'internal_server_error',
        reason: 'The server failed to answer this request; see its log.',
      });
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    couch,
    rollup,
    async close() {
      clearInterval(timer);
      await polling;
      await rollup.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
