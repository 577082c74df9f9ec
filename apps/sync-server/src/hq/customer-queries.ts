// Customers across stores: search by name, email or phone; one customer's history (including ids
// merged into them); likely duplicates by normalised email or phone.
import type Database from 'better-sqlite3';
import { scopeSql, type StoreScope } from './hq-access';
import { normaliseEmail, normalisePhone } from './doc-contribution';
import { prepared } from './sales-queries';

/** A customer in search results and duplicate groups. */
export interface CustomerRow {
  id: string;
  storeId: string;
  name: string;
  email: string | null;
  phone: string | null;
  loyaltyAccountId: string | null;
  updatedAt: string;
  orders: number;
  spent: number;
  lastOrderAt: string | null;
}

// One row per customer id: a customer known to several stores is shown as its latest version.
const LATEST = `SELECT c.id, c.store_id AS storeId, c.name, c.email, c.phone, c.loyalty_account_id AS loyaltyAccountId,
    c.updated_at AS updatedAt,
    (SELECT COUNT(*) FROM hq_customer_order o WHERE o.customer_id = c.id) AS orders,
    (SELECT COALESCE(SUM(total), 0) FROM hq_customer_order o WHERE o.customer_id = c.id) AS spent,
    (SELECT MAX(created_at) FROM hq_customer_order o WHERE o.customer_id = c.id) AS lastOrderAt
  FROM hq_customer c
  WHERE c.updated_at = (SELECT MAX(updated_at) FROM hq_customer x WHERE x.id = c.id)`;

/** Customers matching `q` (email if it has an @, phone if it is mostly digits, otherwise name). */
export function searchCustomers(
  db: Database.Database,
  scope: StoreScope,
  q: string,
  limit: number,
): CustomerRow[] {
  const s = scopeSql(scope, 'c.store_id');
  const digits = normalisePhone(q);
  let cond: string;
  let arg: string;
  if (q.includes('@')) {
    cond = 'c.email LIKE ?';
    arg = `%${normaliseEmail(q) ?? ''}%`;
  } else if (digits && digits.length >= 4 && digits.length >= q.replace(/\s/g, '').length - 3) {
    cond = 'c.phone LIKE ?';
    arg = `%${digits}%`;
  } else {
    cond = 'c.name LIKE ?';
    arg = `%${q.trim()}%`;
  }
  const rows = prepared(db, `${LATEST} AND ${cond} AND ${s.sql} GROUP BY c.id ORDER BY c.name LIMIT ?`).all(
    arg,
    ...s.args,
    limit,
  ) as CustomerRow[];
  return rows;
}

/** One customer with the ids merged into them and their orders (newest first). */
export function customerHistory(db: Database.Database, scope: StoreScope, id: string) {
  const s = scopeSql(scope, 'c.store_id');
  const customer = prepared(db, `${LATEST} AND c.id = ? AND ${s.sql} GROUP BY c.id`).get(id, ...s.args) as
    CustomerRow | undefined;
  if (!customer) return undefined;
  const aliases = (
    prepared(db, 'SELECT alias_id AS id FROM hq_customer_alias WHERE survivor_id = ?').all(id) as {
      id: string;
    }[]
  ).map((a) => a.id);
  const ids = [id, ...aliases];
  const o = scopeSql(scope);
  const orders = prepared(
    db,
    `SELECT order_id AS id, store_id AS storeId, created_at AS createdAt, kind, channel, currency, total
     FROM hq_customer_order WHERE customer_id IN (${ids.map(() => '?').join(', ')}) AND ${o.sql}
     ORDER BY created_at DESC LIMIT 200`,
  ).all(...ids, ...o.args);
  return { customer, aliases, orders };
}

/** A group of customers sharing an email or a phone number. */
export interface DuplicateGroup {
  match: 'email' | 'phone';
  value: string;
  customers: CustomerRow[];
}

export function duplicateCustomers(db: Database.Database, scope: StoreScope): DuplicateGroup[] {
  const s = scopeSql(scope);
  const groups: DuplicateGroup[] = [];
  for (const match of ['email', 'phone'] as const) {
    const values = prepared(
      db,
      `SELECT ${match} AS value FROM hq_customer WHERE ${match} IS NOT NULL AND ${s.sql}
       GROUP BY ${match} HAVING COUNT(DISTINCT id) > 1 ORDER BY ${match} LIMIT 500`,
    ).all(...s.args) as { value: string }[];
    const members = prepared(db, `${LATEST} AND c.${match} = ? GROUP BY c.id ORDER BY c.updated_at`);
    for (const { value } of values)
      groups.push({ match, value, customers: members.all(value) as CustomerRow[] });
  }
  return groups;
}
