// RxDB 17 clients (memory storage) replicating with `replicateCouchDB`, as the terminal does.
import { createRxDatabase, type RxCollection, type RxConflictHandler, type RxDatabase } from 'rxdb';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';

/** The document shape used by compat tests and benches. */
export interface RxItem {
  id: string;
  n: number;
  text: string;
}

const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 200 }, n: { type: 'number' }, text: { type: 'string' } },
  required: ['id', 'n', 'text'],
} as const;

/** One RxDB database with one collection and its replication to `url` (which must end with `/`). */
export interface RxClient {
  db: RxDatabase;
  items: RxCollection<RxItem>;
  replication: RxCouchDBReplicationState<RxItem>;
  /** Runs one more one-shot replication with the same identifier (same checkpoint and master state). */
  syncOnce(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

export async function rxClient(options: {
  url: string;
  user?: { name: string; password: string };
  live?: boolean;
  push?: boolean;
  pull?: boolean;
  batchSize?: number;
  conflictHandler?: RxConflictHandler<RxItem>;
}): Promise<RxClient> {
  counter += 1;
  const db = await createRxDatabase({
    name: `rx${process.pid}x${counter}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  const { items } = await db.addCollections({
    items: { schema, ...(options.conflictHandler ? { conflictHandler: options.conflictHandler } : {}) },
  });
  const auth = options.user
    ? `Basic ${Buffer.from(`${options.user.name}:${options.user.password}`).toString('base64')}`
    : undefined;
  const identifier = `rx-${options.url}-${counter}`;
  const start = (live: boolean) =>
    replicateCouchDB<RxItem>({
      replicationIdentifier: identifier,
      collection: items as RxCollection<RxItem>,
      url: options.url,
      live,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        if (auth) headers.set('Authorization', auth);
        return fetch(input, { ...init, headers });
      },
      ...(options.pull === false ? {} : { pull: { batchSize: options.batchSize ?? 100 } }),
      ...(options.push === false ? {} : { push: { batchSize: options.batchSize ?? 100 } }),
      retryTime: 500,
      waitForLeadership: false,
    });
  const replication = start(options.live ?? false);
  const extra: RxCouchDBReplicationState<RxItem>[] = [];
  return {
    db,
    items: items as RxCollection<RxItem>,
    replication,
    async syncOnce() {
      const once = start(false);
      extra.push(once);
      await once.awaitInSync();
    },
    async close() {
      await replication.cancel();
      for (const r of extra) await r.cancel();
      await db.close();
    },
  };
}
