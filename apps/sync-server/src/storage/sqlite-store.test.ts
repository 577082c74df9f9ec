// The embedded store's own rules: group commit (shared commits, a failing job rolled back alone), the
// database facts cache never serving a sequence older than an acknowledged write, and durability
// settings that an acknowledgement relies on.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing/test-server';
import { SqliteStore } from './sqlite-store';

const allow = () => undefined;
let dir: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = tempDataDir('store-test-');
  store = new SqliteStore(dir);
  await store.createDb('orders');
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteStore', () => {
  it('runs with WAL and synchronous=FULL between group commits (which fsync the WAL themselves)', () => {
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('commits concurrent writes together and answers each caller after the commit', async () => {
    const info = store.info('orders');
    if (!info) throw new Error('database missing');
    const before = store.commitStats.commits;
    const writes = Array.from({ length: 20 }, (_, i) =>
      store.writeDocs(info, [{ _id: `d${i}`, n: i }], true, allow),
    );
    const results = await Promise.all(writes);
    expect(results.every((r) => r[0] !== undefined && 'ok' in r[0])).toBe(true);
    // All twenty were submitted in one event-loop turn: one transaction, one fsync.
    expect(store.commitStats.commits - before).toBe(1);
    expect(store.info('orders')?.updateSeq).toBe(20);
  });

  it('rolls back a failing job alone; the rest of the group is written', async () => {
    const info = store.info('orders');
    if (!info) throw new Error('database missing');
    const good = store.writeDocs(info, [{ _id: 'kept' }], true, allow);
    const bad = store.transact(() => {
      // A half-done job: it wrote, then failed; none of it may survive.
      store.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('half', 'written')").run();
      throw new Error('job failed');
    });
    await expect(bad).rejects.toThrow('job failed');
    await expect(good).resolves.toHaveLength(1);
    expect(store.getDoc(info, 'kept')).toBeDefined();
    expect(store.sqlite.prepare("SELECT value FROM meta WHERE key = 'half'").get()).toBeUndefined();
  });

  it('never serves cached database facts older than the last acknowledged write', async () => {
    const first = store.info('orders');
    if (!first) throw new Error('database missing');
    expect(store.info('orders')).toBe(first);
    await store.writeDocs(first, [{ _id: 'a' }, { _id: 'b' }], true, allow);
    expect(store.info('orders')).toMatchObject({ updateSeq: 2, docCount: 2 });
    await expect(
      store.transact(() => {
        store.sqlite.prepare("UPDATE dbs SET update_seq = 99 WHERE name = 'orders'").run();
        // Read inside the failing job: must not be cached past the rollback.
        expect(store.info('orders')?.updateSeq).toBe(99);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(store.info('orders')?.updateSeq).toBe(2);
    await store.deleteDb('orders');
    expect(store.info('orders')).toBeUndefined();
  });

  it('keeps acknowledged documents across a reopen', async () => {
    const info = store.info('orders');
    if (!info) throw new Error('database missing');
    await store.writeDocs(info, [{ _id: 'durable', total: 1250 }], true, allow);
    await store.close();
    store = new SqliteStore(dir);
    const reopened = store.info('orders');
    if (!reopened) throw new Error('database lost');
    expect(store.getWinner(reopened, 'durable')?.body).toBe('{"total":1250}');
  });
});
