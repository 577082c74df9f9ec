// The integration API's own tables, in the server's SQLite file next to the documents, so an API write
// and its idempotency record (or an event and its deliveries) commit in one transaction.
import type Database from 'better-sqlite3';

const statements = [
  // Secrets are stored as SHA-256 of a 256-bit random value: unguessable, so no salt or slow hash needed.
  `CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, integration TEXT NOT NULL, scopes TEXT NOT NULL,
     description TEXT, hash TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL,
     last_used_at INTEGER, revoked_at INTEGER) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS api_idempotency (caller TEXT NOT NULL, key TEXT NOT NULL, route TEXT NOT NULL,
     body_hash TEXT NOT NULL, status INTEGER NOT NULL, response TEXT NOT NULL, created_at INTEGER NOT NULL,
     PRIMARY KEY (caller, key)) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS api_idempotency_by_age ON api_idempotency (created_at)`,
  // How each web order was routed (which stores hold its parts), to answer GET without scanning stores.
  `CREATE TABLE IF NOT EXISTS api_web_orders (order_id TEXT PRIMARY KEY, external_ref TEXT NOT NULL,
     store_id TEXT NOT NULL, method TEXT NOT NULL, plan TEXT NOT NULL, received_at INTEGER NOT NULL) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS api_web_orders_by_ref ON api_web_orders (external_ref)`,
  `CREATE TABLE IF NOT EXISTS api_webhooks (id TEXT PRIMARY KEY, url TEXT NOT NULL, events TEXT NOT NULL,
     secret TEXT NOT NULL, description TEXT, created_at INTEGER NOT NULL, created_by TEXT NOT NULL,
     deleted_at INTEGER) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS api_deliveries (id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL,
     event_id TEXT NOT NULL, event_type TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, created_at INTEGER NOT NULL,
     delivered_at INTEGER, last_status INTEGER, last_error TEXT) WITHOUT ROWID`,
  `CREATE INDEX IF NOT EXISTS api_deliveries_due ON api_deliveries (status, next_attempt_at)`,
  `CREATE INDEX IF NOT EXISTS api_deliveries_by_sub ON api_deliveries (subscription_id, id)`,
  `CREATE TABLE IF NOT EXISTS api_delivery_attempts (delivery_id TEXT NOT NULL, attempt INTEGER NOT NULL,
     at INTEGER NOT NULL, status_code INTEGER, error TEXT, duration_ms INTEGER NOT NULL,
     PRIMARY KEY (delivery_id, attempt)) WITHOUT ROWID`,
  // Where the event follower has read each database up to, and the last state it announced per fulfillment.
  `CREATE TABLE IF NOT EXISTS api_event_cursors (db TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS api_fulfillment_states (db TEXT NOT NULL, id TEXT NOT NULL, state TEXT NOT NULL,
     PRIMARY KEY (db, id)) WITHOUT ROWID`,
];

/** Creates the integration API's tables if missing. */
export function migrateApiSchema(db: Database.Database): void {
  for (const sql of statements) db.exec(sql);
}
