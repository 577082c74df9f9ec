// Maintains `stock-levels` from every store's movements: incremental (follows each store database's
// changes from a saved cursor), idempotent (a movement's contribution is replaced, never re-added) and
// correct after a restart (the cursor is saved only after the levels it covers were written).
import { movementContribution } from './movement-contribution';
import { levelDocId, levelKey, type LevelKey, type RollupBackend } from './rollup-backend';

const BATCH = 500;
/** Writes to a store are collected this long before the roll-up reads them (fewer, larger batches). */
const NOTIFY_DELAY_MS = 50;
/** A cursor that only skipped non-movement changes is saved at most this often (replays are harmless). */
const CURSOR_SAVE_INTERVAL_MS = 5000;

export class StockRollup {
  private readonly dirty = new Set<string>();
  private running: Promise<void> = Promise.resolve();
  private scheduled = false;
  private stopped = false;
  /** Where each store database was read up to, ahead of the saved cursor. */
  private readonly cursors = new Map<string, string>();
  private readonly cursorSavedAt = new Map<string, number>();

  constructor(
    private readonly backend: RollupBackend,
    private readonly onError: (error: unknown) => void,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A store database was written; its movements will be rolled up shortly. */
  notify(db: string): void {
    if (!db.startsWith('store-') || this.stopped) return;
    this.dirty.add(db);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.running = this.running.then(() => this.drain()).catch(this.onError);
    }, NOTIFY_DELAY_MS);
  }

  /** Processes every store database up to its current end (start-up and tests). */
  async catchUp(): Promise<void> {
    for (const db of await this.backend.storeDatabases()) this.dirty.add(db);
    this.running = this.running.then(() => this.drain());
    await this.running;
  }

  /** Waits for any scheduled work (tests, shutdown). */
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
      await this.rollUp(db);
    }
  }

  /** Rolls one store database forward from its cursor to its end. */
  private async rollUp(storeDb: string): Promise<void> {
    let since = this.cursors.get(storeDb) ?? (await this.backend.readCursor(storeDb));
    for (;;) {
      const { rows, lastSeq } = await this.backend.changes(storeDb, since, BATCH);
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
      if (updates.length > 0 || since === undefined || (rows.length > 0 && due)) {
        await this.backend.writeCursor(storeDb, lastSeq);
        this.cursorSavedAt.set(storeDb, Date.now());
      }
      this.cursors.set(storeDb, lastSeq);
      since = lastSeq;
      if (rows.length < BATCH) return;
    }
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
