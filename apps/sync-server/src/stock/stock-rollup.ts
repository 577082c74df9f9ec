// Maintains `stock-levels` from every store's movements: incremental (follows each store database's
// changes from a saved cursor), idempotent (a movement's contribution is replaced, never re-added) and
// correct after a restart (the cursor is saved only after the levels it covers were written).
import { ChangesFollower, type ChangesPage } from '../follow/changes-follower';
import { movementContribution } from './movement-contribution';
import {
  levelDocId,
  levelKey,
  type LevelKey,
  type MovementChange,
  type RollupBackend,
} from './rollup-backend';

const BATCH = 500;
/** Writes to a store are collected this long before the roll-up reads them (fewer, larger batches). */
const NOTIFY_DELAY_MS = 50;
/** A cursor that only skipped non-movement changes is saved at most this often (replays are harmless). */
const CURSOR_SAVE_INTERVAL_MS = 5000;

export class StockRollup extends ChangesFollower<MovementChange> {
  /** Where each store database was read up to, ahead of the saved cursor. */
  private readonly cursors = new Map<string, string>();
  private readonly cursorSavedAt = new Map<string, number>();

  constructor(
    private readonly backend: RollupBackend,
    onError: (error: unknown) => void,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super({ pageSize: BATCH, notifyDelayMs: NOTIFY_DELAY_MS }, onError);
  }

  protected databases(): Promise<string[]> {
    return this.backend.storeDatabases();
  }

  protected follows(db: string): boolean {
    return db.startsWith('store-');
  }

  protected async readCheckpoint(db: string): Promise<string | undefined> {
    return this.cursors.get(db) ?? (await this.backend.readCursor(db));
  }

  protected changes(
    db: string,
    since: string | undefined,
    limit: number,
  ): Promise<ChangesPage<MovementChange>> {
    return this.backend.changes(db, since, limit);
  }

  /** Rolls one page of a store database's changes into the levels it touches, then moves the cursor. */
  protected async apply(
    storeDb: string,
    { rows, lastSeq }: ChangesPage<MovementChange>,
    since: string | undefined,
  ): Promise<void> {
    const touched = new Map<string, LevelKey>();
    const updates = [];
    for (const row of rows) {
      const contribution = row.deleted ? null : movementContribution(storeDb, row.id, row.doc);
      if (!contribution && row.doc?.type !== 'movement' && !row.deleted) continue;
      updates.push({ movementId: row.id, contribution });
      if (contribution)
        touched.set(levelKey(contribution), { sku: contribution.sku, locationId: contribution.locationId });
    }
    if (updates.length > 0) {
      // A removed (admin-deleted) movement must re-sum the levels it used to count in.
      const previous = await this.backend.keysOf(
        storeDb,
        updates.map((u) => u.movementId),
      );
      for (const key of previous) touched.set(levelKey(key), key);
      await this.backend.recordContributions(storeDb, updates);
      await this.writeLevels([...touched.values()]);
    }
    const due = (this.cursorSavedAt.get(storeDb) ?? 0) + CURSOR_SAVE_INTERVAL_MS <= Date.now();
    if (updates.length > 0 || since === undefined || due) {
      await this.backend.writeCursor(storeDb, lastSeq);
      this.cursorSavedAt.set(storeDb, Date.now());
    }
    this.cursors.set(storeDb, lastSeq);
  }

  private async writeLevels(keys: LevelKey[]): Promise<void> {
    if (keys.length === 0) return;
    const updatedAt = this.clock().toISOString();
    const sums = await this.backend.sums(keys);
    await this.backend.writeLevels(
      sums.map((s) => ({
        _id: levelDocId(s),
        type: 'stock-level',
        schemaVersion: 1,
        ...(s.storeId ? { storeId: s.storeId } : {}),
        sku: s.sku,
        locationId: s.locationId,
        onHand: s.onHand,
        reserved: s.reserved,
        movementCount: s.movementCount,
        ...(s.lastMovementId ? { lastMovementId: s.lastMovementId } : {}),
        updatedAt,
      })),
    );
  }
}
