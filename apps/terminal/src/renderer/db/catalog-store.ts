import type { JsonDocument } from '@store-os/shared/schemas';
import { searchTermsOf } from '../catalog/search-terms';

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

interface CatalogRecord {
  readonly id: string;
  readonly doc: CatalogDocument;
  /** Lower-cased name words, SKUs and in-store item codes (`#1000`), products only: the search index. */
  readonly terms?: readonly string[];
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

const DOCS = 'docs';
const META = 'meta';
const TERMS = 'terms';
const CHECKPOINT_KEY = 'checkpoint';
const STORE_VERSION = 1;

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
 * RxDB one. Lookups are primary-key reads (`barcode:<code>`, `product:<id>`, `price:<list>:<sku>`); the
 * only secondary index is the products' multi-entry search terms.
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
      const docs = idb.createObjectStore(DOCS, { keyPath: 'id' });
      docs.createIndex(TERMS, 'terms', { multiEntry: true });
      idb.createObjectStore(META);
    };
    const idb = await request(req);
    return new CatalogStore(idb, api, name);
  }

  /** One document by id, or undefined. */
  async get(id: string): Promise<CatalogDocument | undefined> {
    const tx = this.idb.transaction(DOCS, 'readonly');
    const record = (await request(tx.objectStore(DOCS).get(id))) as CatalogRecord | undefined;
    return record?.doc;
  }

  /** Several documents by id in one transaction, in the order asked (undefined where missing). */
  async getMany(ids: readonly string[]): Promise<(CatalogDocument | undefined)[]> {
    const tx = this.idb.transaction(DOCS, 'readonly');
    const store = tx.objectStore(DOCS);
    const records = await Promise.all(ids.map((id) => request(store.get(id))));
    return records.map((r) => (r as CatalogRecord | undefined)?.doc);
  }

  /** Products with exactly this search term (a lower-cased SKU, name word or `#<in-store code>`). */
  async byTerm(term: string, limit: number): Promise<CatalogDocument[]> {
    const tx = this.idb.transaction(DOCS, 'readonly');
    const records = await request(tx.objectStore(DOCS).index(TERMS).getAll(term, limit));
    return (records as CatalogRecord[]).map((r) => r.doc);
  }

  /**
   * Products having a term that starts with `prefix`, in term order, walking the index (never the whole
   * catalog). `accept` filters each candidate; the walk stops after `limit` accepted products or
   * `maxExamined` candidates, whichever comes first.
   */
  async byTermPrefix(
    prefix: string,
    limit: number,
    accept: (terms: readonly string[]) => boolean,
    maxExamined: number,
  ): Promise<CatalogDocument[]> {
    const tx = this.idb.transaction(DOCS, 'readonly');
    const range = this.api.keyRange.bound(prefix, `${prefix}\uffff`);
    const found = new Map<string, CatalogDocument>();
    let examined = 0;
    const cursorRequest = tx.objectStore(DOCS).index(TERMS).openCursor(range);
    await new Promise<void>((resolve, reject) => {
      cursorRequest.onerror = () => reject(cursorRequest.error ?? new Error('IndexedDB cursor failed'));
      cursorRequest.onsuccess = () => {
        const cursor = cursorRequest.result;
        if (!cursor) return resolve();
        const record = cursor.value as CatalogRecord;
        examined += 1;
        if (!found.has(record.id) && accept(record.terms ?? [])) found.set(record.id, record.doc);
        if (found.size >= limit || examined >= maxExamined) return resolve();
        cursor.continue();
      };
    });
    return [...found.values()];
  }

  /**
   * Writes a pulled batch and its checkpoint in one transaction: after a crash the store holds either the
   * whole batch and the new checkpoint or neither. `relaxed` durability: a batch lost to a power cut is
   * pulled again from the older checkpoint.
   */
  async apply(batch: CatalogBatch): Promise<void> {
    const tx = this.idb.transaction([DOCS, META], 'readwrite', { durability: 'relaxed' });
    const finished = done(tx);
    const docs = tx.objectStore(DOCS);
    for (const doc of batch.put) {
      const terms = doc.type === 'product' ? searchTermsOf(doc) : undefined;
      docs.put(terms ? { id: doc.id, doc, terms } : { id: doc.id, doc });
    }
    for (const id of batch.remove) docs.delete(id);
    tx.objectStore(META).put(batch.checkpoint, CHECKPOINT_KEY);
    await finished;
  }

  /** The replication checkpoint, or undefined before the first batch. */
  async checkpoint(): Promise<CatalogCheckpoint | undefined> {
    const tx = this.idb.transaction(META, 'readonly');
    return (await request(tx.objectStore(META).get(CHECKPOINT_KEY))) as CatalogCheckpoint | undefined;
  }

  /** Number of documents held. */
  async count(): Promise<number> {
    const tx = this.idb.transaction(DOCS, 'readonly');
    return request(tx.objectStore(DOCS).count());
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
