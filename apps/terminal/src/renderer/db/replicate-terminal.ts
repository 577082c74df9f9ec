import type { Clock } from '@store-os/shared';
import { migrateDocument } from '@store-os/shared/schemas';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { Connectivity } from './connectivity';
import type { SyncLedger } from './sync-ledger';
import type { EnvelopeDocument, ReplicatedCollection, TerminalDatabase } from './terminal-database';
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
}

/** The running replications, their shared reachability, and how to stop them. */
export interface TerminalReplication {
  readonly states: Readonly<Record<ReplicatedCollection, RxCouchDBReplicationState<EnvelopeDocument>>>;
  readonly connectivity: Connectivity;
  stop(): Promise<void>;
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
  for (const collection of ['catalog', 'store', 'stock-levels'] as const) {
    const route = routeOf(collection, options.storeId);
    const url = `${options.serverUrl.replace(/\/$/, '')}/${route.database}/`;
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
    if (s.online) for (const state of Object.values(states)) state.retryTime = FIRST_RETRY_MS;
  });
  return {
    states,
    connectivity,
    async stop() {
      backOnline.unsubscribe();
      await Promise.all(Object.values(states).map((s) => s.cancel()));
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
