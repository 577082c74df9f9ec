// Keeps HQ's figures up to date: follows every store database's changes (and `stock-levels`) from the
// checkpoint saved with the figures, page by page, each page applied in one transaction with its
// checkpoint. Notified after writes; catches up at start.
import { ChangesFollower, type ChangesPage } from '../follow/changes-follower';
import type { FiguresStore } from './figures-store';
import { STOCK_LEVELS_DB, type HqChange, type HqSource } from './hq-source';

/** Changes read (and applied in one transaction) per page. */
export const FOLLOW_PAGE = 1000;
/** Writes are collected this long before the follower reads them (fewer, larger pages). */
const NOTIFY_DELAY_MS = 50;

export class FiguresFollower extends ChangesFollower<HqChange> {
  constructor(
    private readonly source: HqSource,
    private readonly figures: FiguresStore,
    onError: (error: unknown) => void,
  ) {
    super({ pageSize: FOLLOW_PAGE, notifyDelayMs: NOTIFY_DELAY_MS }, onError);
  }

  protected async databases(): Promise<string[]> {
    return [...(await this.source.storeDatabases()), STOCK_LEVELS_DB];
  }

  protected follows(db: string): boolean {
    return db.startsWith('store-') || db === STOCK_LEVELS_DB;
  }

  protected readCheckpoint(db: string): Promise<string | undefined> {
    return Promise.resolve(this.figures.readCursor(db));
  }

  protected changes(db: string, since: string | undefined, limit: number): Promise<ChangesPage<HqChange>> {
    return this.source.changes(db, since, limit);
  }

  protected apply(db: string, { rows, lastSeq }: ChangesPage<HqChange>): Promise<void> {
    return db === STOCK_LEVELS_DB
      ? this.figures.applyLevelPage(db, rows, lastSeq)
      : this.figures.applyStorePage(db, rows, lastSeq);
  }
}
