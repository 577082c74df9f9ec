// Who may see what in the HQ API: hq and admin every store, a store manager only their own, IT the
// fleet, a terminal only its own heartbeat. Asking for a store outside your scope is a 403, not an
// empty answer, so a wrong link is noticed.
import type { Principal, Role } from '../auth/principal';
import type { Ctx } from '../http/context';
import { forbidden } from '../http/couch-error';
import { requireUser } from '../http/guards';

/** What a request may read: every store (`all`) or the listed ones. */
export type StoreScope = { all: true } | { all: false; storeIds: string[] };

/** The caller, if their role is one of `roles` (403 naming the roles otherwise; 401 when anonymous). */
export function requireRole(ctx: Pick<Ctx, 'principal'>, roles: readonly Role[], what: string): Principal {
  const p = requireUser(ctx);
  if (!roles.includes(p.role))
    throw forbidden(`${what} is for ${roles.join(', ')}; you are signed in as ${p.role} ${p.name}.`);
  return p;
}

/**
 * The stores a figures query covers: the `store` parameter (repeated or comma-separated) narrowed to
 * the caller's scope. Sales, stock, closes and customers are for admin, hq and store managers.
 */
export function storeScope(ctx: Pick<Ctx, 'principal' | 'url'>, what: string): StoreScope {
  const p = requireRole(ctx, ['admin', 'hq', 'manager'], what);
  const requested = ctx.url.searchParams
    .getAll('store')
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (p.role !== 'manager') return requested.length > 0 ? { all: false, storeIds: requested } : { all: true };
  if (!p.storeId) throw forbidden(`Store manager ${p.name} has no store assigned.`);
  const other = requested.find((s) => s !== p.storeId);
  if (other) throw forbidden(`You manage store ${p.storeId}; store ${other} is not yours to see.`);
  return { all: false, storeIds: [p.storeId] };
}

/** True when a single store is inside the scope. */
export function inScope(scope: StoreScope, storeId: string): boolean {
  return scope.all || scope.storeIds.includes(storeId);
}

/** A SQL condition on `column` for the scope, with its parameters. */
export function scopeSql(scope: StoreScope, column = 'store_id'): { sql: string; args: string[] } {
  if (scope.all) return { sql: '1 = 1', args: [] };
  return { sql: `${column} IN (${scope.storeIds.map(() => '?').join(', ')})`, args: scope.storeIds };
}
