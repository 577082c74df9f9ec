// The roll-up's state in the embedded store: contributions and cursors in SQLite tables, level
// documents written into `stock-levels` through the normal document path (so they replicate).
import type Database from 'better-sqlite3';
import type { DocRow } from '../storage/store-statements';
import type { SqliteStore } from '../storage/sqlite-store';
import type { Contribution, LevelKey, LevelSums, MovementChange, RollupBackend } from './rollup-backend';

const schema = [
  `CREATE TABLE IF NOT EXISTS stock_contrib (store_db TEXT NOT NULL, movement_id TEXT NOT NULL, store_id TEXT NOT NULL,
     sku TEXT NOT NULL, location_id TEXT NOT NULL, on_hand INTEGER NOT NULL, reserved INTEGER NOT NULL,
     PRIMARY KEY (store_db, movement_id)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS stock_contrib_by_level ON stock_contrib (sku, location_id)`,
  `CREATE TABLE IF NOT EXISTS stock_cursor (store_db TEXT PRIMARY KEY, seq TEXT NOT NULL) WITHOUT ROWID`,
];

export class EmbeddedRollupBackend implements RollupBackend {
  private readonly db: Database.Database;

  constructor(private readonly store: SqliteStore) {
    this.db = store.sqlite;
    for (const sql of schema) this.db.exec(sql);
  }

  storeDatabases(): Promise<string[]> {
    return Promise.resolve(this.store.listDbs().filter((n) => n.startsWith('store-')));
  }

  readCursor(storeDb: string): Promise<string | undefined> {
    const row = this.db
      .prepare<[string], { seq: string }>('SELECT seq FROM stock_cursor WHERE store_db = ?')
      .get(storeDb);
    return Promise.resolve(row?.seq);
  }

  writeCursor(storeDb: string, seq: string): Promise<void> {
    return this.store.transact(() => {
      this.db.prepare('INSERT OR REPLACE INTO stock_cursor (store_db, seq) VALUES (?, ?)').run(storeDb, seq);
    });
  }

  changes(
    storeDb: string,
    since: string | undefined,
    limit: number,
  ): Promise<{ rows: MovementChange[]; lastSeq: string }> {
    const info = this.store.info(storeDb);
    if (!info) return Promise.resolve({ rows: [], lastSeq: since ?? '0' });
    const found = this.store.changes(info, Number(since ?? 0), limit, true);
    const rows = found.map((r) => ({
      id: r.id,
      deleted: r.deleted === 1,
      // Bodies are compact JSON.stringify output: only movements are worth parsing.
      doc:
        r.deleted === 1 || r.body === null || !r.body.includes('"type":"movement"')
          ? undefined
          : (JSON.parse(r.body) as Record<string, unknown>),
    }));
    return Promise.resolve({ rows, lastSeq: String(found.at(-1)?.seq ?? since ?? 0) });
  }

  keysOf(storeDb: string, movementIds: string[]): Promise<LevelKey[]> {
    const get = this.db.prepare<[string, string], { sku: string; location_id: string }>(
      'SELECT sku, location_id FROM stock_contrib WHERE store_db = ? AND movement_id = ?',
    );
    const keys: LevelKey[] = [];
    for (const id of movementIds) {
      const row = get.get(storeDb, id);
      if (row) keys.push({ sku: row.sku, locationId: row.location_id });
    }
    return Promise.resolve(keys);
  }

  recordContributions(
    storeDb: string,
    changes: { movementId: string; contribution: Contribution | null }[],
  ): Promise<void> {
    return this.store.transact(() => {
      const put = this.db.prepare(
        'INSERT OR REPLACE INTO stock_contrib (store_db, movement_id, store_id, sku, location_id, on_hand, reserved) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const del = this.db.prepare('DELETE FROM stock_contrib WHERE store_db = ? AND movement_id = ?');
      for (const { movementId, contribution: c } of changes) {
        if (c) put.run(storeDb, movementId, c.storeId, c.sku, c.locationId, c.onHand, c.reserved);
        else del.run(storeDb, movementId);
      }
    });
  }

  sums(keys: LevelKey[]): Promise<LevelSums[]> {
    const sum = this.db.prepare<
      [string, string],
      {
        on_hand: number | null;
        reserved: number | null;
        n: number;
        last: string | null;
        store_id: string | null;
      }
    >(
      `SELECT SUM(on_hand) AS on_hand, SUM(reserved) AS reserved, COUNT(*) AS n, MAX(movement_id) AS last, MAX(store_id) AS store_id
       FROM stock_contrib WHERE sku = ? AND location_id = ?`,
    );
    return Promise.resolve(
      keys.map((k) => {
        const r = sum.get(k.sku, k.locationId);
        return {
          ...k,
          storeId: r?.store_id ?? undefined,
          onHand: r?.on_hand ?? 0,
          reserved: r?.reserved ?? 0,
          movementCount: r?.n ?? 0,
          lastMovementId: r?.last ?? undefined,
        };
      }),
    );
  }

  async writeLevels(docs: Record<string, unknown>[]): Promise<void> {
    const info = this.store.info('stock-levels');
    if (!info) throw new Error('the stock-levels database is missing');
    const withRevs = docs.map((doc) => {
      const row: DocRow | undefined = this.store.getDoc(info, doc._id as string);
      return row ? { ...doc, _rev: row.winning_rev } : doc;
    });
    const results = await this.store.writeDocs(info, withRevs, true, () => undefined);
    const failed = results.find((r) => 'error' in r);
    if (failed && 'error' in failed)
      throw new Error(`writing stock level ${failed.id}: ${failed.error} ${failed.reason}`);
  }
}
