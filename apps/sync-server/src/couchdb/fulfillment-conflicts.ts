// Closes the CouchDB conflict of a fulfillment document (the one mutable fact in a store database) the
// way CouchDB's documentation resolves conflicts: read the winner and the conflicting leaves, write the
// merge on top of the winner, then delete the losing leaves. The merge is the state machine's join
// (`mergeFulfillments`: higher-ranked state, union of the histories), so the same conflict always
// resolves to the same document, and a second run finds no conflict and writes nothing. Speaks only the
// CouchDB HTTP API, so it works on the services' replica and on a CouchDB cluster alike.
import { isDeepStrictEqual } from 'node:util';
import { mergeFulfillments } from '@store-os/shared/orders';
import type { FulfillmentDoc } from '@store-os/shared/schemas';
import { encodeDocId, type CouchClient } from './couch-client';

/** What resolving one document did. */
export type ConflictOutcome = 'none' | 'resolved' | 'changed-meanwhile';

type Stored = Record<string, unknown> & { _id: string; _rev: string; _conflicts?: string[] };
type WriteResult = { id: string; rev?: string; error?: string; reason?: string };

/** The document as the merge sees it: no CouchDB envelope, `id` restored (RxDB's plugin strips it). */
function asFulfillment(doc: Stored): FulfillmentDoc {
  const { _id: id, _rev: _r, _conflicts: _c, _revisions: _v, ...body } = doc;
  return { ...body, id } as unknown as FulfillmentDoc;
}

/** True when `doc` is a fulfillment that can be merged (a deleted or foreign leaf is just deleted). */
const isFulfillment = (doc: Stored) => doc.type === 'fulfillment' && doc._deleted !== true;

/**
 * Resolves the conflict of fulfillment `id` in `db` on `couch` (as its admin). `changed-meanwhile`: a
 * writer got in between (its write is a new leaf or on top of the winner); the next run merges again.
 */
export async function resolveFulfillmentConflict(
  couch: CouchClient,
  db: string,
  id: string,
): Promise<ConflictOutcome> {
  const path = `/${encodeURIComponent(db)}/${encodeDocId(id)}`;
  const winner = await couch.get<Stored>(`${path}?conflicts=true`);
  const losers = winner?._conflicts ?? [];
  if (!winner || losers.length === 0 || !isFulfillment(winner)) return 'none';
  const openRevs = encodeURIComponent(JSON.stringify(losers));
  const leaves = (await couch.request<{ ok?: Stored }[]>('GET', `${path}?open_revs=${openRevs}`)).body
    .flatMap((r) => (r.ok ? [r.ok] : []))
    .filter(isFulfillment);
  const current = asFulfillment(winner);
  const merged = leaves.map(asFulfillment).reduce(mergeFulfillments, current);

  // The merge first: if the winner moved meanwhile, nothing is deleted (its content may be needed).
  if (!isDeepStrictEqual(merged, current)) {
    const [written] = (
      await couch.request<WriteResult[]>('POST', `/${encodeURIComponent(db)}/_bulk_docs`, {
        docs: [{ ...merged, _id: id, _rev: winner._rev }],
      })
    ).body;
    if (written?.error === 'conflict') return 'changed-meanwhile';
    if (!written || written.error) throw new Error(`${db}/${id}: ${written?.error}: ${written?.reason}`);
  }
  // Every losing leaf is now contained in the winner (a join), so deleting it loses nothing.
  const deleted = (
    await couch.request<WriteResult[]>('POST', `/${encodeURIComponent(db)}/_bulk_docs`, {
      docs: losers.map((rev) => ({ _id: id, _rev: rev, _deleted: true })),
    })
  ).body;
  const failed = deleted.filter((r) => r.error && r.error !== 'conflict');
  if (failed.length > 0) throw new Error(`${db}/${id}: ${failed.map((r) => r.error).join(', ')}`);
  return deleted.some((r) => r.error) ? 'changed-meanwhile' : 'resolved';
}
