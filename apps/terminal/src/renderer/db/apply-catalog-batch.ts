import { codeTermsOf } from '../catalog/search-terms';
import type { CatalogBatch, CatalogCheckpoint } from './catalog-batch';
import {
  CHECKPOINT_KEY,
  fromStored,
  groupOf,
  GROUPS,
  IDS,
  META,
  PAGE_PREFIX,
  productsOf,
  SEARCH,
  termsOf,
  toStored,
  type GroupRecord,
  type SearchRecord,
} from './catalog-records';
import { hashOf, PAGE_DOCS, type FreshWrites } from './fresh-writes';
import { requestResult, transactionDone } from './indexed-db';

/**
 * Writes a pulled batch and its checkpoint in one transaction (CatalogStore.apply): after a crash the
 * store holds either the whole batch and the new checkpoint or neither. `relaxed` durability: a batch lost to a power cut is
 * pulled again from the older checkpoint. Records the batch touches are read first (where each
 * document is now, what its SKU's record holds), except, with `fresh`, those this run never wrote.
 */
export async function applyCatalogBatch(
  idb: IDBDatabase,
  batch: CatalogBatch,
  fresh?: FreshWrites,
  after?: string | number,
): Promise<void> {
  const tx = idb.transaction([GROUPS, SEARCH, META], 'readwrite', { durability: 'relaxed' });
  const finished = transactionDone(tx);
  finished.catch(() => {});
  const search = tx.objectStore(SEARCH);
  if (after !== undefined) {
    // Queued behind an earlier batch's transaction: applies only if that one committed.
    const found = tx.objectStore(META).get(CHECKPOINT_KEY);
    found.onsuccess = () => {
      const since = (found.result as CatalogCheckpoint | undefined)?.since ?? 0;
      if (since !== after) tx.abort();
    };
  }
  const groups = tx.objectStore(GROUPS);
  const byId = groups.index(IDS);
  const records = new Map<string, GroupRecord>();
  const holder = new Map<string, string>();
  const reads: Promise<void>[] = [];
  const remember = (record: GroupRecord | undefined) => {
    if (!record || records.has(record.key)) return;
    records.set(record.key, record);
    for (const id of record.ids) holder.set(id, record.key);
  };
  // In a fresh run, documents never seen go into page records without any read; a removal of a
  // document never seen has nothing to remove. The rest take the general path below.
  const seen = (id: string) => !fresh || fresh.ids.has(hashOf(id));
  const lastOf = new Map(batch.put.map((d) => [d.id, d]));
  const newDocs = fresh ? [...lastOf.values()].filter((d) => !seen(d.id)) : [];
  const puts = fresh ? [...lastOf.values()].filter((d) => seen(d.id)) : batch.put;
  const removes = batch.remove.filter(seen);
  const ids = [...puts.map((d) => d.id), ...removes];
  for (const id of ids) reads.push(requestResult(byId.get(id)).then((r) => remember(fromStored(r))));
  const keys = new Set(puts.map(groupOf));
  // Records a fresh run has never written: added without a read (`add`, no overwrite check).
  const unseen = new Set<string>();
  for (const key of keys) {
    if (fresh && !fresh.groups.has(key)) unseen.add(key);
    else reads.push(requestResult(groups.get(key)).then((r) => remember(fromStored(r))));
  }
  if (fresh) {
    // Marked before the commit, so a batch queued behind this one reads what this one writes; if this
    // one fails, the marks only cost reads.
    for (const key of keys) fresh.groups.add(key);
    for (const id of [...lastOf.keys(), ...batch.remove]) fresh.ids.add(hashOf(id));
    for (let i = 0; i < newDocs.length; i += PAGE_DOCS) {
      // Zero-padded so pages sort in writing order (indexPages walks them after its bookmark).
      const key = `${PAGE_PREFIX}${String((fresh.nextPage += 1)).padStart(10, '0')}`;
      const page: GroupRecord = { key, ids: [], docs: {} };
      for (const doc of newDocs.slice(i, i + PAGE_DOCS)) {
        page.ids.push(doc.id);
        page.docs[doc.id] = doc;
      }
      groups.add(toStored(page));
      // Only the SKUs and in-store codes now (exact lookups work as soon as the batch commits); the
      // name words are written by indexPages after the catch-up, off the first sync's path.
      const codes = new Set<string>();
      for (const product of productsOf(page)) for (const t of codeTermsOf(product)) codes.add(t);
      if (codes.size > 0) search.add({ key, terms: [...codes] } satisfies SearchRecord);
    }
  }
  try {
    await Promise.all(reads);
  } catch (error) {
    await finished.catch(() => {});
    throw error;
  }
  const dirty = new Set<string>();
  const takeOut = (id: string) => {
    const key = holder.get(id);
    const record = key === undefined ? undefined : records.get(key);
    if (!record) return;
    delete record.docs[id];
    record.ids = record.ids.filter((x) => x !== id);
    holder.delete(id);
    dirty.add(record.key);
  };
  for (const id of removes) takeOut(id);
  for (const doc of puts) {
    const key = groupOf(doc);
    if (holder.get(doc.id) !== key) takeOut(doc.id);
    let record = records.get(key);
    if (!record) {
      record = { key, ids: [], docs: {} };
      records.set(key, record);
    }
    if (!(doc.id in record.docs)) record.ids.push(doc.id);
    record.docs[doc.id] = doc;
    holder.set(doc.id, key);
    dirty.add(key);
  }
  for (const key of dirty) {
    const record = records.get(key);
    if (!record) continue;
    if (record.ids.length === 0) {
      groups.delete(key);
      search.delete(key);
      continue;
    }
    const terms = termsOf(record);
    if (terms) search.put({ key, terms } satisfies SearchRecord);
    else search.delete(key);
    if (unseen.has(key)) groups.add(toStored(record));
    else groups.put(toStored(record));
  }
  tx.objectStore(META).put(batch.checkpoint, CHECKPOINT_KEY);
  await finished;
}
