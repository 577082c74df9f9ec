// HQ's tables: the follower's checkpoints and per-document contributions, the aggregates the
// dashboards read, the records (closes, fulfillments, movements, customers) and fleet heartbeats.
// Money columns are integer minor units; every sales figure keeps its currency beside it.
import type Database from 'better-sqlite3';

const measures = `orders INTEGER NOT NULL, sales_count INTEGER NOT NULL, return_count INTEGER NOT NULL,
  gross INTEGER NOT NULL, discounts INTEGER NOT NULL, net_sales INTEGER NOT NULL, returns INTEGER NOT NULL,
  net INTEGER NOT NULL, units INTEGER NOT NULL, returned_units INTEGER NOT NULL`;

const statements = [
  `CREATE TABLE IF NOT EXISTS hq_cursor (db TEXT PRIMARY KEY, seq TEXT NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS hq_contrib (db TEXT NOT NULL, doc_id TEXT NOT NULL, additive TEXT NOT NULL,
     PRIMARY KEY (db, doc_id)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS hq_sales_hour (store_id TEXT NOT NULL, day TEXT NOT NULL, hour TEXT NOT NULL,
     channel TEXT NOT NULL, currency TEXT NOT NULL, ${measures},
     PRIMARY KEY (store_id, day, hour, channel, currency)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS hq_sales_day (store_id TEXT NOT NULL, day TEXT NOT NULL, channel TEXT NOT NULL,
     currency TEXT NOT NULL, ${measures}, PRIMARY KEY (store_id, day, channel, currency)) WITHOUT ROWID`,
  // Month tables answer long ranges (a year is 12 rows per store instead of 365, or 4,380 per hour):
  // queries add the edge days of partial months from the day and hour tables.
  `CREATE TABLE IF NOT EXISTS hq_sales_month (store_id TEXT NOT NULL, month TEXT NOT NULL, channel TEXT NOT NULL,
     currency TEXT NOT NULL, ${measures}, PRIMARY KEY (store_id, month, channel, currency)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS hq_sales_month_hour (store_id TEXT NOT NULL, month TEXT NOT NULL, hour TEXT NOT NULL,
     channel TEXT NOT NULL, currency TEXT NOT NULL, ${measures},
     PRIMARY KEY (store_id, month, hour, channel, currency)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS hq_tender_month (store_id TEXT NOT NULL, month TEXT NOT NULL, channel TEXT NOT NULL,
     tender TEXT NOT NULL, currency TEXT NOT NULL, count INTEGER NOT NULL, amount INTEGER NOT NULL,
     PRIMARY KEY (store_id, month, channel, tender, currency)) WITHOUT ROWID`,
  // No index on day alone: an all-stores range reads the (small) table in order faster than through one.
  `CREATE TABLE IF NOT EXISTS hq_tender_day (store_id TEXT NOT NULL, day TEXT NOT NULL, channel TEXT NOT NULL,
     tender TEXT NOT NULL, currency TEXT NOT NULL, count INTEGER NOT NULL, amount INTEGER NOT NULL,
     PRIMARY KEY (store_id, day, channel, tender, currency)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS hq_loyalty_day (store_id TEXT NOT NULL, day TEXT NOT NULL, earned INTEGER NOT NULL,
     redeemed INTEGER NOT NULL, entries INTEGER NOT NULL, PRIMARY KEY (store_id, day)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS hq_close (db TEXT NOT NULL, id TEXT NOT NULL, store_id TEXT NOT NULL,
     terminal_id TEXT NOT NULL, shift_id TEXT NOT NULL, business_date TEXT NOT NULL, z_number INTEGER,
     closed_by TEXT NOT NULL, approved_by TEXT, currency TEXT NOT NULL, net INTEGER NOT NULL,
     transaction_count INTEGER NOT NULL, cash_variance INTEGER NOT NULL, total_variance INTEGER NOT NULL,
     created_at TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (db, id)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS hq_close_by_day ON hq_close (store_id, business_date)`,
  `CREATE TABLE IF NOT EXISTS hq_fulfillment (db TEXT NOT NULL, id TEXT NOT NULL, store_id TEXT NOT NULL,
     order_id TEXT NOT NULL, method TEXT NOT NULL, state TEXT NOT NULL, created_at TEXT NOT NULL,
     ready_at TEXT, collected_at TEXT, PRIMARY KEY (db, id)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS hq_fulfillment_by_store ON hq_fulfillment (store_id, created_at)`,
  `CREATE TABLE IF NOT EXISTS hq_movement (db TEXT NOT NULL, id TEXT NOT NULL, store_id TEXT NOT NULL,
     terminal_id TEXT, sku TEXT NOT NULL, location_id TEXT NOT NULL, delta INTEGER NOT NULL, reason TEXT NOT NULL,
     ref TEXT, created_at TEXT NOT NULL, PRIMARY KEY (db, id)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS hq_movement_by_sku ON hq_movement (sku, created_at)`,
  `CREATE TABLE IF NOT EXISTS hq_customer (db TEXT NOT NULL, id TEXT NOT NULL, store_id TEXT NOT NULL,
     name TEXT NOT NULL, email TEXT, phone TEXT, loyalty_account_id TEXT, updated_at TEXT NOT NULL,
     doc TEXT NOT NULL, PRIMARY KEY (db, id)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS hq_customer_by_id ON hq_customer (id)`,
  `CREATE INDEX IF NOT EXISTS hq_customer_by_store ON hq_customer (store_id, email)`,
  `CREATE INDEX IF NOT EXISTS hq_customer_by_email ON hq_customer (email)`,
  `CREATE INDEX IF NOT EXISTS hq_customer_by_phone ON hq_customer (phone)`,
  `CREATE TABLE IF NOT EXISTS hq_customer_order (db TEXT NOT NULL, order_id TEXT NOT NULL,
     customer_id TEXT NOT NULL, store_id TEXT NOT NULL, created_at TEXT NOT NULL, kind TEXT NOT NULL,
     channel TEXT NOT NULL, currency TEXT NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (db, order_id)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS hq_customer_order_by_customer ON hq_customer_order (customer_id, created_at)`,
  `CREATE TABLE IF NOT EXISTS hq_customer_alias (alias_id TEXT PRIMARY KEY, survivor_id TEXT NOT NULL,
     merged_at TEXT NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS hq_stock_level (sku TEXT NOT NULL, location_id TEXT NOT NULL, store_id TEXT,
     on_hand INTEGER NOT NULL, reserved INTEGER NOT NULL, safety_stock INTEGER, updated_at TEXT NOT NULL,
     PRIMARY KEY (sku, location_id)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS hq_stock_level_by_store ON hq_stock_level (store_id, sku)`,
  `CREATE INDEX IF NOT EXISTS hq_stock_level_by_on_hand ON hq_stock_level (on_hand)`,
  `CREATE TABLE IF NOT EXISTS hq_heartbeat (terminal_id TEXT NOT NULL, received_at TEXT NOT NULL,
     store_id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (terminal_id, received_at)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS hq_terminal_last (terminal_id TEXT PRIMARY KEY, store_id TEXT NOT NULL,
     received_at TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID`,
  // Update checks reported by terminals (update-reports.ts): a bounded history per terminal.
  `CREATE TABLE IF NOT EXISTS hq_update_report (terminal_id TEXT NOT NULL, received_at TEXT NOT NULL,
     seq INTEGER NOT NULL, store_id TEXT NOT NULL, body TEXT NOT NULL,
     PRIMARY KEY (terminal_id, received_at, seq)) WITHOUT ROWID`,
];

/** Creates HQ's tables if missing (idempotent; runs at every start). */
export function migrateHqSchema(db: Database.Database): void {
  for (const sql of statements) db.exec(sql);
}
