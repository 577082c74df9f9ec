// Where the follower reads changes from: the embedded store, or a CouchDB cluster over HTTP
// (`--couch-url`). Only reading is needed; HQ's own tables are always a local SQLite file.

/** One change of a database as the follower reads it (the winning revision's body, if not deleted). */
export interface HqChange {
  id: string;
  deleted: boolean;
  doc: Record<string, unknown> | undefined;
}

/** A page of changes and the sequence to continue from. */
export interface HqChangesPage {
  rows: HqChange[];
  lastSeq: string;
}

export interface HqSource {
  /** Every `store-<id>` database. */
  storeDatabases(): Promise<string[]>;
  /** Changes after `since` (undefined = from the start), at most `limit`, with documents. */
  changes(db: string, since: string | undefined, limit: number): Promise<HqChangesPage>;
  /** The database's current update sequence (for the lag shown in `/_hq/api/status`). */
  updateSeq(db: string): Promise<string | undefined>;
}

/** The database the server's stock roll-up writes levels into; the follower mirrors it too. */
export const STOCK_LEVELS_DB = 'stock-levels';
