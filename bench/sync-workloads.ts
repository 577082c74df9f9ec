// Replication workloads for the sync-server bench: PouchDB's replicator and RxDB's CouchDB plugin
// pushing and pulling the same small order documents against any CouchDB-compatible server.
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { memoryDb, PouchDB, remoteDb } from '../apps/sync-server/src/testing/pouch';

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

/** Replication batch size, the same for every server (PouchDB's `batch_size`, RxDB's `batchSize`). */
export const BATCH_SIZE = Number(process.env.BENCH_BATCH ?? 1000);

/**
 * PouchDB's HTTP client is node-fetch, which closes the connection after every request unless given an
 * agent; a browser or RxDB's fetch keeps connections alive, so the PouchDB client does too (both servers).
 */
const keepAlive = new Agent({ keepAlive: true });

/** Requests sent by the workloads, by method and endpoint (for the profile script); off unless enabled. */
const requestCounts = new Map<string, number>();
let counting = false;

export function countRequests(): Map<string, number> {
  counting = true;
  return requestCounts;
}

function endpointOf(method: string, url: string): string {
  const path = new URL(url).pathname.split('/').slice(2);
  const what = path[0]?.startsWith('_') ? path[0] : path.length ? 'doc' : 'db';
  return `${method} ${what}`;
}

/** PouchDB's own fetch (node-fetch with cookies) with a keep-alive agent, counted when counting is on. */
const pouchFetch = (url: string | Request, init?: RequestInit): Promise<Response> => {
  const href = typeof url === 'string' ? url : url.url;
  if (counting) {
    const key = endpointOf(init?.method ?? 'GET', href);
    requestCounts.set(key, (requestCounts.get(key) ?? 0) + 1);
  }
  const nodeFetch = (PouchDB as unknown as { fetch: (u: string, i: object) => Promise<Response> }).fetch;
  return nodeFetch(href, { ...init, agent: keepAlive });
};

/** `fetch` that counts requests when counting is on. */
function countingFetch(base: typeof fetch): typeof fetch {
  return (input, init) => {
    if (counting) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const key = endpointOf(init?.method ?? 'GET', url);
      requestCounts.set(key, (requestCounts.get(key) ?? 0) + 1);
    }
    return base(input, init);
  };
}

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
  return statCpuSeconds(`/proc/${pid}/stat`);
}

/**
 * CPU seconds this process's main thread has used so far (its JavaScript; GC and I/O helper threads
 * excluded). A replication client runs on its main thread, so no server can make a phase take less
 * wall time than this: it bounds the ratio any server can reach with the same client.
 */
export function mainThreadCpuSeconds(): number {
  return statCpuSeconds(`/proc/self/task/${process.pid}/stat`);
}

function statCpuSeconds(path: string): number {
  const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
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

/** Cancels a running replication when `signal` aborts (the bench's hard time bound). */
function cancelOn(signal: AbortSignal | undefined, cancel: () => unknown): void {
  signal?.addEventListener('abort', () => void Promise.resolve(cancel()).catch(() => undefined), {
    once: true,
  });
}

export async function pouchPush(
  source: PouchDB.Database,
  target: Target,
  db: string,
  signal?: AbortSignal,
): Promise<number> {
  const replication = source.replicate.to(remoteDb(`${target.url}/${db}`, target.user, pouchFetch), {
    batch_size: BATCH_SIZE,
    batches_limit: 4,
  });
  cancelOn(signal, () => replication.cancel());
  const result = await replication;
  if (!result.ok || result.doc_write_failures > 0) throw new Error(`${target.name}: PouchDB push failed`);
  return result.docs_written;
}

export async function pouchPull(target: Target, db: string, signal?: AbortSignal): Promise<number> {
  const local = memoryDb();
  const replication = local.replicate.from(remoteDb(`${target.url}/${db}`, target.user, pouchFetch), {
    batch_size: BATCH_SIZE,
    batches_limit: 4,
  });
  cancelOn(signal, () => replication.cancel());
  const result = await replication;
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
  const send = countingFetch(fetch);
  return (input, init) => {
    const headers = new Headers(init?.headers);
    for (const [k, v] of Object.entries(auth)) headers.set(k, v);
    return send(input, { ...init, headers });
  };
}

/** RxDB push of everything in `orders` to `db`; resolves when the server has all of it. */
export async function rxPush(
  orders: RxCollection<SmallOrder>,
  target: Target,
  db: string,
  signal?: AbortSignal,
): Promise<void> {
  const replication = replicateCouchDB<SmallOrder>({
    replicationIdentifier: `bench-push-${target.name}-${db}`,
    collection: orders,
    url: `${target.url}/${db}/`,
    live: false,
    fetch: rxFetch(target),
    push: { batchSize: BATCH_SIZE },
    waitForLeadership: false,
  });
  cancelOn(signal, () => replication.cancel());
  let failure: Error | undefined;
  const sub = replication.error$.subscribe((e) => (failure = e));
  await replication.awaitInSync();
  sub.unsubscribe();
  await replication.cancel();
  if (failure) throw new Error(`${target.name}: RxDB push failed: ${failure.message}`);
}

/** RxDB pull of a whole database into a fresh collection; the number of documents pulled. */
export async function rxPull(target: Target, db: string, signal?: AbortSignal): Promise<number> {
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
  cancelOn(signal, () => replication.cancel());
  await replication.awaitInSync();
  await replication.cancel();
  const count = await orders.count().exec();
  await rx.close();
  return count;
}
