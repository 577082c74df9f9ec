// The catalog database's layout: its object stores and keys, the records they hold (the documents of one
// SKU or one page) and the search entry written beside each record.
import { searchTermsOf } from '../catalog/search-terms';
import type { CatalogDocument } from './catalog-batch';

/** The records (store `groups`, one per SKU or page). */
export const GROUPS = 'groups';
/** The replication checkpoint and the search bookmark (store `meta`). */
export const META = 'meta';
/** The search entries (store `search`, one per record, same key). */
export const SEARCH = 'search';
/** The multi-entry index of `search` over each entry's terms. */
export const TERMS = 'terms';
/** The last page record whose search entry is written (pages after it await indexPages). */
export const INDEXED_TO_KEY = 'searchIndexedTo';
/** Key prefix of the page records a first sync writes (`page:<10-digit n>`, in writing order). */
export const PAGE_PREFIX = 'page:';
/** Page records indexed per transaction by indexPages. */
export const INDEX_CHUNK = 500;
/** The multi-entry index of `groups` over the ids each record holds. */
export const IDS = 'ids';
/** Where `meta` keeps the replication checkpoint. */
export const CHECKPOINT_KEY = 'checkpoint';
/**
 * 3: documents grouped by SKU or in pages, search terms in their own store (versions 1 and 2 had other
 * layouts; an upgrade drops them and the catalog is pulled again).
 */
export const STORE_VERSION = 3;

/**
 * One IndexedDB record: the documents of one SKU (its product, barcodes and prices), so a 300,000-SKU
 * catalog is 300,000 puts instead of 900,000. A document whose SKU is unknown is a group of its own.
 */
export interface GroupRecord {
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
export interface SearchRecord {
  readonly key: string;
  readonly terms: string[];
}

/**
 * A record as IndexedDB holds it: the documents as one JSON string, because the structured clone of
 * nested objects was most of the renderer's time in a first sync; the index fields stay arrays.
 */
export interface StoredRecord {
  readonly key: string;
  readonly ids: string[];
  readonly json: string;
}

/** A record as read from IndexedDB, or undefined when there is none. */
export function fromStored(stored: unknown): GroupRecord | undefined {
  if (stored === undefined) return undefined;
  const r = stored as StoredRecord;
  return {
    key: r.key,
    ids: [...r.ids],
    docs: JSON.parse(r.json) as Record<string, CatalogDocument>,
  };
}

/** A record as IndexedDB keeps it. */
export function toStored(record: GroupRecord): StoredRecord {
  return { key: record.key, ids: record.ids, json: JSON.stringify(record.docs) };
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

/** The search terms of a record's products, or undefined when it holds no product. */
export function termsOf(record: GroupRecord): string[] | undefined {
  const terms = new Set<string>();
  for (const doc of Object.values(record.docs))
    if (doc.type === 'product') for (const t of searchTermsOf(doc)) terms.add(t);
  return terms.size > 0 ? [...terms] : undefined;
}

/** The products a record holds. */
export function productsOf(record: GroupRecord): CatalogDocument[] {
  return Object.values(record.docs).filter((d) => d.type === 'product');
}
