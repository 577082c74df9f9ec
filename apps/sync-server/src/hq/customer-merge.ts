// Merging duplicate customers: the survivor takes the duplicates' missing contact details, is written
// into every store database where one of them lived (so those stores' terminals see it), and each
// duplicate is deleted in its store (a tombstone that replicates). HQ remembers the merged ids as
// aliases so their order history shows under the survivor.
import type { CustomerDoc } from '@store-os/shared/schemas';
import type { Principal } from '../auth/principal';
import type { Services } from '../http/context';
import { badRequest, CouchError, notFound } from '../http/couch-error';
import { writeCheckFor } from '../validation/write-validator';
import type { Hq } from './hq-service';

/** What a merge request names. */
export interface MergeRequest {
  survivor: string;
  duplicates: string[];
}

/** What a merge wrote. */
export interface MergeResult {
  survivor: string;
  merged: string[];
  written: { db: string; id: string; rev: string; deleted: boolean }[];
}

export function parseMergeRequest(body: Record<string, unknown>): MergeRequest {
  const { survivor, duplicates } = body;
  if (typeof survivor !== 'string' || survivor.length === 0)
    throw badRequest('Send `survivor`: the id of the customer to keep.');
  if (
    !Array.isArray(duplicates) ||
    duplicates.length === 0 ||
    duplicates.length > 50 ||
    !duplicates.every((d): d is string => typeof d === 'string' && d.length > 0)
  )
    throw badRequest('Send `duplicates`: 1 to 50 customer ids to merge into the survivor.');
  if (duplicates.includes(survivor)) throw badRequest('The survivor cannot also be a duplicate.');
  return { survivor, duplicates: [...new Set(duplicates)] };
}

interface Located {
  db: string;
  doc: CustomerDoc;
}

function locate(hq: Hq, id: string): Located[] {
  const rows = hq.figures.db
    .prepare<[string], { db: string; doc: string }>(
      'SELECT db, doc FROM hq_customer WHERE id = ? ORDER BY updated_at DESC',
    )
    .all(id);
  return rows.map((r) => ({ db: r.db, doc: JSON.parse(r.doc) as CustomerDoc }));
}

export async function mergeCustomers(
  services: Services,
  hq: Hq,
  principal: Principal,
  req: MergeRequest,
  now: string,
): Promise<MergeResult> {
  const survivorCopies = locate(hq, req.survivor);
  const latest = survivorCopies[0];
  if (!latest) throw notFound(`Customer ${req.survivor} is not known to HQ.`);
  const dupCopies = req.duplicates.map((id) => {
    const found = locate(hq, id);
    if (found.length === 0) throw notFound(`Customer ${id} is not known to HQ (already merged?).`);
    return found;
  });
  const merged: CustomerDoc = { ...latest.doc, updatedAt: now };
  for (const copies of dupCopies) {
    const d = copies[0]?.doc;
    if (!d) continue;
    merged.email ??= d.email;
    merged.phone ??= d.phone;
    merged.loyaltyAccountId ??= d.loyaltyAccountId;
    merged.givenName ??= d.givenName;
    merged.familyName ??= d.familyName;
  }
  for (const key of ['email', 'phone', 'loyaltyAccountId', 'givenName', 'familyName'] as const)
    if (merged[key] === undefined) delete merged[key];

  const dbs = new Set([...survivorCopies, ...dupCopies.flat()].map((c) => c.db));
  const written: MergeResult['written'] = [];
  for (const db of dbs) {
    const info = services.store.info(db);
    if (!info) continue;
    const storeId = db.slice('store-'.length);
    const docs: Record<string, unknown>[] = [];
    const existing = services.store.getDoc(info, req.survivor);
    docs.push({
      ...merged,
      storeId,
      _id: req.survivor,
      ...(existing && existing.deleted === 0 ? { _rev: existing.winning_rev } : {}),
    });
    for (const copies of dupCopies) {
      for (const c of copies.filter((x) => x.db === db)) {
        const row = services.store.getDoc(info, c.doc.id);
        if (row && row.deleted === 0) docs.push({ _id: c.doc.id, _rev: row.winning_rev, _deleted: true });
      }
    }
    const results = await services.store.writeDocs(
      info,
      docs,
      true,
      writeCheckFor(principal, db, services.validate),
    );
    for (const [i, r] of results.entries()) {
      if ('error' in r)
        throw new CouchError(
          409,
          'conflict',
          `Merge stopped at ${db}/${r.id}: ${r.error} (${r.reason}); retry it.`,
        );
      written.push({ db, id: r.id, rev: r.rev, deleted: docs[i]?._deleted === true });
    }
    services.onStoreWrite(db);
  }
  await hq.figures.transact(() => {
    const put = hq.figures.db.prepare(
      'INSERT OR REPLACE INTO hq_customer_alias (alias_id, survivor_id, merged_at) VALUES (?, ?, ?)',
    );
    const repoint = hq.figures.db.prepare(
      'UPDATE hq_customer_alias SET survivor_id = ? WHERE survivor_id = ?',
    );
    for (const id of req.duplicates) {
      put.run(id, req.survivor, now);
      repoint.run(req.survivor, id);
    }
  });
  return { survivor: req.survivor, merged: req.duplicates, written };
}
