// Keeps HQ's figures up to date: follows every store database's changes (and `stock-levels`) from the
// checkpoint saved with the figures, page by page. Notified after writes; catches up at start.
import type { FiguresStore } from './figures-store';
import { STOCK_LEVELS_DB, type HqSource } from './hq-source';

/** Changes read (and applied in one transaction) per page. */
export const FOLLOW_PAGE = 1000;
/** Writes are collected this long before the follower reads them (fewer, larger pages). */
const NOTIFY_DELAY_MS = 50;

export class FiguresFollower {
  private readonly dirty = new Set<string>();
  private running: Promise<void> = Promise.resolve();
  private scheduled = false;
  private stopped = false;
  /** Documents applied since start (for the bench's catch-up rate). */
  applied = 0;

  constructor(
    private readonly source: HqSource,
    private readonly figures: FiguresStore,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** A store database (or `stock-levels`) was written; it is followed shortly. */
  notify(db: string): void {
    if ((!db.startsWith('store-') && db !== STOCK_LEVELS_DB) || this.stopped) return;
    this.dirty.add(db);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.running = this.running.then(() => this.drain()).catch(this.onError);
    }, NOTIFY_DELAY_MS);
  }

  /** Follows every database up to its current end (start-up, tests, the bench). */
  async catchUp(): Promise<void> {
    for (const db of await this.source.storeDatabases()) this.dirty.add(db);
    this.dirty.add(STOCK_LEVELS_DB);
    this.running = this.running.then(() => this.drain());
    await this.running;
  }

  /** Waits until every notified write is applied. */
  async idle(): Promise<void> {
    while (this.scheduled || this.dirty.size > 0) {
      await new Promise((r) => setTimeout(r, 5));
      await this.running;
    }
    await this.running;
  }

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
    let since = this.figures.readCursor(db);
    while (!this.stopped) {
      const { rows, lastSeq } = await this.source.changes(db, since, FOLLOW_PAGE);
      if (rows.length === 0) return;
      if (db === STOCK_LEVELS_DB) await this.figures.applyLevelPage(db, rows, lastSeq);
      else await this.figures.applyStorePage(db, rows, lastSeq);
      this.applied += rows.length;
      since = lastSeq;
      if (rows.length < FOLLOW_PAGE) return;
    }
  }
}
