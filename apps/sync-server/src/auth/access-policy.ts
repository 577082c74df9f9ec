// Which principal may read or write which database (DESIGN.md "Sync"): `catalog` is written by HQ and read
// by every store; `store-<id>` belongs to that store and HQ; `stock-levels` is derived by the server and
// read-only; `web-orders` and `hq` are HQ's. Any other database is the admin's alone.
import type { Principal } from './principal';

/** The kind of a database by its name. */
export type DbKind = 'catalog' | 'store' | 'stock-levels' | 'web-orders' | 'hq' | 'other';

export const STORE_DB_PREFIX = 'store-';

export function storeDbName(storeId: string): string {
  return `${STORE_DB_PREFIX}${storeId}`;
}

export function dbKind(name: string): { kind: DbKind; storeId?: string } {
  if (name.startsWith(STORE_DB_PREFIX) && name.length > STORE_DB_PREFIX.length) {
    return { kind: 'store', storeId: name.slice(STORE_DB_PREFIX.length) };
  }
  if (name === 'catalog' || name === 'stock-levels' || name === 'web-orders' || name === 'hq')
    return { kind: name };
  return { kind: 'other' };
}

export function canRead(p: Principal, db: string): boolean {
  if (p.role === 'admin') return true;
  const { kind, storeId } = dbKind(db);
  switch (p.role) {
    case 'hq':
      return kind !== 'other';
    case 'it':
      return kind === 'hq' || kind === 'catalog' || kind === 'stock-levels';
    case 'manager':
    case 'terminal':
      return kind === 'catalog' || kind === 'stock-levels' || (kind === 'store' && storeId === p.storeId);
  }
}

export function canWrite(p: Principal, db: string): boolean {
  if (p.role === 'admin') return true;
  const { kind, storeId } = dbKind(db);
  switch (p.role) {
    case 'hq':
      return kind === 'catalog' || kind === 'store' || kind === 'web-orders' || kind === 'hq';
    case 'it':
      return false;
    case 'manager':
    case 'terminal':
      return kind === 'store' && storeId === p.storeId;
  }
}

/** The `_security` object a provisioned database gets (informational here; enforced in CouchDB mode). */
export function securityFor(db: string): {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
} {
  const { kind, storeId } = dbKind(db);
  const roles: string[] =
    kind === 'store'
      ? ['hq', `store:${storeId}`]
      : kind === 'catalog' || kind === 'stock-levels'
        ? ['hq', 'it', 'store']
        : ['hq'];
  return { admins: { names: [], roles: ['_admin'] }, members: { names: [], roles } };
}
