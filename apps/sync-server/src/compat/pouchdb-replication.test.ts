// PouchDB 9's replicator against this server: push, pull, live sync, conflicts, deletions, resumption.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryDb, remoteDb } from '../testing/pouch';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server';

let t: TestServer;
let dbCount = 0;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

async function freshRemote(): Promise<PouchDB.Database> {
  dbCount += 1;
  const name = `pouch-compat-${dbCount}`;
  expect((await t.call(`/${name}`, { method: 'PUT' })).status).toBe(201);
  return remoteDb(`${t.url}/${name}`, TEST_ADMIN);
}

const docs = (n: number, prefix = 'doc') =>
  Array.from({ length: n }, (_, i) => ({
    _id: `${prefix}-${String(i).padStart(5, '0')}`,
    n: i,
    note: `item ${i}`,
  }));

function waitFor(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      check().then(
        (ok) => {
          if (ok) resolve();
          else if (Date.now() - started > ms) reject(new Error(`timed out waiting for ${what}`));
          else setTimeout(tick, 50);
        },
        (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      );
    };
    tick();
  });
}

describe('PouchDB replicator', () => {
  it('pushes and pulls documents with identical revisions', async () => {
    const remote = await freshRemote();
    const a = memoryDb();
    await a.bulkDocs(docs(300));
    const push = await a.replicate.to(remote);
    expect(push.ok).toBe(true);
    expect(push.docs_written).toBe(300);

    const b = memoryDb();
    const pull = await b.replicate.from(remote);
    expect(pull.docs_written).toBe(300);
    const [left, right] = await Promise.all([
      a.allDocs({ include_docs: true }),
      b.allDocs({ include_docs: true }),
    ]);
    expect(right.rows.map((r) => r.doc)).toEqual(left.rows.map((r) => r.doc));
  });

  it('resumes from its checkpoint instead of starting over', async () => {
    const remote = await freshRemote();
    const a = memoryDb();
    await a.bulkDocs(docs(120, 'first'));
    await a.replicate.to(remote);
    await a.bulkDocs(docs(30, 'second'));
    const second = await a.replicate.to(remote);
    expect(second.docs_read).toBe(30);

    const b = memoryDb();
    await b.replicate.from(remote);
    await a.bulkDocs(docs(7, 'third'));
    await a.replicate.to(remote);
    const again = await b.replicate.from(remote);
    expect(again.docs_read).toBe(7);
    expect((await b.info()).doc_count).toBe(157);
  });

  it('replicates deletions both ways', async () => {
    const remote = await freshRemote();
    const a = memoryDb();
    const b = memoryDb();
    const put = await a.put({ _id: 'gone', v: 1 });
    await a.replicate.to(remote);
    await b.replicate.from(remote);
    await a.remove('gone', put.rev);
    await a.replicate.to(remote);
    await b.replicate.from(remote);
    await expect(b.get('gone')).rejects.toMatchObject({ status: 404 });

    const kept = await b.put({ _id: 'also-gone', v: 2 });
    await b.replicate.to(remote);
    await b.remove('also-gone', kept.rev);
    await b.replicate.to(remote);
    const res = await t.json<{ error: string; reason: string }>(`/pouch-compat-${dbCount}/also-gone`);
    expect(res).toEqual({ status: 404, body: { error: 'not_found', reason: 'deleted' } });
  });

  it('keeps both sides of a conflict and agrees with PouchDB on the winner', async () => {
    const remote = await freshRemote();
    const a = memoryDb<{ v: string }>();
    const b = memoryDb<{ v: string }>();
    await a.put({ _id: 'shared', v: 'base' });
    await a.replicate.to(remote);
    await b.replicate.from(remote);
    const docA = await a.get('shared');
    const docB = await b.get('shared');
    await a.put({ ...docA, v: 'from a' });
    await b.put({ ...docB, v: 'from b' });
    await b.put({ ...(await b.get('shared')), v: 'from b again' });
    await a.replicate.to(remote);
    await b.replicate.to(remote);

    const server = await t.json<{ _rev: string; _conflicts: string[] }>(
      `/pouch-compat-${dbCount}/shared?conflicts=true`,
    );
    expect(server.body._conflicts).toHaveLength(1);
    await a.replicate.from(remote);
    const local = await a.get('shared', { conflicts: true });
    expect(local._rev).toBe(server.body._rev);
    expect(local.v).toBe('from b again');
    expect(local._conflicts).toEqual(server.body._conflicts);

    // Resolving at a client removes the conflict on the server too.
    await a.remove('shared', local._conflicts?.[0] ?? '');
    await a.replicate.to(remote);
    const resolved = await t.json<{ _conflicts?: string[] }>(
      `/pouch-compat-${dbCount}/shared?conflicts=true`,
    );
    expect(resolved.body._conflicts).toBeUndefined();
  });

  it('live-syncs both ways', async () => {
    const remote = await freshRemote();
    const a = memoryDb<{ v: number }>();
    const b = memoryDb<{ v: number }>();
    const syncA = a.sync(remote, { live: true, retry: true });
    const syncB = b.sync(remote, { live: true, retry: true });
    try {
      await a.put({ _id: 'from-a', v: 1 });
      await waitFor(
        () =>
          b.get('from-a').then(
            () => true,
            () => false,
          ),
        'a → b',
      );
      await b.put({ ...(await b.get('from-a')), v: 2 });
      await waitFor(() => a.get('from-a').then((d) => d.v === 2), 'b → a');
      await b.bulkDocs(docs(50, 'burst').map((d) => ({ ...d, v: d.n })));
      await waitFor(() => a.info().then((i) => i.doc_count === 51), 'burst → a');
    } finally {
      // Wait until both have stopped, or a retrying sync would reconnect to the closing server.
      const stopped = [syncA, syncB].map(
        (sync) =>
          new Promise<void>((resolve) => {
            // on() returns the replication itself (a thenable), not a new promise to await.
            void sync.on('complete', () => resolve());
          }),
      );
      syncA.cancel();
      syncB.cancel();
      await Promise.race([Promise.all(stopped), new Promise((r) => setTimeout(r, 10_000))]);
    }
  });
});
