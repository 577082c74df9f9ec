// Group commit: every write submitted during one turn of the event loop runs in one SQLite transaction
// (one WAL fsync), and each caller is answered only after that transaction has committed. A job that
// throws is rolled back alone (a savepoint) and its caller gets the error; the others still commit.
import type Database from 'better-sqlite3';

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
        setImmediate(() => this.flush());
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
