// `POST /{db}/_bulk_docs` in both `new_edits` modes. A refused document gets its own error entry
// (`forbidden`, `conflict`, `bad_request`); the rest of the batch is written in the same commit.
import type { Ctx } from '../http/context';
import { badRequest } from '../http/couch-error';
import { requireUser, writableDb } from '../http/guards';
import { readJsonObject } from '../http/read-body';
import { sendJson } from '../http/respond';
import { writeCheckFor } from '../validation/write-validator';

export async function bulkDocs(ctx: Ctx, dbName: string): Promise<void> {
  const info = writableDb(ctx, dbName);
  const body = await readJsonObject(ctx.req, ctx.services.maxBodyBytes);
  const docs = body.docs;
  if (!Array.isArray(docs)) throw badRequest('POST body must include `docs` parameter.');
  if (!docs.every((d) => d !== null && typeof d === 'object' && !Array.isArray(d))) {
    throw badRequest('Every element of `docs` must be a JSON object.');
  }
  if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean')
    throw badRequest('`new_edits` must be a boolean.');
  const newEdits = body.new_edits !== false;
  const check = writeCheckFor(requireUser(ctx), info.name, ctx.services.validate);
  const results = await ctx.services.store.writeDocs(
    info,
    docs as Record<string, unknown>[],
    newEdits,
    check,
  );
  ctx.services.onStoreWrite(info.name);
  // CouchDB answers new_edits=false with only the failures.
  sendJson(ctx.res, 201, newEdits ? results : results.filter((r) => 'error' in r));
}
