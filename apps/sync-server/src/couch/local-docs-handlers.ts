// `_local/` documents: not replicated, no history, revision `0-N`. Replicators keep their checkpoints
// here, so a reader of a read-only database (a terminal on `catalog`) may write them.
import type { Ctx } from '../http/context';
import { badRequest, conflict, notFound } from '../http/couch-error';
import { readableDb, settled } from '../http/guards';
import { readJsonObject } from '../http/read-body';
import { sendJson, sendText } from '../http/respond';
import { docJson, splitDoc } from '../storage/doc-json';

export async function getLocal(ctx: Ctx, dbName: string, id: string): Promise<void> {
  const info = readableDb(ctx, dbName);
  await settled(ctx, info.name);
  const local = ctx.services.store.getLocal(info, id);
  if (!local) throw notFound('missing');
  sendText(ctx.res, 200, docJson(`_local/${id}`, local.rev, false, local.body));
}

export async function putLocal(ctx: Ctx, dbName: string, id: string): Promise<void> {
  const info = readableDb(ctx, dbName);
  if (!id) throw badRequest('Local document id must not be empty.');
  const doc = await readJsonObject(ctx.req, ctx.services.maxBodyBytes);
  const given = typeof doc._rev === 'string' ? doc._rev : ctx.url.searchParams.get('rev');
  const deleting = doc._deleted === true;
  const { body } = splitDoc(doc);
  const rev = await ctx.services.store.writeLocal(info, id, given ?? undefined, deleting ? undefined : body);
  if (rev === undefined) throw conflict();
  sendJson(ctx.res, 201, { ok: true, id: `_local/${id}`, rev });
}

export async function deleteLocal(ctx: Ctx, dbName: string, id: string): Promise<void> {
  const info = readableDb(ctx, dbName);
  const given = ctx.url.searchParams.get('rev') ?? undefined;
  if (!ctx.services.store.getLocal(info, id)) throw notFound('missing');
  const rev = await ctx.services.store.writeLocal(info, id, given, undefined);
  if (rev === undefined) throw conflict();
  sendJson(ctx.res, 200, { ok: true, id: `_local/${id}`, rev });
}
