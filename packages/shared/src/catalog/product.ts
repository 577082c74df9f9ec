import type { RoundingMode } from '../money';
import { mulDivRounded } from '../money';

/** How an item is sold: counted (`each`) or weighed (`kg`, quantities in grams, prices per kg). */
export type SellingUnit = 'each' | 'kg';

/** A product as HQ publishes it; what is sold and stocked is one of its variants (a SKU). */
export interface Product {
  readonly id: string;
  readonly name: string;
  /** Decides the tax rates through the tax table (store + category → rates). */
  readonly taxCategoryId: string;
  readonly unit: SellingUnit;
  /** Category, brand and promotion group ids; promotions target these or SKUs. */
  readonly groupIds: readonly string[];
}

/** One sellable SKU of a product (size, colour), with the barcodes that ring it up. */
export interface Variant {
  readonly sku: string;
  readonly productId: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** GTINs in any printed form (EAN-13, EAN-8, UPC-A, UPC-E, GTIN-14); indexed normalised to 14 digits. */
  readonly barcodes: readonly string[];
  /** Item codes inside price- or weight-embedded in-store barcodes (the PLU on the scale label). */
  readonly inStoreItemCodes?: readonly string[];
}

/** The price of a weighed quantity: price per kg × grams / 1000, rounded at this one named point. */
export function weighedPrice(pricePerKg: number, grams: number, mode: RoundingMode = 'half-up'): number {
  return mulDivRounded(pricePerKg, grams, 1000, mode);
}
