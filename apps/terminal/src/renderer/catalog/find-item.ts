import type { CartItem, SellingUnit } from '@store-os/shared';
import type { TerminalDatabase } from '../db/terminal-database';

interface Variant {
  sku: string;
  barcodes?: string[];
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
  | { readonly kind: 'item'; readonly item: CartItem }
  | { readonly kind: 'choices'; readonly names: readonly string[] }
  | { readonly kind: 'none'; readonly message: string };

const PRICE_LIST = 'base';

/**
 * Finds what the cashier scanned or typed in the local catalog: a barcode first, then a SKU, then a
 * product name. Works offline: only the replicated catalog is read.
 */
export async function findItem(db: TerminalDatabase, input: string): Promise<LookupResult> {
  const code = input.trim();
  if (code === '') return { kind: 'none', message: 'Scan a barcode or type a SKU or a name.' };
  const barcode = await db.catalog.findOne(`barcode:${code}`).exec();
  const sku = (barcode?.get('sku') as string | undefined) ?? code;
  const bySku = await db.catalog.findOne({ selector: { type: 'product', 'variants.sku': sku } }).exec();
  if (bySku) return itemFor(db, bySku.toJSON() as unknown as ProductDoc, sku);
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const byName = await db.catalog
    .find({ selector: { type: 'product', name: { $regex: escaped, $options: 'i' } }, limit: 6 })
    .exec();
  const products = byName.map((d) => d.toJSON() as unknown as ProductDoc);
  const [only] = products;
  if (products.length === 1 && only?.variants.length === 1 && only.variants[0])
    return itemFor(db, only, only.variants[0].sku);
  if (products.length > 0) return { kind: 'choices', names: products.map((p) => p.name) };
  return { kind: 'none', message: `Nothing in the catalog matches "${code}".` };
}

async function itemFor(db: TerminalDatabase, product: ProductDoc, sku: string): Promise<LookupResult> {
  const price = await db.catalog.findOne(`price:${PRICE_LIST}:${sku}`).exec();
  const unitPrice = (price?.get('unitPrice') as { amount?: number } | undefined)?.amount;
  if (unitPrice === undefined) {
    return {
      kind: 'none',
      message: `${product.name} (${sku}) has no price in the ${PRICE_LIST} price list; ask HQ to publish one.`,
    };
  }
  return {
    kind: 'item',
    item: {
      sku,
      name: product.name,
      productId: product.productId,
      groupIds: product.groupIds ?? [],
      taxCategoryId: product.taxCategoryId,
      unit: product.unit,
      unitPrice,
      priceSource: { kind: 'price-list', priceListId: PRICE_LIST },
    },
  };
}
