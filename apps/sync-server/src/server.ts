// Starts the sync server: embedded store, auth, the CouchDB HTTP API on node:http (no framework in the
// hot path), keep-alive for browser terminals, and a shutdown that finishes in-flight writes first.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startIntegrationApi, type IntegrationApiOptions } from './api/integration-api';
import { Authenticator, StaleSessionError } from './auth/authenticate';
import { AuthStore } from './auth/auth-store';
import { EmbeddedDirectory } from './auth/embedded-directory';
import { DEFAULT_LOGIN_LIMITS, LoginRateLimit, type RateLimitOptions } from './auth/login-rate-limit';
import { securityFor } from './auth/access-policy';
import type { Ctx, Services } from './http/context';
import { CouchError } from './http/couch-error';
import { answerPreflight, applyCors } from './http/cors';
import { sendJson } from './http/respond';
import { route } from './http/router';
import { StockRollup } from './stock/stock-rollup';
import { EmbeddedRollupBackend } from './stock/embedded-rollup-backend';
import { attachHq } from './hq/hq-service';
import { startOmni } from './omni/omni-service';
import { StorageFailedError } from './storage/group-commit';
import { SqliteStore, type SqliteStoreOptions } from './storage/sqlite-store';
import type { DurabilityBarrier } from './http/durable-response';
import { listenGracefully } from './http/graceful-listener';
import type { ValidateDocument } from './validation/write-validator';
import { precompileDocumentValidators, validateDocument } from '@store-os/shared/schemas';

/** Databases every deployment has (DESIGN.md "Sync"); store databases are created with their store. */
export const STANDARD_DATABASES = ['catalog', 'stock-levels', 'web-orders', 'hq'] as const;

/** How to start a sync server. */
export interface SyncServerOptions {
  dataDir: string;
  port: number;
  host?: string;
  adminUser?: string;
  adminPassword?: string;
  /** Largest accepted request body (413 above it). */
  maxBodyBytes?: number;
  corsOrigins?: string[];
  enrollmentTtlMs?: number;
  loginLimits?: RateLimitOptions;
  validate?: ValidateDocument;
  log?: (line: string) => void;
  /** Integration API knobs (webhook retry timing, stale-level limit). */
  integrationApi?: IntegrationApiOptions;
  /** Storage knobs; tests replace the fsync to hold it open or make it fail. */
  storage?: Pick<SqliteStoreOptions, 'sync'>;
}

/** A running server. */
export interface SyncServer {
  url: string;
  port: number;
  services: Services;
  rollup: StockRollup;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const store = new SqliteStore(options.dataDir, {
    ...options.storage,
    // Logged once; every refused write after it answers 503 with the same reason.
    onFailure: (error) => log(`${error.message} (writes are refused until then; reads keep working)`),
  });
  const auth = new AuthStore(store);
  if (!auth.get(options.adminUser ?? '')) {
    if (options.adminUser && options.adminPassword) {
      await auth.setPrincipal({ name: options.adminUser, role: 'admin' }, options.adminPassword);
    } else if (!auth.hasActiveAdmin()) {
      // Only the first start needs the variables; later starts find the admin in the data folder.
      await store.close();
      throw new Error('No admin exists yet: set POS_ADMIN_USER and POS_ADMIN_PASSWORD for the first start.');
    }
  }
  for (const db of STANDARD_DATABASES) await store.createDb(db, securityFor(db));
  // Compiling every schema now keeps the first write of each type from stalling its terminal.
  if (!options.validate) precompileDocumentValidators();

  const rollup = new StockRollup(new EmbeddedRollupBackend(store), (e) =>
    log(`stock roll-up failed: ${String(e)}`),
  );
  const services: Services = {
    store,
    auth,
    directory: new EmbeddedDirectory(auth, store),
    authenticator: new Authenticator(
      auth,
      new LoginRateLimit(options.loginLimits ?? DEFAULT_LOGIN_LIMITS),
      auth.cookieSecret(),
    ),
    validate: options.validate ?? validateDocument,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    cors: options.corsOrigins ?? ['*'],
    stopping: { value: false },
    onStoreWrite: (db) => rollup.notify(db),
    enrollmentTtlMs: options.enrollmentTtlMs ?? 24 * 60 * 60 * 1000,
  };
  const integrationApi = startIntegrationApi(services, { log, ...options.integrationApi });
  const hq = attachHq(services, log);
  const omni = startOmni(services, log);

  const listener = await listenGracefully(
    { port: options.port, host: options.host ?? '127.0.0.1' },
    (req, res) => {
      res.barrier = barrierFor(req.url ?? '/', store);
      void handle(services, req, res, log);
    },
  );
  const port = listener.port;
  await rollup.catchUp();
  await hq.start();

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      services.stopping.value = true;
      // Live feeds answer now instead of holding their connections until the drain times out.
      await listener.stop(() => store.notifier.wakeAll());
      await omni.stop();
      await integrationApi.stop();
      await rollup.stop();
      await hq.stop();
      await store.close();
    })();
    return closing;
  };
  return { url: `http://${options.host ?? '127.0.0.1'}:${port}`, port, services, rollup, close };
}

/**
 * What a response waits for before it leaves (see http/durable-response.ts). A CouchDB database route
 * waits for the fsync of a commit that touched its database only (its handler already waits before
 * reading; this also covers what it checked before that, such as whether the database exists), so one
 * store's replication never waits for another's fsync. Other routes read tables no database name
 * describes (HQ, the integration API, `/_pos`, `/_omni`, `/_session`, `_all_dbs`) and wait for any
 * running fsync. None: `GET /`, `_up` and `_uuids` (nothing a commit writes) and `/_updates` (release
 * files, each written durably before it is published).
 */
function barrierFor(path: string, store: SqliteStore): DurabilityBarrier | undefined {
  const first = /^\/([^/?]*)/.exec(path)?.[1] ?? '';
  if (first === '' || first === '_up' || first === '_uuids' || first === '_updates') return undefined;
  if (first.startsWith('_')) return () => store.settling();
  let db = first;
  try {
    db = decodeURIComponent(first);
  } catch {
    // The router answers 400 for it; nothing is read.
  }
  return () => store.unsettled(db);
}

async function handle(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  log: (l: string) => void,
): Promise<void> {
  try {
    if (answerPreflight(req, res, services.cors)) return;
    applyCors(req, res, services.cors);
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Paths that answer their own 401s: the integration API authenticates by API key, the HQ console's
    // pages load before sign-in, and enrollment is anonymous.
    const ownAuth =
      url.pathname === '/_pos/enroll' ||
      url.pathname.startsWith('/_api/') ||
      url.pathname.startsWith('/_hq/');
    const open = ownAuth || url.pathname === '/_session' || url.pathname === '/' || url.pathname === '/_up';
    let principal;
    try {
      principal = await services.authenticator.principalOf(req);
    } catch (error) {
      // A stale cookie must not stop someone from logging in again; a wrong Basic password is a 401
      // on the CouchDB paths, as CouchDB answers it.
      const anonymous =
        error instanceof StaleSessionError ||
        (ownAuth && error instanceof CouchError && error.status === 401);
      if (!(open && anonymous)) throw error;
    }
    const ctx: Ctx = { req, res, url, principal, services };
    await route(ctx);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof StorageFailedError) {
      // Logged once when the fsync failed; each refusal names the failure to its client.
      sendJson(res, 503, { error: 'service_unavailable', reason: error.message });
      if (!req.complete) req.resume();
      return;
    }
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
}
