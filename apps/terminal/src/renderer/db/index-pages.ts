import {
  fromStored,
  GROUPS,
  INDEX_CHUNK,
  INDEXED_TO_KEY,
  META,
  PAGE_PREFIX,
  SEARCH,
  termsOf,
  type GroupRecord,
  type SearchRecord,
  type StoredRecord,
} from './catalog-records';
import { requestResult, transactionDone, type IndexedDbApi } from './indexed-db';

/**
 * Writes the search entries of page records a first sync wrote without them, in chunks of 500 pages
 * per transaction, each chunk read and indexed in the same transaction (so a concurrent update cannot
 * be indexed from stale content) with a bookmark: resumes after a restart. Returns pages indexed.
 */
export async function indexPages(idb: IDBDatabase, api: IndexedDbApi): Promise<number> {
  let indexed = 0;
  for (;;) {
    const tx = idb.transaction([GROUPS, SEARCH, META], 'readwrite', { durability: 'relaxed' });
    const finished = transactionDone(tx);
    finished.catch(() => {});
    const meta = tx.objectStore(META);
    const after = ((await requestResult(meta.get(INDEXED_TO_KEY))) as string | undefined) ?? PAGE_PREFIX;
    const range = api.keyRange.bound(after, `${PAGE_PREFIX}\uffff`, true, false);
    const pages = await requestResult(tx.objectStore(GROUPS).getAll(range, INDEX_CHUNK));
    const search = tx.objectStore(SEARCH);
    for (const stored of pages) {
      const record = fromStored(stored) as GroupRecord;
      const terms = termsOf(record);
      if (terms) search.put({ key: record.key, terms } satisfies SearchRecord);
    }
    const last = (pages.at(-1) as StoredRecord | undefined)?.key;
    if (last) meta.put(last, INDEXED_TO_KEY);
    await finished;
    indexed += pages.length;
    if (pages.length < INDEX_CHUNK) return indexed;
  }
}

/** Whether page records await their search entries (search may miss them until indexPages ran). */
export async function searchPending(idb: IDBDatabase, api: IndexedDbApi): Promise<boolean> {
  const tx = idb.transaction([GROUPS, META], 'readonly');
  const after =
    ((await requestResult(tx.objectStore(META).get(INDEXED_TO_KEY))) as string | undefined) ?? PAGE_PREFIX;
  const range = api.keyRange.bound(after, `${PAGE_PREFIX}\uffff`, true, false);
  return (await requestResult(tx.objectStore(GROUPS).count(range))) > 0;
}
