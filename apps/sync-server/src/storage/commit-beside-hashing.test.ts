// A commit's fsync runs on libuv's thread pool, as password hashing does. With every hashing slot
// holding a pool thread and more hashes (a real scrypt among them) waiting, a real write is still made
// durable and acknowledged: commits never queue behind password hashing. The "hashes" here hold a pool
// thread for as long as the test says: open(2) of a FIFO for reading blocks until a writer opens it.
import { execFileSync } from 'node:child_process';
import { close, closeSync, constants, open, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashSlots, threadPoolSize } from '../auth/hash-slots';
import { hashPassword, verifyPassword } from '../auth/password';
import { tempDataDir } from '../testing/test-server';
import { SqliteStore } from './sqlite-store';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A FIFO whose readers each hold one pool thread until `release()` opens its writing end. */
function poolThreadBlocker(dir: string) {
  const fifo = join(dir, 'hold.fifo');
  execFileSync('mkfifo', [fifo]);
  let writer: number | undefined;
  const block = () =>
    new Promise<void>((resolve, reject) => {
      open(fifo, 'r', (error, fd) => (error ? reject(error) : close(fd, () => resolve())));
    });
  const release = async () => {
    // ENXIO until a reader's open(2) has reached the kernel; a blocked reader counts as one.
    for (let i = 0; writer === undefined && i < 1000; i++) {
      try {
        writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  const dispose = () => {
    if (writer !== undefined) closeSync(writer);
  };
  return { block, release, dispose };
}

describe('commits beside password hashing', () => {
  it.skipIf(process.platform === 'win32')(
    'makes a write durable while every hashing slot holds a pool thread and more hashes wait (needs mkfifo: not on Windows)',
    async () => {
      // Hashing may never take the whole pool.
      expect(hashSlots.limit).toBeLessThan(threadPoolSize());
      const dir = tempDataDir('commit-beside-hashing-');
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const store = new SqliteStore(dir);
      cleanups.push(() => store.close());
      await store.createDb('orders');
      const info = store.info('orders');
      if (!info) throw new Error('database missing');

      const stored = await hashPassword('a-password-1');

      const blocker = poolThreadBlocker(dir);
      // Twice as many thread-holding hashes as the pool has threads: without the slots they would take
      // every thread and the fsync would wait for one of them to finish.
      const hashes: Promise<unknown>[] = Array.from({ length: threadPoolSize() * 2 }, () =>
        hashSlots.run(blocker.block),
      );
      // Released however the test ends, so no pool thread stays blocked.
      cleanups.push(async () => {
        await blocker.release();
        await Promise.allSettled(hashes);
        blocker.dispose();
      });
      expect(hashSlots.running).toBe(hashSlots.limit);
      // A login (a real scrypt) waits for a slot, in JavaScript, not in the pool's queue.
      const login = verifyPassword('a-password-1', stored);
      hashes.push(login);
      expect(hashSlots.queued).toBe(threadPoolSize() * 2 - hashSlots.limit + 1);

      const fsyncsBefore = store.commitStats.commits;
      const written = await store.writeDocs(info, [{ _id: 'sale-1', total: 990 }], true, () => undefined);
      expect(written).toEqual([expect.objectContaining({ ok: true, id: 'sale-1' })]);
      expect(store.commitStats.commits).toBe(fsyncsBefore + 1);
      // Acknowledged (so fsynced) while every slot was still busy and the login still waited.
      expect(hashSlots.running).toBe(hashSlots.limit);
      expect(hashSlots.queued).toBe(threadPoolSize() * 2 - hashSlots.limit + 1);

      await blocker.release();
      await expect(login).resolves.toBe(true);
      await Promise.all(hashes);
      expect(hashSlots.running).toBe(0);
    },
  );
});
