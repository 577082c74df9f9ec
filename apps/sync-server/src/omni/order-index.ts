// Orders of every store database and of `web-orders`, indexed by what a return is looked up with
// (order number, receipt barcode, web reference, customer, loyalty account, card token), and returns by
// the sale they reference. Written by the omnichannel follower, read by the terminal look-up endpoints.
import type Database from 'better-sqlite3';
import type { NoReceiptReturnRecord } from '@store-os/shared/omnichannel';
import type { OrderDoc } from '@store-os/shared/schemas';

/** The receipt barcode of an order: the last 20 characters of its id (the terminal prints these). */
export const receiptCode = (orderId: string): string => orderId.slice(-20);

/** A row of the order index: where the order document lives. */
export interface IndexedOrder {
  orderId: string;
  db: string;
}

/** Records `order` (found in `db`); a second sighting (a web order's copy in its home store) changes nothing. */
export function indexOrder(sqlite: Database.Database, db: string, order: OrderDoc): void {
  const noReceipt = order.returnLines.filter((l) => l.originalOrderId === undefined);
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO omni_orders (order_id, db, store_id, kind, receipt, external_ref, customer_id,
         loyalty_id, no_receipt_amount, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      order.id,
      db,
      order.storeId,
      order.kind,
      receiptCode(order.id),
      order.externalRef ?? null,
      order.customer?.customerId ?? null,
      order.customer?.loyaltyAccountId ?? null,
      noReceipt.length > 0 ? noReceipt.reduce((s, l) => s + l.total.amount, 0) : null,
      order.createdAt,
    );
  const token = sqlite.prepare('INSERT OR IGNORE INTO omni_order_tokens (token, order_id) VALUES (?, ?)');
  for (const t of order.tenders) if (t.type === 'card' && t.token) token.run(t.token, order.id);
  const ref = sqlite.prepare(
    'INSERT OR IGNORE INTO omni_return_refs (original_order_id, order_id) VALUES (?, ?)',
  );
  for (const id of new Set(order.returnLines.flatMap((l) => (l.originalOrderId ? [l.originalOrderId] : []))))
    ref.run(id, order.id);
}

/**
 * Sales (and exchanges, which sell too) matching `q` exactly as an order number, receipt barcode, web
 * reference (any case), customer id, loyalty account or card token; newest first, at most `limit`.
 */
export function findSales(sqlite: Database.Database, q: string, limit: number): IndexedOrder[] {
  return sqlite
    .prepare<[string, string, string, string, string, string, number], IndexedOrder>(
      `SELECT order_id AS orderId, db FROM omni_orders
        WHERE kind != 'return' AND (order_id = ? OR receipt = ? OR external_ref = ? COLLATE NOCASE
          OR customer_id = ? OR loyalty_id = ?
          OR order_id IN (SELECT order_id FROM omni_order_tokens WHERE token = ?))
        ORDER BY created_at DESC LIMIT ?`,
    )
    .all(q, q, q, q, q, q, limit);
}

/** Returns and exchanges that give something back from `orderId`. */
export function returnsAgainst(sqlite: Database.Database, orderId: string): IndexedOrder[] {
  return sqlite
    .prepare<[string], IndexedOrder>(
      `SELECT o.order_id AS orderId, o.db FROM omni_return_refs r JOIN omni_orders o ON o.order_id = r.order_id
        WHERE r.original_order_id = ? ORDER BY o.created_at`,
    )
    .all(orderId);
}

/** The customer's no-receipt returns anywhere in the chain (what the no-receipt limits count). */
export function noReceiptReturnsOf(sqlite: Database.Database, customerId: string): NoReceiptReturnRecord[] {
  return sqlite
    .prepare<[string], NoReceiptReturnRecord>(
      `SELECT order_id AS orderId, store_id AS storeId, created_at AS at, no_receipt_amount AS amount
         FROM omni_orders WHERE customer_id = ? AND no_receipt_amount IS NOT NULL ORDER BY order_id`,
    )
    .all(customerId);
}
