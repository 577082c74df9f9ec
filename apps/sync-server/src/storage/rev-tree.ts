// Revision-tree helpers over PouchDB's own algorithms (pouchdb-merge), so conflict and winner rules are
// exactly those of the PouchDB and CouchDB replicators this server talks to.
import { createHash } from 'node:crypto';
import {
  collectConflicts,
  collectLeaves,
  merge,
  revExists,
  rootToLeaf,
  winningRev,
  type RevNodeOpts,
  type RevPath,
  type RevTree,
} from 'pouchdb-merge';

export type { RevTree, RevPath } from 'pouchdb-merge';

/** CouchDB's default `_revs_limit`: how many ancestors a branch keeps before it is stemmed. */
export const REVS_LIMIT = 1000;

/** A document's revision history as CouchDB sends it in `_revisions`. */
export interface Revisions {
  start: number;
  ids: string[];
}

/** Splits "3-abc" into its generation and hash; undefined when the string is not a revision. */
export function parseRev(rev: unknown): { pos: number; hash: string } | undefined {
  if (typeof rev !== 'string') return undefined;
  const dash = rev.indexOf('-');
  if (dash < 1 || dash === rev.length - 1) return undefined;
  const pos = Number(rev.slice(0, dash));
  if (!Number.isSafeInteger(pos) || pos < 1) return undefined;
  return { pos, hash: rev.slice(dash + 1) };
}

/**
 * A deterministic new revision hash (as CouchDB does): the same edit of the same parent always gets the
 * same revision, so a retried write cannot fork a document.
 */
export function newRevHash(parentRev: string | undefined, deleted: boolean, body: string): string {
  return createHash('md5')
    .update(parentRev ?? '')
    .update(deleted ? '\u0001' : '\u0000')
    .update(body)
    .digest('hex');
}

/** The one-branch path a new edit (new_edits=true) adds below `parentRev` (or as a new root). */
export function editPath(parentRev: string | undefined, hash: string, deleted: boolean): RevPath {
  const leafOpts: RevNodeOpts = deleted ? { status: 'available', deleted: true } : { status: 'available' };
  const parent = parseRev(parentRev);
  if (!parent) return { pos: 1, ids: [hash, leafOpts, []] };
  return { pos: parent.pos, ids: [parent.hash, { status: 'missing' }, [[hash, leafOpts, []]]] };
}

/** The path a replicated revision (new_edits=false) carries: its `_revisions`, or just its `_rev`. */
export function replicatedPath(rev: string, revisions: Revisions | undefined, deleted: boolean): RevPath {
  const parsed = parseRev(rev);
  if (!parsed) throw new Error(`invalid rev ${rev}`);
  const ids =
    revisions && revisions.start === parsed.pos && revisions.ids[0] === parsed.hash
      ? revisions.ids
      : [parsed.hash];
  const leafOpts: RevNodeOpts = deleted ? { status: 'available', deleted: true } : { status: 'available' };
  let node: RevPath['ids'] = [ids[0] as string, leafOpts, []];
  for (let i = 1; i < ids.length; i++) node = [ids[i] as string, { status: 'missing' }, [node]];
  return { pos: parsed.pos - ids.length + 1, ids: node };
}

/** Merges a path into a tree with PouchDB's merge and stemming. */
export function mergePath(tree: RevTree, path: RevPath): ReturnType<typeof merge> {
  return merge(tree, path, REVS_LIMIT);
}

export function winnerOf(tree: RevTree): string {
  return winningRev({ rev_tree: tree });
}

export function conflictsOf(tree: RevTree): string[] {
  return collectConflicts({ rev_tree: tree });
}

/** Every leaf, winner first, as `style=all_docs` and `open_revs=all` list them. */
export function leavesOf(tree: RevTree, winner: string): { rev: string; deleted: boolean }[] {
  const leaves = collectLeaves(tree).map((l) => ({ rev: l.rev, deleted: l.opts.deleted === true }));
  leaves.sort((a, b) => (a.rev === winner ? -1 : b.rev === winner ? 1 : 0));
  return leaves;
}

export function hasRev(tree: RevTree, rev: string): boolean {
  return revExists(tree, rev);
}

/** Whether `rev` in the tree is a deletion (tombstone). */
export function isDeletedRev(tree: RevTree, rev: string): boolean {
  return nodeOpts(tree, rev)?.deleted === true;
}

function nodeOpts(tree: RevTree, rev: string): RevNodeOpts | undefined {
  const parsed = parseRev(rev);
  if (!parsed) return undefined;
  for (const path of rootToLeaf(tree)) {
    const i = parsed.pos - path.pos;
    if (i >= 0 && i < path.ids.length && path.ids[i]?.id === parsed.hash) return path.ids[i]?.opts;
  }
  return undefined;
}

/** The `_revisions` of `rev`: its hash then its known ancestors', newest first. */
export function revisionsOf(tree: RevTree, rev: string): Revisions | undefined {
  const parsed = parseRev(rev);
  if (!parsed) return undefined;
  for (const path of rootToLeaf(tree)) {
    const i = parsed.pos - path.pos;
    if (i >= 0 && i < path.ids.length && path.ids[i]?.id === parsed.hash) {
      const ids = path.ids.slice(0, i + 1).map((n) => n.id);
      return { start: parsed.pos, ids: ids.reverse() };
    }
  }
  return undefined;
}

/** The leaf a revision leads to (for `latest=true`): the winning leaf among its descendants. */
export function latestLeaf(tree: RevTree, rev: string): string | undefined {
  const parsed = parseRev(rev);
  if (!parsed) return undefined;
  let best: { rev: string; pos: number; deleted: boolean } | undefined;
  for (const path of rootToLeaf(tree)) {
    const i = parsed.pos - path.pos;
    if (i < 0 || i >= path.ids.length || path.ids[i]?.id !== parsed.hash) continue;
    const leaf = path.ids[path.ids.length - 1];
    if (!leaf) continue;
    const candidate = {
      rev: `${path.pos + path.ids.length - 1}-${leaf.id}`,
      pos: path.pos + path.ids.length - 1,
      deleted: leaf.opts.deleted === true,
    };
    if (
      !best ||
      (best.deleted && !candidate.deleted) ||
      (best.deleted === candidate.deleted && candidate.pos > best.pos)
    )
      best = candidate;
  }
  return best?.rev;
}
