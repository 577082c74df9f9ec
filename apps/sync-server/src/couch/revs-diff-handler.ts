// `POST /{db}/_revs_diff`: which of the offered revisions this database lacks.
import type { Ctx } from '../http/context';
import { badRequest } from '../http/couch-error';
import { readableDb, settled } from '../http/guards';
import { readJsonObject } from '../http/read-body';
import { sendJson } from '../http/respond';
import { hasRev, leavesOf, parseRev, type RevTree } from '../storage/rev-tree';

export async function revsDiff(ctx: Ctx, dbName: string): Promise<void> {
  const info = readableDb(ctx, dbName);
  const body = await readJsonObject(ctx.req, ctx.services.maxBodyBytes);
  await settled(ctx, info.name);
  const out: Record<string, { missing: string[]; possible_ancestors?: string[] }> = {};
  for (const [id, revs] of Object.entries(body)) {
    if (!Array.isArray(revs) || !revs.every((r) => typeof r === 'string')) {
      throw badRequest(`_revs_diff: the value for ${id} must be an array of revisions.`);
    }
    const row = ctx.services.store.getDoc(info, id);
    if (!row) {
      out[id] = { missing: revs };
      continue;
    }
    const tree = JSON.parse(row.rev_tree) as RevTree;
    const missing = revs.filter((r) => !hasRev(tree, r));
    if (missing.length === 0) continue;
    const lowest = Math.min(...missing.map((r) => parseRev(r)?.pos ?? 0));
    const ancestors = leavesOf(tree, row.winning_rev)
      .map((l) => l.rev)
      .filter((r) => (parseRev(r)?.pos ?? 0) < lowest);
    out[id] = ancestors.length ? { missing, possible_ancestors: ancestors } : { missing };
  }
  sendJson(ctx.res, 200, out);
}
