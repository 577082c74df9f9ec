// What the stock roll-up needs from wherever the data lives: the embedded store, or a CouchDB cluster
// reached over HTTP (`--couch-url`). Contributions are keyed by movement id, so re-reading a movement
// (after a crash, a restart or a replayed batch) replaces its contribution instead of adding it twice.

/** One movement's effect on one level. */
export interface Contribution {
  storeDb: string;
  movementId: string;
  storeId: string;
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
}

/** A (sku, location) pair whose level is recomputed. */
export interface LevelKey {
  sku: string;
  locationId: string;
}

/** The sums behind a level document. */
export interface LevelSums extends LevelKey {
  storeId: string | undefined;
  onHand: number;
  reserved: number;
  movementCount: number;
  lastMovementId: string | undefined;
}

/** A change of a store database as the roll-up reads it. */
export interface MovementChange {
  id: string;
  deleted: boolean;
  doc: Record<string, unknown> | undefined;
}

export interface RollupBackend {
  storeDatabases(): Promise<string[]>;
  readCursor(storeDb: string): Promise<string | undefined>;
  writeCursor(storeDb: string, seq: string): Promise<void>;
  changes(
    storeDb: string,
    since: string | undefined,
    limit: number,
  ): Promise<{ rows: MovementChange[]; lastSeq: string }>;
  /** Replaces the contributions of these movements (a null contribution removes one). */
  recordContributions(
    storeDb: string,
    changes: { movementId: string; contribution: Contribution | null }[],
  ): Promise<void>;
  /** The levels these movements currently count in (so removing one re-sums its level). */
  keysOf(storeDb: string, movementIds: string[]): Promise<LevelKey[]>;
  sums(keys: LevelKey[]): Promise<LevelSums[]>;
  /** Upserts level documents into `stock-levels` (server-written, bypassing client validation). */
  writeLevels(docs: Record<string, unknown>[]): Promise<void>;
}

export const levelKey = (k: LevelKey) => `${k.sku}\u0000${k.locationId}`;
export const levelDocId = (k: LevelKey) => `stock-level:${k.sku}:${k.locationId}`;
