// Password hashing (scrypt, pbkdf2) runs on libuv's thread pool, and so does the fdatasync that makes
// every group commit durable. The pool is one FIFO queue in front of UV_THREADPOOL_SIZE threads (4 by
// default), so a burst of logins would put every commit's acknowledgement behind tens of milliseconds of
// hashing each. Hashes therefore wait here, in JavaScript, for one of at most half the pool's threads:
// the other half stays free for the fsync (and file reads), which never queues behind hashing.

/** The size libuv gives its thread pool: UV_THREADPOOL_SIZE when set (1..1024), else 4. */
export function threadPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 1024) : 4;
}

/** Limits concurrent thread-pool hashing so it never takes every thread of the pool. */
export class HashSlots {
  /** Hashes running now (each holds one pool thread). */
  running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Hashes waiting for a slot (not yet handed to the thread pool). */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `hash` (which submits work to the thread pool) once a slot is free. */
  async run<T>(hash: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await hash();
    } finally {
      // The slot passes straight to the next waiter, so `running` never exceeds the limit.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/**
 * The process's slots: half the pool (at least one). With a pool of one thread nothing can be reserved
 * for the fsync; the default pool (4) leaves it two threads, and on a 2-core machine two concurrent
 * hashes already use all the CPU there is.
 */
export const hashSlots = new HashSlots(Math.max(1, Math.floor(threadPoolSize() / 2)));
