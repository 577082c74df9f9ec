// Keeps HQ's figures up to date: follows every store database's changes (and `stock-levels`) from the
// checkpoint saved with the figures, page by page, each page applied in one transaction with its
// checkpoint. Notified after writes; catches up at start.
import { ChangesFollower } from '../follow/changes-follower';
import type { FiguresStore } from './figures-store';
import { STOCK_LEVELS_DB, type HqChange, type HqSource } from './hq-source';

/** Changes read (and applied in one transaction) per page. */
export const FOLLOW_PAGE = 1000;
/** Writes are collected this long before the follower reads them (fewer, larger pages). */
const NOTIFY_DELAY_MS = 50;

const followed = (db: string) => db.startsWith('store-') || db === STOCK_LEVELS_DB;

export class FiguresFollower {
  private readonly follower: ChangesFollower<HqChange>;

  constructor(source: HqSource, figures: FiguresStore, onError: (error: unknown) => void) {
    this.follower = new ChangesFollower<HqChange>(
      {
        databases: async () => [...(await source.storeDatabases()), STOCK_LEVELS_DB],
        follows: followed,
        readCheckpoint: (db) => Promise.resolve(figures.readCursor(db)),
        changes: (db, since, limit) => source.changes(db, since, limit),
        apply: (db, { rows, lastSeq }) =>
          db === STOCK_LEVELS_DB
            ? figures.applyLevelPage(db, rows, lastSeq)
            : figures.applyStorePage(db, rows, lastSeq),
      },
      { pageSize: FOLLOW_PAGE, notifyDelayMs: NOTIFY_DELAY_MS },
      onError,
    );
  }

  /** Documents applied since start (for the bench's catch-up rate). */
  get applied(): number {
    return this.follower.applied;
  }

  /** A store database (or `stock-levels`) was written; it is followed shortly. */
  notify(db: string): void {
    this.follower.notify(db);
  }

  /** Follows every database up to its current end (start-up, tests, the bench). */
  catchUp(): Promise<void> {
    return this.follower.catchUp();
  }

  /** Waits until every notified write is applied. */
  idle(): Promise<void> {
    return this.follower.idle();
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }
}
