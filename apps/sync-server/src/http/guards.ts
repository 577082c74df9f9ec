// Request preconditions shared by handlers: authentication, database existence and access.
import { canRead, canWrite } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import type { DbInfo } from '../storage/sqlite-store';
import type { Ctx } from './context';
import { badRequest, dbNotFound, forbidden, unauthorized } from './couch-error';

export function requireUser(ctx: Pick<Ctx, 'principal'>): Principal {
  if (!ctx.principal)
    throw unauthorized('You are not logged in; send Basic credentials or log in at /_session.');
  return ctx.principal;
}

export function requireAdmin(ctx: Pick<Ctx, 'principal'>, what = 'this'): Principal {
  const p = requireUser(ctx);
  if (p.role !== 'admin') throw forbidden(`Only the server admin may do ${what}.`);
  return p;
}

/** The database, after checking the caller may read it (404 before 403 would leak names, so 403 first). */
export function readableDb(ctx: Ctx, name: string): DbInfo {
  const p = requireUser(ctx);
  if (!canRead(p, name)) throw forbidden(`You are not allowed to access database ${name}.`);
  const info = ctx.services.store.info(name);
  if (!info) throw dbNotFound();
  return info;
}

export function writableDb(ctx: Ctx, name: string): DbInfo {
  const info = readableDb(ctx, name);
  if (!canWrite(requireUser(ctx), name)) throw forbidden(`You may read but not write database ${name}.`);
  return info;
}

/**
 * Waits until no commit that touched database `name` is still waiting for its fsync, so what the
 * request reads next (in the same event-loop turn) is durable: a client is never shown a write that a
 * power cut could take back. Costs nothing when nothing is pending. Call it after the request body has
 * been read and before reading the store.
 */
export async function settled(ctx: Pick<Ctx, 'services'>, name: string): Promise<void> {
  for (let wait = ctx.services.store.unsettled(name); wait; wait = ctx.services.store.unsettled(name))
    await wait;
}

/** Query flag parsing the way CouchDB reads `true`/`false`. */
export function flag(ctx: Ctx, name: string, fallback = false): boolean {
  const v = ctx.url.searchParams.get(name);
  if (v === null) return fallback;
  return v === 'true' || v === '1' || v === '';
}

/** A non-negative integer query parameter; 400 when it is not one. */
export function intParam(ctx: Ctx, name: string, fallback: number): number {
  const v = ctx.url.searchParams.get(name);
  if (v === null || v === '') return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0)
    throw badRequest(`Query parameter ${name} must be a non-negative integer.`);
  return n;
}
