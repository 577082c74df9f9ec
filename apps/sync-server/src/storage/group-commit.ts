// Group commit: writes submitted close together run in one SQLite transaction, and each caller is
// answered only once that transaction is durable. The transaction runs on the main connection with
// synchronous=NORMAL (its COMMIT writes the WAL but does not fsync it); the fsync of the WAL then runs
// off the event loop (`sync`, on libuv's thread pool), so a slow disk no longer stalls every request and
// live feed. One commit is in flight at a time: jobs submitted while its fsync runs wait and share the
// next transaction (and fsync). A job that throws is rolled back alone (a savepoint) and its caller gets
// the error once the commit of the others is durable; a failed fsync fails every job it covered and the
// store refuses writes from then on (the kernel may have dropped the pages: see StorageFailedError).
import type Database from 'better-sqlite3';

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Thrown to every writer once an fsync has failed: acknowledged-only-when-durable can no longer hold. */
export class StorageFailedError extends Error {
  constructor(cause: unknown) {
    super(
      `storage failed: the write-ahead log could not be made durable (${String(cause)}); restart the server`,
    );
    this.name = 'StorageFailedError';
  }
}

/** What the group commit tells its store. */
export interface CommitHooks {
  /** Makes everything committed so far durable (fdatasync of the WAL); must not run on the event loop. */
  sync: () => Promise<void>;
  /** Right after COMMIT: the batch is visible to readers of this connection (not yet durable). */
  committed: () => void;
  /** After the fsync covering the batch, before its callers are answered. */
  durable: () => void;
  /** Once, when the first fsync fails: the store refuses writes from then on. */
  failed?: (error: StorageFailedError) => void;
}

/** Batches concurrent write jobs into one transaction, acknowledged after one off-loop fsync. */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private closed = false;
  private failure: StorageFailedError | undefined;
  /** The fsync of the last commit while it runs; resolves when that commit is durable. */
  private syncing: Promise<void> | undefined;
  /** True while a group transaction runs (reads then may see uncommitted state). */
  inTransaction = false;
  /** Commits made, jobs carried, time inside transactions and waiting for fsync (benches, diagnostics). */
  readonly stats = { commits: 0, jobs: 0, commitMs: 0, syncMs: 0 };

  constructor(
    private readonly db: Database.Database,
    private readonly hooks: CommitHooks,
  ) {}

  /** Runs `run` inside the next group transaction; resolves with its value once durable. */
  submit<T>(run: () => T): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** The running fsync, if a commit is visible but not yet durable (readers wait on it). */
  get pendingSync(): Promise<void> | undefined {
    return this.syncing;
  }

  /** Refuses new jobs, commits what is queued and waits until all of it is durable (shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.syncing || this.queue.length > 0) {
      if (this.syncing) await this.syncing.catch(() => undefined);
      else this.commitNext();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.syncing || this.queue.length === 0) return;
    this.scheduled = true;
    // The end of the current event-loop turn: jobs submitted in this turn share the commit.
    setImmediate(() => {
      this.scheduled = false;
      this.commitNext();
    });
  }

  private commitNext(): void {
    if (this.syncing) return;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    if (this.failure) {
      for (const job of batch) job.reject(this.failure);
      return;
    }
    const outcomes = this.runTransaction(batch);
    if (!outcomes) {
      this.schedule();
      return;
    }
    this.hooks.committed();
    this.syncing = this.makeDurable(batch, outcomes);
  }

  /** Runs the batch in one transaction, each job in its own savepoint; undefined if COMMIT failed. */
  private runTransaction(batch: Job[]): Outcome[] | undefined {
    const outcomes: Outcome[] = [];
    const started = performance.now();
    this.inTransaction = true;
    // NORMAL only for this transaction: any write outside the group commit keeps FULL (fsync at COMMIT).
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => {
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(job.run)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
      return outcomes;
    } catch (error) {
      // Nothing of the batch was committed.
      for (const job of batch) job.reject(error);
      return undefined;
    } finally {
      this.db.pragma('synchronous = FULL');
      this.inTransaction = false;
      this.stats.commits += 1;
      this.stats.jobs += batch.length;
      this.stats.commitMs += performance.now() - started;
    }
  }

  /** Starts the fsync covering `batch`; its callers are answered when it is done. */
  private makeDurable(batch: Job[], outcomes: Outcome[]): Promise<void> {
    const started = performance.now();
    const done = () => {
      this.stats.syncMs += performance.now() - started;
      this.syncing = undefined;
    };
    const syncing = Promise.resolve()
      .then(() => this.hooks.sync())
      .then(
        () => {
          done();
          this.hooks.durable();
          batch.forEach((job, i) => {
            const outcome = outcomes[i];
            if (outcome?.ok) job.resolve(outcome.value);
            else job.reject(outcome?.error);
          });
          this.schedule();
        },
        (cause: unknown) => {
          done();
          if (!this.failure) {
            this.failure = new StorageFailedError(cause);
            this.hooks.failed?.(this.failure);
          }
          for (const job of [...batch, ...this.queue]) job.reject(this.failure);
          this.queue = [];
          throw this.failure;
        },
      );
    // Readers that wait on it see the failure; nobody waiting is not an unhandled rejection.
    syncing.catch(() => undefined);
    return syncing;
  }

  /** Set once an fsync failed: every later write (and replication read) is refused. */
  get failed(): StorageFailedError | undefined {
    return this.failure;
  }
}
