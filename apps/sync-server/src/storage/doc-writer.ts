// Applies a batch of document writes to one database inside the current transaction, with CouchDB's
// rules for both `new_edits` modes and PouchDB's merge. Validation is a callback so access rules stay out
// of the storage layer.
import { randomUUID } from 'node:crypto';
import type { RevTree } from './rev-tree';
import {
  editPath,
  hasRev,
  leavesOf,
  mergePath,
  newRevHash,
  parseRev,
  replicatedPath,
  winnerOf,
  type Revisions,
} from './rev-tree';
import { splitDoc } from './doc-json';
import type { StoreStatements } from './store-statements';

/** The state of a document before a write, as the validator sees it. */
export interface ExistingDoc {
  winningRev: string;
  deleted: boolean;
  tree: RevTree;
}

/** What a validator is asked about one incoming revision. */
export interface WriteCandidate {
  id: string;
  doc: Record<string, unknown>;
  deleted: boolean;
  existing: ExistingDoc | undefined;
  /** The `type` field of the current winning revision, read only when a rule needs it. */
  existingType?: () => string | undefined;
}

/** A per-document refusal, CouchDB style (`forbidden`, `conflict`, `bad_request`...). */
export interface DocError {
  id: string;
  rev?: string;
  error: string;
  reason: string;
}

export type WriteResult = { ok: true; id: string; rev: string } | DocError;
export type WriteCheck = (candidate: WriteCandidate) => DocError | undefined;

const conflict = (id: string): DocError => ({ id, error: 'conflict', reason: 'Document update conflict.' });

/** Writes `docs` into database `dbid`; returns one result per document, in order. */
export function writeDocs(
  st: StoreStatements,
  dbid: number,
  docs: readonly Record<string, unknown>[],
  newEdits: boolean,
  check: WriteCheck,
): WriteResult[] {
  const head = st.dbHead.get(dbid);
  if (!head) throw new Error(`database ${dbid} vanished during a write`);
  let { update_seq: seq, doc_count: docCount, doc_del_count: delCount } = head;
  const results: WriteResult[] = [];

  for (const doc of docs) {
    const id = typeof doc._id === 'string' ? doc._id : randomUUID().replaceAll('-', '');
    const deleted = doc._deleted === true;
    const row = st.getDoc.get(dbid, id);
    const tree: RevTree = row ? (JSON.parse(row.rev_tree) as RevTree) : [];
    const existing: ExistingDoc | undefined = row
      ? { winningRev: row.winning_rev, deleted: row.deleted === 1, tree }
      : undefined;
    const { body } = splitDoc(doc);

    let newRev: string;
    let merged: RevTree;
    if (newEdits) {
      const given = typeof doc._rev === 'string' ? doc._rev : undefined;
      if (given !== undefined && !parseRev(given)) {
        results.push({ id, error: 'bad_request', reason: 'Invalid rev format' });
        continue;
      }
      if (given === undefined && existing && !existing.deleted) {
        results.push(conflict(id));
        continue;
      }
      if (given !== undefined && !existing) {
        results.push(conflict(id));
        continue;
      }
      // Re-creating a deleted document continues its winning (tombstone) branch, as CouchDB does.
      const parent = given ?? existing?.winningRev;
      const hash = newRevHash(parent, deleted, body);
      const result = mergePath(tree, editPath(parent, hash, deleted));
      const prevDeleted = existing?.deleted ?? false;
      const inConflict =
        (prevDeleted && deleted && result.conflicts !== 'new_leaf') ||
        (!prevDeleted && result.conflicts !== 'new_leaf') ||
        (prevDeleted && !deleted && result.conflicts === 'new_branch');
      if (existing && inConflict) {
        results.push(conflict(id));
        continue;
      }
      newRev = `${(parseRev(parent)?.pos ?? 0) + 1}-${hash}`;
      merged = result.tree;
    } else {
      const rev = doc._rev;
      if (typeof rev !== 'string' || !parseRev(rev)) {
        results.push({
          id,
          error: 'bad_request',
          reason: 'new_edits=false needs a valid _rev on every document',
        });
        continue;
      }
      if (existing && hasRev(tree, rev)) {
        results.push({ ok: true, id, rev });
        continue;
      }
      newRev = rev;
      const path = replicatedPath(rev, doc._revisions as Revisions | undefined, deleted);
      // A first revision needs no merge: the path is the tree.
      merged = existing ? mergePath(tree, path).tree : [path];
    }

    const existingType = () => {
      const stored = row ? st.getRev.get(dbid, id, row.winning_rev)?.body : undefined;
      const type: unknown = stored ? (JSON.parse(stored) as Record<string, unknown>).type : undefined;
      return typeof type === 'string' ? type : undefined;
    };
    const refusal = check({ id, doc, deleted, existing, existingType });
    if (refusal) {
      results.push({ ...refusal, rev: newRev });
      continue;
    }

    const winner = existing ? winnerOf(merged) : newRev;
    const leaves = existing ? leavesOf(merged, winner) : [{ rev: newRev, deleted }];
    const winnerDeleted = leaves[0]?.deleted ?? deleted;
    seq += 1;
    st.putRev.run(dbid, id, newRev, body);
    st.putDoc.run(
      dbid,
      id,
      seq,
      winner,
      winnerDeleted ? 1 : 0,
      JSON.stringify(leaves.map((l) => l.rev)),
      JSON.stringify(merged),
    );
    if (existing) {
      if (existing.deleted) delCount -= 1;
      else docCount -= 1;
    }
    if (winnerDeleted) delCount += 1;
    else docCount += 1;
    results.push({ ok: true, id, rev: newRev });
  }
  st.setDbHead.run(seq, docCount, delCount, dbid);
  return results;
}
