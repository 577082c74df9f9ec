import { searchTermsOf } from '../catalog/search-terms';
import { applyCatalogBatch } from './apply-catalog-batch';
import type { CatalogBatch, CatalogCheckpoint, CatalogDocument } from './catalog-batch';
import {
  CHECKPOINT_KEY,
  fromStored,
  GROUPS,
  IDS,
  META,
  productsOf,
  SEARCH,
  STORE_VERSION,
  TERMS,
  type GroupRecord,
  type SearchRecord,
} from './catalog-records';
import type { FreshWrites } from './fresh-writes';
import { indexPages, searchPending } from './index-pages';
import { requestResult, type IndexedDbApi } from './indexed-db';

/**
 * The terminal's local catalog of products, barcodes and prices: a plain IndexedDB database beside the
 * RxDB one. Records hold the documents of one SKU, or, written by a first sync, pages of 24 documents;
 * a document is found by id through the records' multi-entry `ids` index (one read, like a primary key).
 * The products' search terms are a second store (`search`, one entry per record, multi-entry `terms`).
 */
export class CatalogStore {
  private constructor(
    private readonly idb: IDBDatabase,
    private readonly api: IndexedDbApi,
    readonly name: string,
  ) {}

  /** Opens (or creates) the store named `name`. */
  static async open(name: string, api: IndexedDbApi): Promise<CatalogStore> {
    const req = api.factory.open(name, STORE_VERSION);
    req.onupgradeneeded = () => {
      const idb = req.result;
      for (const name of [...idb.objectStoreNames]) idb.deleteObjectStore(name);
      const groups = idb.createObjectStore(GROUPS, { keyPath: 'key' });
      groups.createIndex(IDS, 'ids', { multiEntry: true });
      idb.createObjectStore(SEARCH, { keyPath: 'key' }).createIndex(TERMS, 'terms', { multiEntry: true });
      idb.createObjectStore(META);
    };
    const idb = await requestResult(req);
    return new CatalogStore(idb, api, name);
  }

  /** One document by id, or undefined. */
  async get(id: string): Promise<CatalogDocument | undefined> {
    return (await this.getMany([id]))[0];
  }

  /** Several documents by id in one transaction, in the order asked (undefined where missing). */
  async getMany(ids: readonly string[]): Promise<(CatalogDocument | undefined)[]> {
    const tx = this.idb.transaction(GROUPS, 'readonly');
    const index = tx.objectStore(GROUPS).index(IDS);
    const records = await Promise.all(ids.map((id) => requestResult(index.get(id))));
    return records.map((r, i) => fromStored(r)?.docs[ids[i] ?? '']);
  }

  /** Products with exactly this search term (a lower-cased SKU, name word or `#<in-store code>`). */
  async byTerm(term: string, limit: number): Promise<CatalogDocument[]> {
    const tx = this.idb.transaction([SEARCH, GROUPS], 'readonly');
    const entries = (await requestResult(
      tx.objectStore(SEARCH).index(TERMS).getAll(term, limit),
    )) as SearchRecord[];
    const products = await this.productsIn(
      tx,
      entries.map((e) => e.key),
    );
    // A page holds several products: only those with the term itself.
    return products.filter((p) => searchTermsOf(p).includes(term));
  }

  private async productsIn(tx: IDBTransaction, keys: readonly string[]): Promise<CatalogDocument[]> {
    const groups = tx.objectStore(GROUPS);
    const records = await Promise.all(keys.map((k) => requestResult(groups.get(k))));
    return records.flatMap((r) => (r === undefined ? [] : productsOf(fromStored(r) as GroupRecord)));
  }

  /**
   * How many index entries start with each prefix, counting to `cap` at most (a count over a whole
   * range would walk it): to pick the rarest word to walk. One transaction.
   */
  async countPrefixes(prefixes: readonly string[], cap: number): Promise<number[]> {
    const tx = this.idb.transaction(SEARCH, 'readonly');
    const index = tx.objectStore(SEARCH).index(TERMS);
    const keys = await Promise.all(
      prefixes.map((p) => requestResult(index.getAllKeys(this.prefixRange(p), cap))),
    );
    return keys.map((k) => k.length);
  }

  /**
   * Products having a term that starts with `prefix`, in term order, from the index (never the whole
   * catalog). `accept` filters each candidate by its terms. At most `maxExamined` candidates are looked
   * at: with `expected` (how many there are, from countPrefixes) they are read in one request, without
   * it a cursor walks until `limit` products are accepted.
   */
  async byTermPrefix(
    prefix: string,
    limit: number,
    accept: (terms: readonly string[]) => boolean,
    maxExamined: number,
    expected?: number,
  ): Promise<CatalogDocument[]> {
    const tx = this.idb.transaction([SEARCH, GROUPS], 'readonly');
    const index = tx.objectStore(SEARCH).index(TERMS);
    const range = this.prefixRange(prefix);
    // Candidates by their records' terms first (small entries), then the accepted records' products,
    // each matched by its own terms (a page holds several products).
    const keys = new Set<string>();
    const consider = (entry: SearchRecord) => {
      if (accept(entry.terms)) keys.add(entry.key);
    };
    if (expected !== undefined) {
      const entries = (await requestResult(index.getAll(range, maxExamined))) as SearchRecord[];
      for (const entry of entries) {
        consider(entry);
        if (keys.size >= limit) break;
      }
    } else {
      let examined = 0;
      const cursorRequest = index.openCursor(range);
      await new Promise<void>((resolve, reject) => {
        cursorRequest.onerror = () => reject(cursorRequest.error ?? new Error('IndexedDB cursor failed'));
        cursorRequest.onsuccess = () => {
          const cursor = cursorRequest.result;
          if (!cursor) return resolve();
          examined += 1;
          consider(cursor.value as SearchRecord);
          if (keys.size >= limit || examined >= maxExamined) return resolve();
          cursor.continue();
        };
      });
    }
    const found = (await this.productsIn(tx, [...keys])).filter((p) => {
      const terms = searchTermsOf(p);
      return terms.some((t) => t.startsWith(prefix)) && accept(terms);
    });
    return found.slice(0, limit);
  }

  private prefixRange(prefix: string): IDBKeyRange {
    return this.api.keyRange.bound(prefix, `${prefix}\uffff`);
  }

  /**
   * Writes a pulled batch and its checkpoint in one transaction (see applyCatalogBatch): after a crash
   * the store holds either the whole batch and the new checkpoint or neither.
   */
  apply(batch: CatalogBatch, fresh?: FreshWrites, after?: string | number): Promise<void> {
    return applyCatalogBatch(this.idb, batch, fresh, after);
  }

  /** Writes the search entries of the page records a first sync wrote without them (see indexPages). */
  indexPages(): Promise<number> {
    return indexPages(this.idb, this.api);
  }

  /** Whether page records await their search entries (search may miss them until indexPages ran). */
  searchPending(): Promise<boolean> {
    return searchPending(this.idb, this.api);
  }

  /** The replication checkpoint, or undefined before the first batch. */
  async checkpoint(): Promise<CatalogCheckpoint | undefined> {
    const tx = this.idb.transaction(META, 'readonly');
    return (await requestResult(tx.objectStore(META).get(CHECKPOINT_KEY))) as CatalogCheckpoint | undefined;
  }

  /** Number of documents held. */
  async count(): Promise<number> {
    const tx = this.idb.transaction(GROUPS, 'readonly');
    return requestResult(tx.objectStore(GROUPS).index(IDS).count());
  }

  /** Number of IndexedDB records (SKU groups) held. */
  async records(): Promise<number> {
    const tx = this.idb.transaction(GROUPS, 'readonly');
    return requestResult(tx.objectStore(GROUPS).count());
  }

  close(): void {
    this.idb.close();
  }

  /** Closes and deletes the store (the terminal database was removed). */
  async delete(): Promise<void> {
    this.idb.close();
    await requestResult(this.api.factory.deleteDatabase(this.name));
  }
}
