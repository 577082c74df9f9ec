// `POST /{db}/_bulk_get`: many (id, rev) pairs in one round trip, as the replicators fetch them.
import type { Ctx } from '../http/context';
import { badRequest } from '../http/couch-error';
import { flag, readableDb, settled } from '../http/guards';
import { readJsonObject } from '../http/read-body';
import { sendText } from '../http/respond';
import { latestLeaf, leavesOf, type RevTree } from '../storage/rev-tree';
import { revisionJson } from './document-handlers';

export async function bulkGet(ctx: Ctx, dbName: string): Promise<void> {
  const info = readableDb(ctx, dbName);
  const body = await readJsonObject(ctx.req, ctx.services.maxBodyBytes);
  if (!Array.isArray(body.docs)) throw badRequest('POST body must include a `docs` array.');
  await settled(ctx, info.name);
  const latest = flag(ctx, 'latest');
  const results: string[] = [];
  for (const item of body.docs as unknown[]) {
    const req = (item ?? {}) as { id?: unknown; rev?: unknown };
    const id = typeof req.id === 'string' ? req.id : '';
    const row = id ? ctx.services.store.getDoc(info, id) : undefined;
    const error = (rev: unknown, reason: string) =>
      `{"error":${JSON.stringify({ id, rev: rev ?? null, error: 'not_found', reason })}}`;
    if (!row) {
      results.push(`{"id":${JSON.stringify(id)},"docs":[${error(req.rev, 'missing')}]}`);
      continue;
    }
    const tree = JSON.parse(row.rev_tree) as RevTree;
    const leaves = leavesOf(tree, row.winning_rev);
    let rev = typeof req.rev === 'string' ? req.rev : row.winning_rev;
    if (latest) rev = latestLeaf(tree, rev) ?? rev;
    const deleted = leaves.some((l) => l.rev === rev && l.deleted);
    const json = revisionJson(ctx, info, id, tree, rev, deleted);
    results.push(`{"id":${JSON.stringify(id)},"docs":[${json ? `{"ok":${json}}` : error(rev, 'missing')}]}`);
  }
  sendText(ctx.res, 200, `{"results":[${results.join(',')}]}`);
}
