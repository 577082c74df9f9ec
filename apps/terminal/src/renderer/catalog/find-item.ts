import {
  decodeInStoreBarcode,
  matchInStoreLayout,
  type CartItem,
  type InStoreBarcodeLayout,
  type SellingUnit,
} from '@store-os/shared';
import type { JsonDocument } from '@store-os/shared/schemas';
import type { TerminalDatabase } from '../db/terminal-database';
import { catalogReader, type CatalogReader } from './catalog-reader';

interface Variant {
  sku: string;
  barcodes?: string[];
  inStoreItemCodes?: string[];
}

interface ProductDoc {
  productId: string;
  name: string;
  taxCategoryId: string;
  unit: SellingUnit;
  groupIds?: string[];
  status?: string;
  variants: Variant[];
}

/** What a scan or a search found: one item to add, several to choose from, or nothing. */
export type LookupResult =
  | {
      readonly kind: 'item';
      readonly item: CartItem;
      /** Grams from a weight-embedded label (the line is added with this weight). */
      readonly weightGrams?: number;
    }
  | { readonly kind: 'choices'; readonly names: readonly string[]; readonly items: readonly CartItem[] }
  | { readonly kind: 'none'; readonly message: string };

const PRICE_LIST = 'base';
const CHOICES = 8;

/**
 * Finds what the cashier scanned or typed in the local catalog: an in-store price/weight label, a
 * barcode, a SKU, then product names (several matches come back as a choice list). Works offline:
 * only the replicated catalog is read.
 */
export async function findItem(
  db: TerminalDatabase,
  input: string,
  layouts: readonly InStoreBarcodeLayout[] = [],
): Promise<LookupResult> {
  const code = input.trim();
  if (code === '') return { kind: 'none', message: 'Scan a barcode or type a SKU or a name.' };
  const reader = catalogReader(db);
  const label = await fromInStoreLabel(reader, code, layouts);
  if (label) return label;
  // A barcode names its product and SKU: one key read, then the product and its price in one more.
  const [barcode] = await reader.getMany([`barcode:${code}`]);
  const productId = barcode?.['productId'] as string | undefined;
  const sku = (barcode?.['sku'] as string | undefined) ?? code;
  if (productId) {
    const [product, price] = await reader.getMany([`product:${productId}`, priceId(sku)]);
    if (product) return priced(product as unknown as ProductDoc, sku, price);
  }
  const bySku = await reader.productBySku(sku);
  if (bySku) return itemFor(reader, bySku as unknown as ProductDoc, sku);
  const byName = await reader.searchProducts(code, CHOICES);
  const products = byName as unknown as ProductDoc[];
  const found: CartItem[] = [];
  for (const product of products) {
    for (const variant of product.variants) {
      const result = await itemFor(reader, product, variant.sku);
      if (result.kind === 'item') found.push(result.item);
    }
  }
  const [only] = found;
  if (found.length === 1 && only) return { kind: 'item', item: only };
  if (found.length > 0)
    return {
      kind: 'choices',
      names: found.map((i) => `${i.name} (${i.sku})`),
      items: found.slice(0, CHOICES),
    };
  if (products.length > 0)
    return { kind: 'none', message: `"${code}" matches products without a price; ask HQ to publish prices.` };
  return { kind: 'none', message: `Nothing in the catalog matches "${code}".` };
}

/** A price- or weight-embedded label from the store's scales (GS1 prefixes 20–29). */
async function fromInStoreLabel(
  reader: CatalogReader,
  code: string,
  layouts: readonly InStoreBarcodeLayout[],
): Promise<LookupResult | undefined> {
  const layout = matchInStoreLayout(code, layouts);
  if (!layout) return undefined;
  let decoded;
  try {
    decoded = decodeInStoreBarcode(code, layout);
  } catch (error) {
    return { kind: 'none', message: error instanceof Error ? error.message : String(error) };
  }
  const product = await reader.productByInStoreCode(decoded.itemCode);
  if (!product)
    return {
      kind: 'none',
      message: `No product has in-store item code ${decoded.itemCode} (label ${code}).`,
    };
  const doc = product as unknown as ProductDoc;
  const variant = doc.variants.find((v) => v.inStoreItemCodes?.includes(decoded.itemCode)) ?? doc.variants[0];
  if (!variant) return { kind: 'none', message: `${doc.name} has no variant to sell.` };
  if (decoded.price !== undefined) {
    // The label's price is what the customer saw on the pack: one unit at that price, never merged.
    return {
      kind: 'item',
      item: {
        ...baseItem(doc, variant.sku),
        unit: 'each',
        unitPrice: decoded.price,
        priceSource: { kind: 'barcode', barcode: code },
      },
    };
  }
  const found = await itemFor(reader, doc, variant.sku);
  if (found.kind !== 'item' || decoded.weightGrams === undefined) return found;
  return { kind: 'item', item: found.item, weightGrams: decoded.weightGrams };
}

function baseItem(product: ProductDoc, sku: string): Omit<CartItem, 'unitPrice' | 'priceSource'> {
  return {
    sku,
    name: product.name,
    productId: product.productId,
    groupIds: product.groupIds ?? [],
    taxCategoryId: product.taxCategoryId,
    unit: product.unit,
  };
}

const priceId = (sku: string) => `price:${PRICE_LIST}:${sku}`;

async function itemFor(reader: CatalogReader, product: ProductDoc, sku: string): Promise<LookupResult> {
  const [price] = await reader.getMany([priceId(sku)]);
  return priced(product, sku, price);
}

function priced(product: ProductDoc, sku: string, price: JsonDocument | undefined): LookupResult {
  const unitPrice = (price?.['unitPrice'] as { amount?: number } | undefined)?.amount;
  if (unitPrice === undefined) {
    return {
      kind: 'none',
      message: `${product.name} (${sku}) has no price in the ${PRICE_LIST} price list; ask HQ to publish one.`,
    };
  }
  return {
    kind: 'item',
    item: {
      ...baseItem(product, sku),
      unitPrice,
      priceSource: { kind: 'price-list', priceListId: PRICE_LIST },
    },
  };
}
