// Replication workloads for the sync-server bench: PouchDB's replicator and RxDB's CouchDB plugin
// pushing and pulling the same small order documents against any CouchDB-compatible server.
import { readFileSync } from 'node:fs';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { memoryDb, remoteDb } from '../apps/sync-server/src/testing/pouch';

/** A small order summary, the shape every workload moves. */
export interface SmallOrder {
  id: string;
  type: string;
  storeId: string;
  terminalId: string;
  total: number;
  currency: string;
  lines: number;
  createdAt: string;
}

/** Where a workload talks to: base URL and optional Basic credentials. */
export interface Target {
  name: string;
  url: string;
  user?: { name: string; password: string };
}

export const BATCH_SIZE = 500;

export function smallOrders(n: number): SmallOrder[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `s${String(i % 20).padStart(3, '0')}-t01-${String(i).padStart(10, '0')}`,
    type: 'order-summary',
    storeId: `s${String(i % 20).padStart(3, '0')}`,
    terminalId: 't01',
    total: 1000 + (i % 9000),
    currency: 'EUR',
    lines: 1 + (i % 7),
    createdAt: new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + i * 1000).toISOString(),
  }));
}

export function authHeader(target: Target): Record<string, string> {
  return target.user
    ? {
        Authorization: `Basic ${Buffer.from(`${target.user.name}:${target.user.password}`).toString('base64')}`,
      }
    : {};
}

export async function createDb(target: Target, db: string): Promise<void> {
  const res = await fetch(`${target.url}/${db}`, { method: 'PUT', headers: authHeader(target) });
  if (res.status !== 201)
    throw new Error(`${target.name}: creating ${db} answered ${res.status} ${await res.text()}`);
}

/** CPU seconds (user + system) a process has used so far (Linux /proc, 100 ticks a second). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A PouchDB memory database holding `orders` (built once, pushed to every server). */
export async function pouchSource(orders: SmallOrder[]): Promise<PouchDB.Database> {
  const db = memoryDb();
  for (let i = 0; i < orders.length; i += 5000) {
    await db.bulkDocs(orders.slice(i, i + 5000).map(({ id, ...rest }) => ({ _id: id, ...rest })));
  }
  return db;
}

export async function pouchPush(source: PouchDB.Database, target: Target, db: string): Promise<number> {
  const result = await source.replicate.to(remoteDb(`${target.url}/${db}`, target.user), {
    batch_size: BATCH_SIZE,
    batches_limit: 4,
  });
  if (!result.ok || result.doc_write_failures > 0) throw new Error(`${target.name}: PouchDB push failed`);
  return result.docs_written;
}

export async function pouchPull(target: Target, db: string): Promise<number> {
  const local = memoryDb();
  const result = await local.replicate.from(remoteDb(`${target.url}/${db}`, target.user), {
    batch_size: BATCH_SIZE,
    batches_limit: 4,
  });
  const written = result.docs_written;
  await local.destroy();
  return written;
}

const schema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    type: { type: 'string' },
    storeId: { type: 'string' },
    terminalId: { type: 'string' },
    total: { type: 'integer' },
    currency: { type: 'string' },
    lines: { type: 'integer' },
    createdAt: { type: 'string' },
  },
  required: ['id', 'type', 'storeId', 'total'],
} as const;

let rxCount = 0;

/** A fresh RxDB (memory storage) database with one `orders` collection. */
export async function rxOrders(): Promise<{ db: RxDatabase; orders: RxCollection<SmallOrder> }> {
  rxCount += 1;
  const db = await createRxDatabase({
    name: `bench${process.pid}x${rxCount}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  const { orders } = await db.addCollections({ orders: { schema } });
  return { db, orders: orders as RxCollection<SmallOrder> };
}

function rxFetch(target: Target): typeof fetch {
  const auth = authHeader(target);
  return (input, init) => {
    const headers = new Headers(init?.headers);
    for (const [k, v] of Object.entries(auth)) headers.set(k, v);
    return fetch(input, { ...init, headers });
  };
}

/** RxDB push of everything in `orders` to `db`; resolves when the server has all of it. */
export async function rxPush(orders: RxCollection<SmallOrder>, target: Target, db: string): Promise<void> {
  const replication = replicateCouchDB<SmallOrder>({
    replicationIdentifier: `bench-push-${target.name}-${db}`,
    collection: orders,
    url: `${target.url}/${db}/`,
    live: false,
    fetch: rxFetch(target),
    push: { batchSize: BATCH_SIZE },
    waitForLeadership: false,
  });
  let failure: Error | undefined;
  const sub = replication.error$.subscribe((e) => (failure = e));
  await replication.awaitInSync();
  sub.unsubscribe();
  await replication.cancel();
  if (failure) throw new Error(`${target.name}: RxDB push failed: ${failure.message}`);
}

/** RxDB pull of a whole database into a fresh collection; the number of documents pulled. */
export async function rxPull(target: Target, db: string): Promise<number> {
  const { db: rx, orders } = await rxOrders();
  const replication = replicateCouchDB<SmallOrder>({
    replicationIdentifier: `bench-pull-${target.name}-${db}`,
    collection: orders,
    url: `${target.url}/${db}/`,
    live: false,
    fetch: rxFetch(target),
    pull: { batchSize: BATCH_SIZE },
    waitForLeadership: false,
  });
  await replication.awaitInSync();
  await replication.cancel();
  const count = await orders.count().exec();
  await rx.close();
  return count;
}
