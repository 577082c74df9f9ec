// The omnichannel service's own tables, in the server's SQLite file next to the documents, so routing an
// endless-aisle order and remembering that it was routed commit in one transaction.
import type Database from 'better-sqlite3';

const statements = [
  // How far the follower has read each database.
  `CREATE TABLE IF NOT EXISTS omni_cursors (db TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID`,
  // Every endless-aisle order the server has routed (or could not route, with the reason): once each.
  `CREATE TABLE IF NOT EXISTS omni_ship_orders (order_id TEXT PRIMARY KEY, store_id TEXT NOT NULL,
     status TEXT NOT NULL, plan TEXT, reason TEXT, routed_at INTEGER NOT NULL) WITHOUT ROWID`,
  // Orders of every store and the web shop, by what a return looks them up with.
  `CREATE TABLE IF NOT EXISTS omni_orders (order_id TEXT PRIMARY KEY, db TEXT NOT NULL, store_id TEXT NOT NULL,
     kind TEXT NOT NULL, receipt TEXT NOT NULL, external_ref TEXT, customer_id TEXT, loyalty_id TEXT,
     no_receipt_amount INTEGER, created_at TEXT NOT NULL) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS omni_orders_by_receipt ON omni_orders (receipt)`,
  `CREATE INDEX IF NOT EXISTS omni_orders_by_ref ON omni_orders (external_ref COLLATE NOCASE)`,
  `CREATE INDEX IF NOT EXISTS omni_orders_by_customer ON omni_orders (customer_id)`,
  `CREATE INDEX IF NOT EXISTS omni_orders_by_loyalty ON omni_orders (loyalty_id)`,
  `CREATE TABLE IF NOT EXISTS omni_order_tokens (token TEXT NOT NULL, order_id TEXT NOT NULL,
     PRIMARY KEY (token, order_id)) WITHOUT ROWID`,
  // Returns and exchanges by the sale they give something back from.
  `CREATE TABLE IF NOT EXISTS omni_return_refs (original_order_id TEXT NOT NULL, order_id TEXT NOT NULL,
     PRIMARY KEY (original_order_id, order_id)) WITHOUT ROWID`,
];

/** Creates the tables when missing (idempotent). */
export function migrateOmniSchema(db: Database.Database): void {
  for (const sql of statements) db.exec(sql);
}
