// `--couch-url`: the terminals replicate straight with an Apache CouchDB cluster, and this process runs
// the server's other services against it over HTTP: provisioning (databases, `_security`, validation
// design documents), the directory (stores, `_users` credentials, enrollment), the stock roll-up, and,
// on a replica of the cluster kept in `--data` (cluster-replica.ts), HQ (`/_hq`), the integration API
// (`/_api`), the terminals' chain-wide look-ups (`/_omni`) and the update channel (`/_updates`). Callers
// authenticate with their CouchDB credentials (checked by CouchDB's `_session`, which this server
// forwards for the console's sign-in). The HTTP options (body limit, CORS origins) apply to every path
// as in the embedded mode.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IntegrationApiOptions } from '../api/integration-api';
import type { Principal } from '../auth/principal';
import { isRole } from '../auth/principal';
import type { PosCtx, Services } from '../http/context';
import { CouchError } from '../http/couch-error';
import { answerPreflight, applyCors } from '../http/cors';
import { sendJson } from '../http/respond';
import { posRoute, route } from '../http/router';
import { listenGracefully, type GracefulListener } from '../http/graceful-listener';
import { DEFAULT_MAX_BODY_BYTES, startSyncServer, type SyncServer } from '../server';
import { StockRollup } from '../stock/stock-rollup';
import { CouchRollupBackend } from '../stock/couch-rollup-backend';
import { ClusterReplica, type PassResult } from './cluster-replica';
import { CouchClient } from './couch-client';
import { CouchDirectory, provisionDatabase } from './couch-directory';
import { clusterUnreachable, forwardSession } from './forward-session';

/** Databases a cluster is provisioned with at start. */
export const CLUSTER_DATABASES = ['catalog', 'stock-levels', 'web-orders', 'hq'] as const;

/** The replica's own admin, used only by the replication between it and the cluster. */
export const REPLICA_ADMIN = 'pos-replica';
/**
 * Services served from the replica; everything else is the cluster's (or `/_pos`). The terminal calls
 * `/_hq/api/heartbeat`, `/_hq/api/update-report`, `/_omni/…` and `/_updates/` on its one server URL.
 */
export const REPLICA_PREFIXES = ['/_hq', '/_api', '/_omni', '/_updates'] as const;
/** Every path this process serves; a proxy in front routes these here and the rest to the cluster. */
export const SERVICE_PREFIXES = ['/_pos', '/_session', '/_up', ...REPLICA_PREFIXES] as const;

export interface CouchModeOptions {
  couchUrl: string;
  port: number;
  host?: string;
  /** The services' replica of the cluster, HQ figures, API state and the update channel's files. */
  dataDir: string;
  /** How often the roll-up looks for new movements (CouchDB has no in-process commit hook). */
  rollupIntervalMs?: number;
  /** How often the replica exchanges changes with the cluster. */
  replicaIntervalMs?: number;
  log?: (line: string) => void;
  /** Integration API knobs (webhook retry timing, stale-level limit), as in the embedded mode. */
  integrationApi?: IntegrationApiOptions;
  /** Largest accepted request body on every path (413 above it), as `--max-body` in the embedded mode. */
  maxBodyBytes?: number;
  /** Browser origins allowed with credentials (`--cors`); default: echo any origin. */
  corsOrigins?: string[];
}

export interface CouchModeServer {
  url: string;
  couch: CouchClient;
  rollup: StockRollup;
  /** The services' replica: its embedded server (not listening publicly) and the replication. */
  replica: ClusterReplica;
  /** The first replication pass after start (undefined if it failed; later passes retry). */
  firstPass: Promise<PassResult | undefined>;
  services: Services;
  embedded: SyncServer;
  close(): Promise<void>;
}

/** The principal CouchDB's `_session` reports for the credentials of this request. */
async function principalFrom(couch: CouchClient, req: IncomingMessage): Promise<Principal | undefined> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (req.headers.authorization) headers.Authorization = req.headers.authorization;
  if (req.headers.cookie) headers.Cookie = req.headers.cookie;
  const res = await fetch(`${couch.base}/_session`, { headers }).catch(clusterUnreachable);
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
  // The first catch-up (every movement on a first start) runs in the background like later polls.
  let polling: Promise<void> = rollup
    .catchUp()
    .catch((e: unknown) => log(`stock roll-up failed: ${String(e)}`));
  const timer = setInterval(() => {
    polling = polling
      .then(() => rollup.catchUp())
      .catch((e: unknown) => log(`stock roll-up failed: ${String(e)}`));
  }, options.rollupIntervalMs ?? 2000);

  const embedded = await startReplicaServer(options, log);
  const replica = new ClusterReplica(
    couch,
    embedded.client,
    embedded.server.services.store,
    embedded.server.services.auth,
    log,
  );
  // The first pass copies the cluster (all of it on a first start). `/_pos` answers meanwhile; HQ and the
  // API wait for it (503), since figures and routing from a partial copy would be wrong.
  const firstPass = replica.sync().then(
    (first) => {
      for (const line of [...first.refused, ...first.failed]) log(`cluster replica: ${line}`);
      return first;
    },
    (error: unknown) => {
      log(`cluster replica: the first pass failed, retried on the next: ${String(error)}`);
      return undefined;
    },
  );
  replica.start(options.replicaIntervalMs ?? 1000);
  const replicaServices = embedded.server.services;
  // Enrollment and revocation from the HQ console must reach CouchDB's `_users`, as `/_pos` does.
  replicaServices.directory = directory;
  // The services' writes to store databases (web orders, reservations, PIN resets) go out at once.
  const notifyRollupAndHq = replicaServices.onStoreWrite;
  replicaServices.onStoreWrite = (db) => {
    notifyRollupAndHq(db);
    replica.soon();
  };

  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const cors = options.corsOrigins ?? ['*'];
  // The replica's services read their body limit from the Services object that its own loopback server
  // shares, and the replication into the replica must not be bound by the public limit (a batch of 500
  // pulled documents is far larger than any one public request). So the limit is request-scoped: public
  // requests routed to the replica run inside `publicLimit`, everything else gets the replica's own.
  const publicLimit = new AsyncLocalStorage<number>();
  const internalLimit = Math.max(replicaServices.maxBodyBytes, maxBodyBytes);
  Object.defineProperty(replicaServices, 'maxBodyBytes', {
    get: () => publicLimit.getStore() ?? internalLimit,
    enumerable: true,
    configurable: true,
  });
  const services = { directory, maxBodyBytes, enrollmentTtlMs: 24 * 60 * 60 * 1000 };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (answerPreflight(req, res, cors)) return;
      applyCors(req, res, cors);
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/' || url.pathname === '/_up') {
        sendJson(res, 200, { status: 'ok', mode: 'couchdb', couchdb: couch.base });
        return;
      }
      if (url.pathname === '/_session') return await forwardSession(couch, req, res);
      if (REPLICA_PREFIXES.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))) {
        const updates = url.pathname.startsWith('/_updates');
        if (replica.passes === 0 && !updates)
          throw new CouchError(
            503,
            'service_unavailable',
            'The services are still copying the cluster (first start); try again in a moment.',
          );
        // The update channel is public and integrations present API keys: no `_session` round trip.
        // The console's pages load before sign-in: a stale cookie there is an anonymous caller.
        const byKey = url.pathname.startsWith('/_api/') && /^Bearer /i.test(req.headers.authorization ?? '');
        const principal =
          updates || byKey
            ? undefined
            : await principalFrom(couch, req).catch((error: unknown) => {
                if (error instanceof CouchError && error.status === 401) return undefined;
                throw error;
              });
        await publicLimit.run(maxBodyBytes, () =>
          route({ req, res, url, principal, services: replicaServices }),
        );
        return;
      }
      if (!url.pathname.startsWith('/_pos/')) {
        throw new CouchError(
          404,
          'not_found',
          `In CouchDB mode terminals replicate with ${couch.base}; this server serves ${SERVICE_PREFIXES.join(', ')}.`,
        );
      }
      const open = url.pathname === '/_pos/enroll';
      const principal = open ? undefined : await principalFrom(couch, req);
      const ctx: PosCtx = { req, res, url, principal, services };
      await posRoute(ctx, url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent));
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      if (error instanceof CouchError) {
        const headers: Record<string, string> = {};
        if (error.status === 429) headers['Retry-After'] = /(\d+) s/.exec(error.reason)?.[1] ?? '60';
        sendJson(res, error.status, { error: error.error, reason: error.reason }, headers);
        if (!req.complete) req.resume();
        return;
      }
      log(
        `internal error on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      sendJson(res, 500, {
        error: 'internal_server_error',
        reason: 'The server failed to answer this request; see its log.',
      });
    }
  };
  // The same listener as the embedded mode's: keep-alive for browsers, a deep backlog for a fleet
  // reconnecting at once, and a shutdown that lets in-flight requests finish (at most 10 s).
  let listener: GracefulListener;
  try {
    listener = await listenGracefully(
      { port: options.port, host: options.host ?? '127.0.0.1' },
      (req, res) => {
        void handle(req, res);
      },
    );
  } catch (error) {
    clearInterval(timer);
    await replica.stop();
    await rollup.stop();
    await embedded.server.close();
    throw error;
  }
  const port = listener.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    couch,
    rollup,
    replica,
    firstPass,
    services: replicaServices,
    embedded: embedded.server,
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        await listener.stop();
        await replica.stop();
        await polling;
        await rollup.stop();
        await embedded.server.close();
      })();
      return closing;
    },
  };
}

/**
 * Starts the embedded server that holds the replica, on loopback only. Its admin gets a fresh random
 * password at every start: only the replication in this process uses it.
 */
async function startReplicaServer(
  options: CouchModeOptions,
  log: (line: string) => void,
): Promise<{ server: SyncServer; client: CouchClient }> {
  if (!options.dataDir) throw new Error("--couch-url needs --data <dir> for the services' replica.");
  const password = randomBytes(24).toString('base64url');
  const server = await startSyncServer({
    dataDir: options.dataDir,
    port: 0,
    host: '127.0.0.1',
    adminUser: REPLICA_ADMIN,
    adminPassword: password,
    log,
    ...(options.integrationApi ? { integrationApi: options.integrationApi } : {}),
  });
  await server.services.auth.setPrincipal({ name: REPLICA_ADMIN, role: 'admin' }, password);
  return {
    server,
    client: new CouchClient(
      `http://${REPLICA_ADMIN}:${encodeURIComponent(password)}@127.0.0.1:${server.port}`,
    ),
  };
}
