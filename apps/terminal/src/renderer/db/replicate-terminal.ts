import type { Clock } from '@store-os/shared';
import { migrateDocument } from '@store-os/shared/schemas';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { CatalogSync } from './catalog-sync';
import { Connectivity } from './connectivity';
import type { SyncLedger } from './sync-ledger';
import {
  catalogStoreOf,
  REPLICATED_COLLECTIONS,
  type EnvelopeDocument,
  type ReplicatedCollection,
  type TerminalDatabase,
} from './terminal-database';
import type { WithDeleted } from 'rxdb';
import { createTrackingFetch } from './tracking-fetch';

/** Where and as whom the terminal replicates. */
export interface ReplicationOptions {
  readonly serverUrl: string;
  readonly storeId: string;
  /** The `Authorization` header value for the sync-server (the terminal's enrolled credential). */
  readonly authorization: string | null;
  readonly ledger: SyncLedger;
  readonly clock: Clock;
  readonly fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly catalog?: CatalogPullOptions;
}

/** The running replications, their shared reachability, and how to stop them. */
export interface TerminalReplication {
  /**
   * RxDB's replication of each collection. `catalog` is here only for a database without a catalog
   * store (Node tests without IndexedDB); otherwise the catalog is pulled by `catalogSync`.
   */
  readonly states: Readonly<
    Record<Exclude<ReplicatedCollection, 'catalog'>, RxCouchDBReplicationState<EnvelopeDocument>> & {
      catalog?: RxCouchDBReplicationState<EnvelopeDocument>;
    }
  >;
  /** The catalog's pull into the catalog store, with its progress (undefined without a catalog store). */
  readonly catalogSync: CatalogSync | undefined;
  readonly connectivity: Connectivity;
  /** Resolves when every replication has caught up with the server once. */
  awaitInitialReplication(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of the catalog's pull (tests and benchmarks tune them). */
export interface CatalogPullOptions {
  readonly batchSize?: number;
}

/** The terminal's credentials on every request, and reachability from every answer. */
function authorizedFetch(
  base: NonNullable<ReplicationOptions['fetch']>,
  authorization: string | null,
  connectivity: Connectivity,
): NonNullable<ReplicationOptions['fetch']> {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (authorization) headers.set('Authorization', authorization);
    try {
      const response = await base(input, { ...init, headers });
      connectivity.reachable();
      return response;
    } catch (error) {
      if (!(init.signal?.aborted ?? false))
        connectivity.unreachable(error instanceof Error ? error.message : String(error));
      throw error;
    }
  };
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;

/** The server database behind each collection, and whether the terminal writes to it. */
function routeOf(collection: ReplicatedCollection, storeId: string): { database: string; push: boolean } {
  switch (collection) {
    case 'catalog':
      return { database: 'catalog', push: false };
    case 'store':
      return { database: `store-${storeId}`, push: true };
    case 'stock-levels':
      return { database: 'stock-levels', push: false };
  }
}

/**
 * Live replication of every collection with its server database (RxDB's CouchDB plugin): pull for all,
 * push for the store's own database. Each resumes from its checkpoint; retries back off from 1 s to 60 s
 * while the server is unreachable and return to 1 s as soon as any request gets through.
 */
export function replicateTerminal(db: TerminalDatabase, options: ReplicationOptions): TerminalReplication {
  const connectivity = new Connectivity(options.clock);
  const base = options.fetch ?? ((input, init) => fetch(input, init));
  const states = {} as Record<ReplicatedCollection, RxCouchDBReplicationState<EnvelopeDocument>>;
  const catalogStore = catalogStoreOf(db);
  const server = options.serverUrl.replace(/\/$/, '');
  const catalogSync = catalogStore
    ? new CatalogSync({
        db,
        store: catalogStore,
        url: `${server}/catalog/`,
        fetch: authorizedFetch(base, options.authorization, connectivity),
        clock: options.clock,
        firstRetryMs: FIRST_RETRY_MS,
        maxRetryMs: MAX_RETRY_MS,
        ...(options.catalog?.batchSize ? { batchSize: options.catalog.batchSize } : {}),
      }).start()
    : undefined;
  const rxdbCollections = catalogSync ? (['store', 'stock-levels'] as const) : REPLICATED_COLLECTIONS;
  for (const collection of rxdbCollections) {
    const route = routeOf(collection, options.storeId);
    const url = `${server}/${route.database}/`;
    const trackingFetch = createTrackingFetch({
      base,
      authorization: options.authorization,
      connectivity,
      observer: {
        pushed: (accepted, rejected) => options.ledger.recordPush(collection, accepted, rejected),
        seen: (ids) => options.ledger.recordPush(collection, ids, []),
      },
    });
    const state = replicateCouchDB<EnvelopeDocument>({
      replicationIdentifier: `couchdb:${url}`,
      collection: db[collection],
      url,
      live: true,
      retryTime: FIRST_RETRY_MS,
      waitForLeadership: false,
      fetch: trackingFetch,
      pull: { batchSize: 200, modifier: upgradePulled },
      ...(route.push ? { push: { batchSize: 50 } } : {}),
    });
    state.error$.subscribe(() => {
      state.retryTime = Math.min((state.retryTime ?? FIRST_RETRY_MS) * 2, MAX_RETRY_MS);
    });
    states[collection] = state;
  }
  const backOnline = connectivity.state$.subscribe((s) => {
    if (!s.online) return;
    for (const state of Object.values(states)) state.retryTime = FIRST_RETRY_MS;
    if (catalogSync) catalogSync.retryTime = FIRST_RETRY_MS;
  });
  return {
    states,
    catalogSync,
    connectivity,
    async awaitInitialReplication() {
      await Promise.all([
        ...Object.values(states).map((s) => s.awaitInitialReplication()),
        catalogSync?.awaitInitialSync(),
      ]);
    },
    async stop() {
      backOnline.unsubscribe();
      await Promise.all([...Object.values(states).map((s) => s.cancel()), catalogSync?.stop()]);
    },
  };
}

/**
 * Brings a pulled document to this code's schema version. Tombstones pass as they are; a document this
 * code cannot migrate (a newer type from a newer server) is kept unchanged rather than stopping the pull.
 */
function upgradePulled(doc: WithDeleted<EnvelopeDocument>): WithDeleted<EnvelopeDocument> {
  if (doc._deleted) return doc;
  try {
    return { ...(migrateDocument(doc) as EnvelopeDocument), _deleted: false };
  } catch {
    return doc;
  }
}
