// Single documents: GET with rev/revs/open_revs/conflicts/latest, PUT, DELETE with rev.
import type { Ctx } from '../http/context';
import { badRequest, CouchError, notFound } from '../http/couch-error';
import { flag, readableDb, requireUser, settled, writableDb } from '../http/guards';
import { readJsonObject } from '../http/read-body';
import { sendJson, sendText } from '../http/respond';
import { docJson, type JsonText } from '../storage/doc-json';
import type { DocError } from '../storage/doc-writer';
import { conflictsOf, latestLeaf, leavesOf, parseRev, revisionsOf, type RevTree } from '../storage/rev-tree';
import type { DbInfo } from '../storage/sqlite-store';
import { idProblem } from '../validation/document-id';
import { writeCheckFor } from '../validation/write-validator';

const STATUS: Record<string, number> = {
  conflict: 409,
  forbidden: 403,
  bad_request: 400,
  illegal_docid: 400,
  unauthorized: 401,
  not_found: 404,
};

export function docErrorStatus(error: string): number {
  return STATUS[error] ?? 500;
}

/** Writes one document (PUT, POST, DELETE) and answers `{ok, id, rev}` or the CouchDB error. */
export async function writeOne(
  ctx: Ctx,
  info: DbInfo,
  doc: Record<string, unknown>,
  okStatus: number,
): Promise<void> {
  const principal = requireUser(ctx);
  const newEdits = ctx.url.searchParams.get('new_edits') !== 'false';
  if (doc._id !== undefined) {
    const problem = idProblem(doc._id, principal);
    if (problem) throw problem;
  }
  const check = writeCheckFor(principal, info.name, ctx.services.validate);
  const [result] = await ctx.services.store.writeDocs(info, [doc], newEdits, check);
  if (!result) throw new Error('store returned no result');
  if ('error' in result) {
    const e: DocError = result;
    throw new CouchError(docErrorStatus(e.error), e.error, e.reason);
  }
  ctx.services.onStoreWrite(info.name);
  sendJson(ctx.res, okStatus, { ok: true, id: result.id, rev: result.rev }, { ETag: `"${result.rev}"` });
}

export async function putDoc(ctx: Ctx, dbName: string, id: string): Promise<void> {
  const info = writableDb(ctx, dbName);
  const doc = await readJsonObject(ctx.req, ctx.services.maxBodyBytes);
  if (doc._id !== undefined && doc._id !== id)
    throw badRequest('The _id in the body differs from the id in the URL.');
  doc._id = id;
  const rev = ctx.url.searchParams.get('rev');
  if (rev !== null && doc._rev === undefined) doc._rev = rev;
  await writeOne(ctx, info, doc, 201);
}

export async function deleteDoc(ctx: Ctx, dbName: string, id: string): Promise<void> {
  const info = writableDb(ctx, dbName);
  const rev = ctx.url.searchParams.get('rev') ?? undefined;
  if (!rev)
    throw new CouchError(409, 'conflict', 'Document update conflict: DELETE needs ?rev=<current rev>.');
  await writeOne(ctx, info, { _id: id, _rev: rev, _deleted: true }, 200);
}

/** The JSON of one revision with the extras the query asked for; undefined when its body is gone. */
export function revisionJson(
  ctx: Ctx,
  info: DbInfo,
  id: string,
  tree: RevTree,
  rev: string,
  deleted: boolean,
): JsonText | undefined {
  const body = ctx.services.store.getRevBody(info, id, rev);
  if (body === undefined) return undefined;
  const extra: Record<string, unknown> = {};
  if (flag(ctx, 'revs')) extra._revisions = revisionsOf(tree, rev);
  if (flag(ctx, 'conflicts')) {
    const conflicts = conflictsOf(tree).filter((r) => r !== rev);
    if (conflicts.length) extra._conflicts = conflicts;
  }
  if (flag(ctx, 'deleted_conflicts')) {
    const deletedConflicts = leavesOf(tree, rev)
      .filter((l) => l.deleted && l.rev !== rev)
      .map((l) => l.rev);
    if (deletedConflicts.length) extra._deleted_conflicts = deletedConflicts;
  }
  return docJson(id, rev, deleted, body, extra);
}

function parseOpenRevs(value: string): 'all' | string[] {
  if (value === 'all') return 'all';
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((r) => typeof r === 'string')) return parsed;
  } catch {
    // reported below
  }
  throw badRequest('open_revs must be "all" or a JSON array of revisions.');
}

export async function getDoc(ctx: Ctx, dbName: string, id: string): Promise<void> {
  const info = readableDb(ctx, dbName);
  await settled(ctx, info.name);
  const row = ctx.services.store.getDoc(info, id);
  const openRevs = ctx.url.searchParams.get('open_revs');
  if (openRevs !== null) {
    const tree = row ? (JSON.parse(row.rev_tree) as RevTree) : [];
    const wanted = parseOpenRevs(openRevs);
    const leaves = row ? leavesOf(tree, row.winning_rev) : [];
    const revs = wanted === 'all' ? leaves.map((l) => l.rev) : wanted;
    const parts: string[] = [];
    for (const asked of revs) {
      const rev = row && flag(ctx, 'latest') ? (latestLeaf(tree, asked) ?? asked) : asked;
      const deleted = leaves.some((l) => l.rev === rev && l.deleted);
      const json = row ? revisionJson(ctx, info, id, tree, rev, deleted) : undefined;
      parts.push(json ? `{"ok":${json}}` : `{"missing":${JSON.stringify(asked)}}`);
    }
    sendText(ctx.res, 200, `[${parts.join(',')}]`);
    return;
  }
  const asked = ctx.url.searchParams.get('rev');
  // CouchDB parses the revision before looking the document up (couch_doc:parse_rev).
  if (asked !== null && !parseRev(asked)) throw badRequest('Invalid rev format');
  if (!row) throw notFound('missing');
  const tree = JSON.parse(row.rev_tree) as RevTree;
  let rev = asked ?? row.winning_rev;
  if (flag(ctx, 'latest')) rev = latestLeaf(tree, rev) ?? rev;
  const isWinner = rev === row.winning_rev;
  if (isWinner && row.deleted === 1 && !ctx.url.searchParams.has('rev')) throw notFound('deleted');
  const deleted = leavesOf(tree, row.winning_rev).some((l) => l.rev === rev && l.deleted);
  const json = revisionJson(ctx, info, id, tree, rev, deleted);
  if (!json) throw notFound('missing');
  sendText(ctx.res, 200, json, { ETag: `"${rev}"` });
}
