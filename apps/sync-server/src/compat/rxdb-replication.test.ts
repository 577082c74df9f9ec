// RxDB 17's `replicateCouchDB` against this server: push, pull, live, and a custom conflict handler.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RxConflictHandler } from 'rxdb';
import { rxClient, type RxClient, type RxItem } from '../testing/rx';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server';

let t: TestServer;
let open: RxClient[] = [];
let dbCount = 0;

beforeAll(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  for (const c of open) await c.close();
  open = [];
});
afterAll(async () => {
  await t.close();
});

async function freshDb(): Promise<string> {
  dbCount += 1;
  const name = `rx-compat-${dbCount}`;
  await t.call(`/${name}`, { method: 'PUT' });
  return `${t.url}/${name}/`;
}

async function client(url: string, extra: Partial<Parameters<typeof rxClient>[0]> = {}): Promise<RxClient> {
  const c = await rxClient({ url, user: TEST_ADMIN, ...extra });
  open.push(c);
  return c;
}

const items = (n: number, prefix: string): RxItem[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, n: i, text: `t${i}` }));

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('RxDB replicateCouchDB', () => {
  it('pushes, then a second client pulls the same documents', async () => {
    const url = await freshDb();
    const a = await client(url, { pull: false });
    await a.items.bulkInsert(items(250, 'p'));
    await a.replication.awaitInSync();
    const server = await t.json<{ doc_count: number }>(new URL(url).pathname.slice(0, -1));
    expect(server.body.doc_count).toBe(250);

    const b = await client(url, { push: false });
    await b.replication.awaitInitialReplication();
    const pulled = await b.items.find().exec();
    expect(pulled.map((d) => d.toJSON()).sort((x, y) => x.n - y.n)).toEqual(items(250, 'p'));
  });

  it('live-replicates inserts, updates and deletions between two clients', async () => {
    const url = await freshDb();
    const a = await client(url, { live: true });
    const b = await client(url, { live: true });
    await Promise.all([a.replication.awaitInitialReplication(), b.replication.awaitInitialReplication()]);
    await a.items.insert({ id: 'live', n: 1, text: 'hello' });
    await until(async () => (await b.items.findOne('live').exec())?.text === 'hello', 'insert a → b');
    const doc = await b.items.findOne('live').exec();
    await doc?.patch({ text: 'changed' });
    await until(async () => (await a.items.findOne('live').exec())?.text === 'changed', 'update b → a');
    await (await a.items.findOne('live').exec())?.remove();
    await until(async () => (await b.items.findOne('live').exec()) === null, 'delete a → b');
    const tomb = await t.json<{ error: string; reason: string }>(`${new URL(url).pathname}live`);
    expect(tomb.body).toEqual({ error: 'not_found', reason: 'deleted' });
  });

  it('hands a concurrent edit to the conflict handler and converges', async () => {
    const url = await freshDb();
    const seen: string[] = [];
    const mergeTexts: RxConflictHandler<RxItem> = {
      isEqual: (x, y) => x.text === y.text && x.n === y.n && x._deleted === y._deleted,
      resolve: (i) => {
        seen.push(`${i.newDocumentState.text} vs ${i.realMasterState.text}`);
        return Promise.resolve({
          ...i.realMasterState,
          text: [i.realMasterState.text, i.newDocumentState.text].sort().join('+'),
        });
      },
    };
    const a = await client(url, { conflictHandler: mergeTexts });
    await a.items.insert({ id: 'c', n: 0, text: 'base' });
    await a.replication.awaitInSync();
    const b = await client(url, { conflictHandler: mergeTexts });
    await b.replication.awaitInitialReplication();

    await (await a.items.findOne('c').exec())?.patch({ text: 'A' });
    await a.syncOnce();
    await (await b.items.findOne('c').exec())?.patch({ text: 'B' });
    await b.syncOnce();
    expect(seen).toEqual(['B vs A']);
    await b.syncOnce();
    await a.syncOnce();
    const server = await t.json<{ text: string }>(`${new URL(url).pathname}c`);
    expect(server.body.text).toBe('A+B');
    const [left, right] = await Promise.all([a.items.findOne('c').exec(), b.items.findOne('c').exec()]);
    expect(right?.text).toBe('A+B');
    expect(left?.text).toBe('A+B');
  });
});
