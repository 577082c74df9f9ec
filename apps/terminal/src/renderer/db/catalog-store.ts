import type { JsonDocument } from '@store-os/shared/schemas';
import { codeTermsOf, searchTermsOf } from '../catalog/search-terms';

/** The IndexedDB implementation: the browser's own, or fake-indexeddb in Node tests. */
export interface IndexedDbApi {
  readonly factory: IDBFactory;
  readonly keyRange: typeof IDBKeyRange;
}

/** A catalog document as the terminal keeps it: the server's JSON without CouchDB's `_` fields. */
export type CatalogDocument = JsonDocument & { readonly id: string; readonly type: string };

/** Where the catalog's replication stands, stored in the same transaction as the documents it covers. */
export interface CatalogCheckpoint {
  /** The server's `last_seq` after the last applied batch (a number on the sync-server, a string on CouchDB). */
  readonly since: string | number;
  /** `_changes` rows applied since the first sync began (updates and deletions count once each). */
  readonly docsApplied: number;
  /** The first catch-up reached the server's end once; later catch-ups are updates. */
  readonly firstSyncComplete: boolean;
}

/** One write: documents to store, ids to delete, and the checkpoint that includes them. */
export interface CatalogBatch {
  readonly put: readonly CatalogDocument[];
  readonly remove: readonly string[];
  readonly checkpoint: CatalogCheckpoint;
}

/**
 * One IndexedDB record: the documents of one SKU (its product, barcodes and prices), so a 300,000-SKU
 * catalog is 300,000 puts instead of 900,000. A document whose SKU is unknown is a group of its own.
 */
interface GroupRecord {
  readonly key: string;
  /** Ids of the documents held (multi-entry index: finds any document's record in one read). */
  ids: string[];
  docs: Record<string, CatalogDocument>;
}

/**
 * The search index entry of a record (store `search`, same key): the lower-cased name words, SKUs and
 * in-store item codes (`#1000`) of its products, a multi-entry index. Kept apart from the documents so
 * a first sync can write documents alone and index them right after (see indexPages).
 */
interface SearchRecord {
  readonly key: string;
  readonly terms: string[];
}

/**
 * A record as IndexedDB holds it: the documents as one JSON string, because the structured clone of
 * nested objects was most of the renderer's time in a first sync; the index fields stay arrays.
 */
interface StoredRecord {
  readonly key: string;
  readonly ids: string[];
  readonly json: string;
}

function fromStored(stored: unknown): GroupRecord | undefined {
  if (stored === undefined) return undefined;
  const r = stored as StoredRecord;
  return {
    key: r.key,
    ids: [...r.ids],
    docs: JSON.parse(r.json) as Record<string, CatalogDocument>,
  };
}

function toStored(record: GroupRecord): StoredRecord {
  return { key: record.key, ids: record.ids, json: JSON.stringify(record.docs) };
}

/**
 * What a sync run into an empty store has written so far, so a batch of documents never seen needs no
 * read before its write. Ids are kept as 32-bit hashes: a collision only costs a read.
 */
export class FreshWrites {
  readonly groups = new Set<string>();
  readonly ids = new Set<number>();
  /** Number of the next page record (`page:<n>`) for documents never seen. */
  nextPage = 0;
}

/**
 * Documents per page record in a fresh run: one IndexedDB put per page instead of per SKU, because each
 * put costs the renderer a serialisation and an IPC round trip whatever its size. Small enough that a
 * scan parses a few kilobytes and a search reads a few dozen pages.
 */
const PAGE_DOCS = 24;

function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The record a document belongs in: its SKU's (a product by its first variant), else its own. */
export function groupOf(doc: CatalogDocument): string {
  let sku: unknown = doc['sku'];
  if (doc.type === 'product') {
    const variants: unknown = doc['variants'];
    const first: unknown = Array.isArray(variants) ? variants[0] : undefined;
    sku = typeof first === 'object' && first !== null ? (first as { sku?: unknown }).sku : undefined;
  }
  return typeof sku === 'string' ? `sku:${sku}` : `doc:${doc.id}`;
}

function termsOf(record: GroupRecord): string[] | undefined {
  const terms = new Set<string>();
  for (const doc of Object.values(record.docs))
    if (doc.type === 'product') for (const t of searchTermsOf(doc)) terms.add(t);
  return terms.size > 0 ? [...terms] : undefined;
}

function productsOf(record: GroupRecord): CatalogDocument[] {
  return Object.values(record.docs).filter((d) => d.type === 'product');
}

/**
 * The high-volume catalog types (300,000 SKUs make 900,000 of them). They live in this store, not in
 * RxDB: one IndexedDB put per document, no revision bookkeeping, change events or query caches.
 */
export const BULK_CATALOG_TYPES = ['product', 'barcode', 'price'] as const;

/** Whether a catalog document id (`product:…`, `barcode:…`, `price:…`) belongs in the bulk store. */
export function isBulkCatalogId(id: string): boolean {
  return id.startsWith('product:') || id.startsWith('barcode:') || id.startsWith('price:');
}

const GROUPS = 'groups';
const META = 'meta';
const SEARCH = 'search';
const TERMS = 'terms';
/** The last page record whose search entry is written (pages after it await indexPages). */
const INDEXED_TO_KEY = 'searchIndexedTo';
const PAGE_PREFIX = 'page:';
/** Page records indexed per transaction by indexPages. */
const INDEX_CHUNK = 500;
const IDS = 'ids';
const CHECKPOINT_KEY = 'checkpoint';
/**
 * 3: documents grouped by SKU or in pages, search terms in their own store (versions 1 and 2 had other
 * layouts; an upgrade drops them and the catalog is pulled again).
 */
const STORE_VERSION = 3;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

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
    const idb = await request(req);
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
    const records = await Promise.all(ids.map((id) => request(index.get(id))));
    return records.map((r, i) => fromStored(r)?.docs[ids[i] ?? '']);
  }

  /** Products with exactly this search term (a lower-cased SKU, name word or `#<in-store code>`). */
  async byTerm(term: string, limit: number): Promise<CatalogDocument[]> {
    const tx = this.idb.transaction([SEARCH, GROUPS], 'readonly');
    const entries = (await request(
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
    const records = await Promise.all(keys.map((k) => request(groups.get(k))));
    return records.flatMap((r) => (r === undefined ? [] : productsOf(fromStored(r) as GroupRecord)));
  }

  /**
   * How many index entries start with each prefix, counting to `cap` at most (a count over a whole
   * range would walk it): to pick the rarest word to walk. One transaction.
   */
  async countPrefixes(prefixes: readonly string[], cap: number): Promise<number[]> {
    const tx = this.idb.transaction(SEARCH, 'readonly');
    const index = tx.objectStore(SEARCH).index(TERMS);
    const keys = await Promise.all(prefixes.map((p) => request(index.getAllKeys(this.prefixRange(p), cap))));
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
      const entries = (await request(index.getAll(range, maxExamined))) as SearchRecord[];
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
   * Writes a pulled batch and its checkpoint in one transaction: after a crash the store holds either the
   * whole batch and the new checkpoint or neither. `relaxed` durability: a batch lost to a power cut is
   * pulled again from the older checkpoint. Records the batch touches are read first (where each
   * document is now, what its SKU's record holds), except, with `fresh`, those this run never wrote.
   */
  async apply(batch: CatalogBatch, fresh?: FreshWrites, after?: string | number): Promise<void> {
    const tx = this.idb.transaction([GROUPS, SEARCH, META], 'readwrite', { durability: 'relaxed' });
    const finished = done(tx);
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
    for (const id of ids) reads.push(request(byId.get(id)).then((r) => remember(fromStored(r))));
    const keys = new Set(puts.map(groupOf));
    // Records a fresh run has never written: added without a read (`add`, no overwrite check).
    const unseen = new Set<string>();
    for (const key of keys) {
      if (fresh && !fresh.groups.has(key)) unseen.add(key);
      else reads.push(request(groups.get(key)).then((r) => remember(fromStored(r))));
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

  /**
   * Writes the search entries of page records a first sync wrote without them, in chunks of 500 pages
   * per transaction, each chunk read and indexed in the same transaction (so a concurrent update cannot
   * be indexed from stale content) with a bookmark: resumes after a restart. Returns pages indexed.
   */
  async indexPages(): Promise<number> {
    let indexed = 0;
    for (;;) {
      const tx = this.idb.transaction([GROUPS, SEARCH, META], 'readwrite', { durability: 'relaxed' });
      const finished = done(tx);
      finished.catch(() => {});
      const meta = tx.objectStore(META);
      const after = ((await request(meta.get(INDEXED_TO_KEY))) as string | undefined) ?? PAGE_PREFIX;
      const range = this.api.keyRange.bound(after, `${PAGE_PREFIX}\uffff`, true, false);
      const pages = await request(tx.objectStore(GROUPS).getAll(range, INDEX_CHUNK));
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
  async searchPending(): Promise<boolean> {
    const tx = this.idb.transaction([GROUPS, META], 'readonly');
    const after =
      ((await request(tx.objectStore(META).get(INDEXED_TO_KEY))) as string | undefined) ?? PAGE_PREFIX;
    const range = this.api.keyRange.bound(after, `${PAGE_PREFIX}\uffff`, true, false);
    return (await request(tx.objectStore(GROUPS).count(range))) > 0;
  }

  /** The replication checkpoint, or undefined before the first batch. */
  async checkpoint(): Promise<CatalogCheckpoint | undefined> {
    const tx = this.idb.transaction(META, 'readonly');
    return (await request(tx.objectStore(META).get(CHECKPOINT_KEY))) as CatalogCheckpoint | undefined;
  }

  /** Number of documents held. */
  async count(): Promise<number> {
    const tx = this.idb.transaction(GROUPS, 'readonly');
    return request(tx.objectStore(GROUPS).index(IDS).count());
  }

  /** Number of IndexedDB records (SKU groups) held. */
  async records(): Promise<number> {
    const tx = this.idb.transaction(GROUPS, 'readonly');
    return request(tx.objectStore(GROUPS).count());
  }

  close(): void {
    this.idb.close();
  }

  /** Closes and deletes the store (the terminal database was removed). */
  async delete(): Promise<void> {
    this.idb.close();
    await request(this.api.factory.deleteDatabase(this.name));
  }
}
