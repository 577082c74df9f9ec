// Server-level endpoints: welcome, `_all_dbs`, `_uuids`, `_up`.
import { randomUUID } from 'node:crypto';
import { canRead } from '../auth/access-policy';
import type { Ctx } from '../http/context';
import { intParam, requireUser } from '../http/guards';
import { sendJson } from '../http/respond';

/** Version reported in `GET /`; PouchDB and RxDB only need a CouchDB 2+/3 shape. */
export const COUCH_VERSION = '3.3.3';

export function welcome(ctx: Ctx): void {
  sendJson(ctx.res, 200, {
    couchdb: 'Welcome',
    version: COUCH_VERSION,
    uuid: ctx.services.store.uuid,
    vendor: { name: 'Store OS sync-server', version: '0.1.0' },
    features: ['access-ready'],
  });
}

/** Databases the caller may read (a store never learns other stores' names). */
export function allDbs(ctx: Ctx): void {
  const p = requireUser(ctx);
  sendJson(
    ctx.res,
    200,
    ctx.services.store.listDbs().filter((db) => canRead(p, db)),
  );
}

export function uuids(ctx: Ctx): void {
  const count = Math.min(intParam(ctx, 'count', 1), 1000);
  sendJson(ctx.res, 200, { uuids: Array.from({ length: count }, () => randomUUID().replaceAll('-', '')) });
}

/**
 * Health, in CouchDB's shape: `{"status":"ok"}`, or a 404 with another status when the server should
 * not be sent work (CouchDB answers `maintenance_mode`/`nolb` so). After a failed fsync the store
 * refuses writes until a restart: `storage_failed` with the failure as `reason`.
 */
export function up(ctx: Ctx): void {
  const failure = ctx.services.store.failure;
  if (failure) sendJson(ctx.res, 404, { status: 'storage_failed', reason: failure.message });
  else sendJson(ctx.res, 200, { status: 'ok' });
}
