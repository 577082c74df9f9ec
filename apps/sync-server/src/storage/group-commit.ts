// Group commit: writes submitted close together run in one SQLite transaction (one WAL fsync), and each
// caller is answered only after that transaction has committed. A lone writer (one replicator, whose
// next write waits for this answer) commits at the end of the current event-loop turn; when writers
// overlap (the last commit carried several jobs), commits are spaced at least MIN_COMMIT_GAP_MS apart so
// more writes share each fsync (better-sqlite3 fsyncs on the main thread). A job that throws is rolled
// back alone (a savepoint) and its caller gets the error; the others still commit.
import type Database from 'better-sqlite3';

/** Shortest time between two commits under load; bounds fsyncs to about 1000/MIN_COMMIT_GAP_MS a second. */
export const MIN_COMMIT_GAP_MS = 8;

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Batches concurrent write jobs into one durable transaction. */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private closed = false;
  private lastCommitAt = 0;
  private lastCommitJobs = 0;
  /** True while a group transaction runs (reads then may see uncommitted state). */
  inTransaction = false;
  /** Commits made and time spent inside them (for benches and diagnostics). */
  readonly stats = { commits: 0, jobs: 0, commitMs: 0 };

  constructor(
    private readonly db: Database.Database,
    private readonly afterCommit: () => void,
  ) {}

  /** Runs `run` inside the next group transaction; resolves with its value once durable. */
  submit<T>(run: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        const wait = this.lastCommitJobs > 1 ? this.lastCommitAt + MIN_COMMIT_GAP_MS - performance.now() : 0;
        if (wait > 0) setTimeout(() => this.flush(), wait);
        else setImmediate(() => this.flush());
      }
    });
  }

  /** Commits whatever is queued now (also used at shutdown so nothing accepted is left behind). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    const started = performance.now();
    this.inTransaction = true;
    try {
      this.db.transaction(() => {
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(job.run)() });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
        }
      })();
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    } finally {
      this.inTransaction = false;
      this.lastCommitAt = performance.now();
      this.lastCommitJobs = batch.length;
      this.stats.commits += 1;
      this.stats.jobs += batch.length;
      this.stats.commitMs += this.lastCommitAt - started;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.value);
    });
    this.afterCommit();
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
