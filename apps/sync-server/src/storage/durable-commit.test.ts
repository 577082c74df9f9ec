// The fsync of a group commit runs off the event loop: what a writer, a reader and a live feed may see
// before it finishes, what a failed fsync does, and that shutdown waits for it.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing/test-server';
import { StorageFailedError } from './group-commit';
import { SqliteStore } from './sqlite-store';
import type { WalSync } from './wal-sync';

const allow = () => undefined;
const dirs: string[] = [];
const stores: SqliteStore[] = [];

/** A store whose fsyncs wait until the test releases them (or fail, if it says so). */
function gatedStore(): {
  store: SqliteStore;
  dir: string;
  release: (error?: Error) => void;
  waiting: () => number;
} {
  const dir = tempDataDir('durable-commit-');
  dirs.push(dir);
  const gates: { wal: WalSync; resolve: () => void; reject: (e: Error) => void }[] = [];
  const store = new SqliteStore(dir, {
    sync: (wal) =>
      new Promise<void>((resolve, reject) => {
        gates.push({ wal, resolve, reject });
      }),
  });
  stores.push(store);
  const release = (error?: Error) => {
    for (const gate of gates.splice(0)) {
      if (error) gate.reject(error);
      else void gate.wal.sync().then(gate.resolve, gate.reject);
    }
  };
  return { store, dir, release, waiting: () => gates.length };
}

/** Lets the event loop run until `check` holds (a bounded number of turns). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('durable group commit', () => {
  it('answers a writer, wakes live feeds and lets readers in only after the fsync', async () => {
    const { store, release, waiting } = gatedStore();
    // Creating the database is itself a commit: let its fsync through first.
    const created = store.createDb('orders');
    await until(() => waiting() === 1);
    release();
    await created;
    const info = store.info('orders');
    if (!info) throw new Error('database missing');

    let woken = false;
    store.notifier.once('orders', () => (woken = true));
    let acknowledged = false;
    const write = store.writeDocs(info, [{ _id: 'sale-1', total: 990 }], true, allow).then((r) => {
      acknowledged = true;
      return r;
    });
    await until(() => waiting() >= 1);
    // Committed and visible on the connection, but its fsync has not finished: nobody is told yet.
    expect(store.getDoc(info, 'sale-1')).toBeDefined();
    expect(acknowledged).toBe(false);
    expect(woken).toBe(false);
    const barrier = store.unsettled('orders');
    expect(barrier).toBeDefined();
    // A database the pending commit did not touch is not held back.
    expect(store.unsettled('catalog')).toBeUndefined();

    release();
    await expect(write).resolves.toEqual([expect.objectContaining({ ok: true, id: 'sale-1' })]);
    await barrier;
    expect(woken).toBe(true);
    expect(store.unsettled('orders')).toBeUndefined();
  });

  it('queues writes submitted during an fsync and commits them together afterwards', async () => {
    const { store, release, waiting } = gatedStore();
    const created = store.createDb('orders');
    await until(() => waiting() === 1);
    release();
    await created;
    const info = store.info('orders');
    if (!info) throw new Error('database missing');
    const first = store.writeDocs(info, [{ _id: 'a' }], true, allow);
    await until(() => waiting() === 1);
    const commitsBefore = store.commitStats.commits;
    const later = Array.from({ length: 5 }, (_, i) => store.writeDocs(info, [{ _id: `b${i}` }], true, allow));
    await new Promise((r) => setTimeout(r, 20));
    // Nothing else was committed while the first fsync ran.
    expect(store.commitStats.commits).toBe(commitsBefore);
    release();
    await first;
    await until(() => waiting() === 1);
    expect(store.commitStats.commits).toBe(commitsBefore + 1);
    release();
    await Promise.all(later);
    expect(store.info('orders')?.updateSeq).toBe(6);
  });

  it('answers every write of a failed fsync with an error, acknowledges none and refuses later writes', async () => {
    const { store, release, waiting } = gatedStore();
    const created = store.createDb('orders');
    await until(() => waiting() === 1);
    release();
    await created;
    const info = store.info('orders');
    if (!info) throw new Error('database missing');

    const writes = [
      store.writeDocs(info, [{ _id: 'lost-1' }], true, allow),
      store.writeDocs(info, [{ _id: 'lost-2' }], true, allow),
    ];
    await until(() => waiting() === 1);
    const queued = store.writeLocal(info, 'checkpoint', undefined, '{"seq":1}');
    release(new Error('EIO: i/o error, fdatasync'));
    for (const write of writes) await expect(write).rejects.toBeInstanceOf(StorageFailedError);
    await expect(queued).rejects.toBeInstanceOf(StorageFailedError);
    // The store is failed for good: later writes and replication reads are refused, not acknowledged.
    await expect(store.writeDocs(info, [{ _id: 'after' }], true, allow)).rejects.toThrow(/storage failed/);
    await expect(store.unsettled('orders')).rejects.toBeInstanceOf(StorageFailedError);
    // Only what the failed commit touched is in doubt: other databases stay readable.
    expect(store.unsettled('catalog')).toBeUndefined();
    expect(store.failure).toBeInstanceOf(StorageFailedError);
    expect(store.settling()).toBeUndefined();
  });

  it('shutdown commits what is queued and waits for its fsync before closing the file', async () => {
    const { store, dir, release, waiting } = gatedStore();
    const created = store.createDb('orders');
    await until(() => waiting() === 1);
    release();
    await created;
    const info = store.info('orders');
    if (!info) throw new Error('database missing');
    const writes = [1, 2, 3].map((n) => store.writeDocs(info, [{ _id: `order-${n}`, n }], true, allow));
    const closing = store.close();
    await until(() => waiting() === 1);
    let closed = false;
    void closing.then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(false);
    release();
    await closing;
    for (const write of writes) await expect(write).resolves.toHaveLength(1);
    await expect(store.writeDocs(info, [{ _id: 'late' }], true, allow)).rejects.toThrow('closed');

    const reopened = new SqliteStore(dir);
    stores.push(reopened);
    const again = reopened.info('orders');
    if (!again) throw new Error('database lost');
    expect(again.updateSeq).toBe(3);
    expect(reopened.getWinner(again, 'order-2')?.body).toBe('{"n":2}');
  });
});
