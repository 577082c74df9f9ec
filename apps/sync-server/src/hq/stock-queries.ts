// Stock levels with oversell and low-stock alerts, and the movement history of a sku.
import type Database from 'better-sqlite3';
import { scopeSql, type StoreScope } from './hq-access';
import { prepared } from './sales-queries';

/** A level as the console lists it. */
export interface LevelRow {
  sku: string;
  locationId: string;
  storeId: string | null;
  onHand: number;
  reserved: number;
  available: number;
  safetyStock: number | null;
  alert: 'negative' | 'low' | null;
  updatedAt: string;
}

/** Filters of a levels query. */
export interface LevelQuery {
  sku?: string;
  locationId?: string;
  alert?: 'low' | 'negative';
  low: number;
  limit: number;
  offset: number;
}

// Negative on hand is an offline oversell; low is available at or under the safety stock (or `low`).
const ALERT = `CASE WHEN on_hand < 0 THEN 'negative'
  WHEN on_hand - reserved <= MAX(COALESCE(safety_stock, 0), ?) THEN 'low' ELSE NULL END`;

export function stockLevels(
  db: Database.Database,
  scope: StoreScope,
  q: LevelQuery,
): { total: number; rows: LevelRow[] } {
  const s = scopeSql(scope);
  const where = [s.sql];
  const args: (string | number)[] = [...s.args];
  if (q.sku) {
    where.push('sku = ?');
    args.push(q.sku);
  }
  if (q.locationId) {
    where.push('location_id = ?');
    args.push(q.locationId);
  }
  if (q.alert === 'negative') where.push('on_hand < 0');
  if (q.alert === 'low') {
    where.push('on_hand >= 0 AND on_hand - reserved <= MAX(COALESCE(safety_stock, 0), ?)');
    args.push(q.low);
  }
  const cond = where.join(' AND ');
  const total = (
    prepared(db, `SELECT COUNT(*) AS n FROM hq_stock_level WHERE ${cond}`).get(...args) as { n: number }
  ).n;
  const rows = prepared(
    db,
    `SELECT sku, location_id AS locationId, store_id AS storeId, on_hand AS onHand, reserved,
       on_hand - reserved AS available, safety_stock AS safetyStock, ${ALERT} AS alert, updated_at AS updatedAt
     FROM hq_stock_level WHERE ${cond} ORDER BY sku, location_id LIMIT ? OFFSET ?`,
  ).all(q.low, ...args, q.limit, q.offset) as LevelRow[];
  return { total, rows };
}

/** A movement in a sku's history. */
export interface MovementRow {
  id: string;
  storeId: string;
  terminalId: string | null;
  locationId: string;
  delta: number;
  reason: string;
  ref: unknown;
  createdAt: string;
}

/** The newest movements of a sku (optionally at one location), before `before` when paging. */
export function movementHistory(
  db: Database.Database,
  scope: StoreScope,
  sku: string,
  opts: { locationId?: string; before?: string; limit: number },
): MovementRow[] {
  const s = scopeSql(scope);
  const where = ['sku = ?', s.sql];
  const args: (string | number)[] = [sku, ...s.args];
  if (opts.locationId) {
    where.push('location_id = ?');
    args.push(opts.locationId);
  }
  if (opts.before) {
    where.push('created_at < ?');
    args.push(opts.before);
  }
  const rows = prepared(
    db,
    `SELECT id, store_id AS storeId, terminal_id AS terminalId, location_id AS locationId, delta, reason, ref,
       created_at AS createdAt FROM hq_movement WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`,
  ).all(...args, opts.limit) as (MovementRow & { ref: string | null })[];
  return rows.map((r) => ({ ...r, ref: r.ref === null ? null : (JSON.parse(r.ref) as unknown) }));
}
