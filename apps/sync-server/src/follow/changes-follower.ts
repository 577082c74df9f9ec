// The loop shared by everything that derives state from databases' changes (the stock roll-up, HQ's
// figures): follow each database from its saved checkpoint, page by page; writes are collected briefly
// and drained one database at a time; `catchUp` walks every database to its end (start-up, tests).
// Restart-safe because a subclass saves its checkpoint only with (or after) what a page applied, and
// idempotent because applying a page twice must give the same state (the subclass's contract).

/** A page of changes and the sequence to continue from. */
export interface ChangesPage<Row> {
  rows: Row[];
  lastSeq: string;
}

export interface FollowOptions {
  /** Changes read (and applied) per page. */
  pageSize: number;
  /** Writes are collected this long before they are read (fewer, larger pages). */
  notifyDelayMs: number;
}

/**
 * Subclasses say which databases they follow, where each one continues from, how changes are read, and
 * how a page is applied; this class runs the loop. `notify`, `catchUp`, `idle` and `stop` are its API.
 */
export abstract class ChangesFollower<Row> {
  private readonly dirty = new Set<string>();
  private running: Promise<void> = Promise.resolve();
  private scheduled = false;
  private stopped = false;
  /** Rows applied since start (for benches' catch-up rates). */
  applied = 0;

  constructor(
    private readonly options: FollowOptions,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Every database to walk at catch-up. */
  protected abstract databases(): Promise<string[]>;
  /** Whether a write to `db` concerns this follower (others are ignored by `notify`). */
  protected abstract follows(db: string): boolean;
  /** Where to continue `db` from (undefined = from the start); read before each walk of `db`. */
  protected abstract readCheckpoint(db: string): Promise<string | undefined>;
  /** At most `limit` changes after `since`. */
  protected abstract changes(db: string, since: string | undefined, limit: number): Promise<ChangesPage<Row>>;
  /**
   * Applies one page idempotently and saves `page.lastSeq` as the checkpoint with it or after it
   * (never before). `since` is where the page started (undefined = the database's first page).
   */
  protected abstract apply(db: string, page: ChangesPage<Row>, since: string | undefined): Promise<void>;

  /** `db` was written; it is followed shortly. */
  notify(db: string): void {
    if (this.stopped || !this.follows(db)) return;
    this.dirty.add(db);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.running = this.running.then(() => this.drain()).catch(this.onError);
    }, this.options.notifyDelayMs);
  }

  /**
   * Follows every database up to its current end; rejects if a page cannot be read or applied (that
   * failure is the caller's: later notified walks and catch-ups still run).
   */
  async catchUp(): Promise<void> {
    for (const db of await this.databases()) this.dirty.add(db);
    const walk = this.running.then(() => this.drain());
    this.running = walk.catch(() => undefined);
    await walk;
  }

  /** Waits until every notified write is applied. */
  async idle(): Promise<void> {
    while (this.scheduled || this.dirty.size > 0) {
      await new Promise((r) => setTimeout(r, 5));
      await this.running;
    }
    await this.running;
  }

  /** Finishes the page in progress and follows nothing more. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    while (this.dirty.size > 0 && !this.stopped) {
      const [db] = this.dirty;
      if (db === undefined) return;
      this.dirty.delete(db);
      await this.follow(db);
    }
  }

  private async follow(db: string): Promise<void> {
    let since = await this.readCheckpoint(db);
    while (!this.stopped) {
      const page = await this.changes(db, since, this.options.pageSize);
      if (page.rows.length === 0) return;
      await this.apply(db, page, since);
      this.applied += page.rows.length;
      since = page.lastSeq;
      if (page.rows.length < this.options.pageSize) return;
    }
  }
}
