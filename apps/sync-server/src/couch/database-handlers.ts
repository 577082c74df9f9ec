// `GET/HEAD/PUT/DELETE /{db}`, `POST /{db}` (create a document), `_ensure_full_commit`, `_security`.
import { securityFor } from '../auth/access-policy';
import type { Ctx } from '../http/context';
import { badRequest, CouchError, dbNotFound, unauthorized } from '../http/couch-error';
import { readableDb, requireAdmin, requireUser, settled, writableDb } from '../http/guards';
import { readJsonObject } from '../http/read-body';
import { sendJson } from '../http/respond';
import type { DbInfo } from '../storage/sqlite-store';
import { writeOne } from './document-handlers';

const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

export function dbInfoBody(info: DbInfo) {
  return {
    db_name: info.name,
    update_seq: info.updateSeq,
    doc_count: info.docCount,
    doc_del_count: info.docDelCount,
    instance_start_time: info.instanceStartTime,
    purge_seq: 0,
    compact_running: false,
    disk_format_version: 8,
    sizes: { file: 0, external: 0, active: 0 },
    props: {},
  };
}

export async function getDb(ctx: Ctx, name: string): Promise<void> {
  const info = readableDb(ctx, name);
  await settled(ctx, name);
  if (ctx.req.method === 'HEAD') {
    ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
    ctx.res.end();
    return;
  }
  sendJson(ctx.res, 200, dbInfoBody(info));
}

/** CouchDB 3 answers database creation and deletion by a non-admin with 401 (verify_is_server_admin). */
function requireServerAdmin(ctx: Ctx): void {
  if (requireUser(ctx).role !== 'admin') throw unauthorized('You are not a server admin.');
}

export async function putDb(ctx: Ctx, name: string): Promise<void> {
  requireServerAdmin(ctx);
  if (!DB_NAME.test(name) || name.length > 238) {
    throw new CouchError(
      400,
      'illegal_database_name',
      `Name: '${name}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.`,
    );
  }
  if (!(await ctx.services.store.createDb(name, securityFor(name)))) {
    throw new CouchError(412, 'file_exists', 'The database could not be created, the file already exists.');
  }
  sendJson(ctx.res, 201, { ok: true });
}

export async function deleteDb(ctx: Ctx, name: string): Promise<void> {
  requireServerAdmin(ctx);
  // `DELETE /store-s001/?rev=…` is a document delete whose id went missing in a script: CouchDB refuses
  // it rather than dropping the whole database.
  if (ctx.url.searchParams.has('rev')) {
    throw badRequest(
      'You tried to DELETE a database with a ?=rev parameter. Did you mean to DELETE a document instead?',
    );
  }
  if (!(await ctx.services.store.deleteDb(name))) throw dbNotFound();
  sendJson(ctx.res, 200, { ok: true });
}

export async function postDoc(ctx: Ctx, name: string): Promise<void> {
  const info = writableDb(ctx, name);
  const doc = await readJsonObject(ctx.req, ctx.services.maxBodyBytes);
  await writeOne(ctx, info, doc, 201);
}

export function ensureFullCommit(ctx: Ctx, name: string): void {
  const info = readableDb(ctx, name);
  // Every acknowledged write is already durable (answered only after the fsync of its group commit).
  sendJson(ctx.res, 201, { ok: true, instance_start_time: info.instanceStartTime });
}

export async function getSecurity(ctx: Ctx, name: string): Promise<void> {
  readableDb(ctx, name);
  await settled(ctx, name);
  sendJson(ctx.res, 200, ctx.services.store.getSecurity(name) ?? {});
}

export async function putSecurity(ctx: Ctx, name: string): Promise<void> {
  requireAdmin(ctx, 'changing _security');
  const info = ctx.services.store.info(name);
  if (!info) throw dbNotFound();
  const body = await readJsonObject(ctx.req, ctx.services.maxBodyBytes);
  for (const key of ['admins', 'members']) {
    const v = body[key];
    if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) {
      throw badRequest(`_security.${key} must be an object with names and roles.`);
    }
  }
  await ctx.services.store.putSecurity(info, body);
  sendJson(ctx.res, 200, { ok: true });
}
