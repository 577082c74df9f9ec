import type { JsonDocument } from '@store-os/shared/schemas';
import type { TerminalDatabase } from '../db/terminal-database';
import { catalogReader } from './catalog-reader';

/** One sellable variant found by the sell screen's search. */
export interface CatalogMatch {
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  /** The variant's first barcode, for scanning it from the result list. */
  readonly barcode: string | undefined;
  /** Price in the price list, minor units; undefined when HQ has published none. */
  readonly unitPrice: number | undefined;
}

/** What to search for and how many results to return. */
export interface SearchCatalogOptions {
  /** At most this many matches (default 20). */
  readonly limit?: number;
  readonly priceListId?: string;
}

interface VariantShape {
  readonly sku?: unknown;
  readonly barcodes?: unknown;
}

/**
 * The sell screen's search by name or SKU: products having a name word or SKU that starts with each word
 * typed ("org cof" finds "Organic Coffee 12"; "sku-0001" finds SKU-000100…), at most `limit` variants, with
 * their prices. Index-backed: it walks only the matching entries of the catalog's search index.
 */
export async function searchCatalog(
  db: TerminalDatabase,
  query: string,
  options: SearchCatalogOptions = {},
): Promise<CatalogMatch[]> {
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const reader = catalogReader(db);
  const products = await reader.searchProducts(query, limit);
  const found: Omit<CatalogMatch, 'unitPrice'>[] = [];
  for (const product of products) {
    for (const variant of variantsOf(product)) {
      if (typeof variant.sku !== 'string') continue;
      const barcodes = Array.isArray(variant.barcodes) ? (variant.barcodes as unknown[]) : [];
      found.push({
        productId: String(product['productId']),
        sku: variant.sku,
        name: String(product['name']),
        barcode: typeof barcodes[0] === 'string' ? barcodes[0] : undefined,
      });
    }
  }
  const matches = found.slice(0, limit);
  const list = options.priceListId ?? 'base';
  const prices = await reader.getMany(matches.map((m) => `price:${list}:${m.sku}`));
  return matches.map((m, i) => ({ ...m, unitPrice: amountOf(prices[i]) }));
}

function variantsOf(product: JsonDocument): VariantShape[] {
  const variants = product['variants'];
  return Array.isArray(variants) ? (variants as VariantShape[]) : [];
}

function amountOf(price: JsonDocument | undefined): number | undefined {
  const amount = (price?.['unitPrice'] as { amount?: unknown } | undefined)?.amount;
  return typeof amount === 'number' ? amount : undefined;
}
