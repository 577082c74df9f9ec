// The embedded store's tables. One SQLite file holds every database so a group commit is one transaction
// (one fsync) however many databases a batch touches.
import type Database from 'better-sqlite3';

const statements = [
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS dbs (
     dbid INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL UNIQUE,
     update_seq INTEGER NOT NULL DEFAULT 0,
     doc_count INTEGER NOT NULL DEFAULT 0,
     doc_del_count INTEGER NOT NULL DEFAULT 0,
     instance_start_time TEXT NOT NULL,
     security TEXT NOT NULL DEFAULT '{}')`,
  // One row per document: its rev tree, winner and the seq of its last change (the changes feed index).
  `CREATE TABLE IF NOT EXISTS docs (
     dbid INTEGER NOT NULL,
     id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     winning_rev TEXT NOT NULL,
     deleted INTEGER NOT NULL,
     leaves TEXT NOT NULL,
     rev_tree TEXT NOT NULL,
     PRIMARY KEY (dbid, id)) WITHOUT ROWID`,
  `CREATE UNIQUE INDEX IF NOT EXISTS docs_by_seq ON docs (dbid, seq)`,
  // The body of every stored revision, without its underscore fields.
  `CREATE TABLE IF NOT EXISTS revs (
     dbid INTEGER NOT NULL,
     id TEXT NOT NULL,
     rev TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (dbid, id, rev)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS local_docs (
     dbid INTEGER NOT NULL,
     id TEXT NOT NULL,
     rev TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (dbid, id)) WITHOUT ROWID`,
];

/** Creates the tables if missing and sets the durability pragmas (WAL, synchronous=FULL). */
export function migrateStoreSchema(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL in WAL mode fsyncs the WAL on every commit: an acknowledged write survives a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -65536');
  for (const sql of statements) db.exec(sql);
}
