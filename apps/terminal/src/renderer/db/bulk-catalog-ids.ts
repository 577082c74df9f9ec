/**
 * The high-volume catalog types (300,000 SKUs make 900,000 of them). They live in the CatalogStore, not in
 * RxDB: one IndexedDB put per document, no revision bookkeeping, change events or query caches.
 */
export const BULK_CATALOG_TYPES = ['product', 'barcode', 'price'] as const;

/** Whether a catalog document id (`product:…`, `barcode:…`, `price:…`) belongs in the bulk store. */
export function isBulkCatalogId(id: string): boolean {
  return id.startsWith('product:') || id.startsWith('barcode:') || id.startsWith('price:');
}
