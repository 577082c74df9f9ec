import { DomainError } from '../errors';
import type { GtinSymbology } from './gtin';
import { normalizeGtin } from './gtin';
import type { InStoreBarcodeLayout } from './in-store-barcode';
import { decodeInStoreBarcode, matchInStoreLayout } from './in-store-barcode';
import type { Variant } from './product';

/** Barcode → SKU lookup built once from the catalog; keys are GTIN-14s and in-store item codes. */
export interface BarcodeIndex {
  readonly byGtin: ReadonlyMap<string, string>;
  readonly byItemCode: ReadonlyMap<string, string>;
}

/** What a scan resolves to: the SKU, and the price or weight when the label carried one. */
export interface ScannedItem {
  readonly sku: string;
  readonly barcode: string;
  /** Minor units, from a price-embedded label (the line is priced by the label, not a price list). */
  readonly embeddedPrice?: number;
  /** Grams, from a weight-embedded label. */
  readonly weightGrams?: number;
}

/** Input of `scanBarcode`. */
export interface ScanInput {
  readonly code: string;
  readonly index: BarcodeIndex;
  readonly layouts: readonly InStoreBarcodeLayout[];
  /** The symbology the scanner reported, when it did (UPC-E and EAN-8 look alike). */
  readonly symbology?: GtinSymbology;
}

/** Indexes every variant's barcodes (normalised) and in-store item codes; a bad barcode fails the build. */
export function buildBarcodeIndex(variants: readonly Variant[]): BarcodeIndex {
  const byGtin = new Map<string, string>();
  const byItemCode = new Map<string, string>();
  for (const variant of variants) {
    for (const code of variant.barcodes) byGtin.set(normalizeGtin(code).gtin14, variant.sku);
    for (const item of variant.inStoreItemCodes ?? []) byItemCode.set(item, variant.sku);
  }
  return { byGtin, byItemCode };
}

/** Resolves a scanned code to a SKU: an in-store price/weight label first, then a GTIN. */
export function scanBarcode(input: ScanInput): ScannedItem {
  const code = input.code.trim();
  const layout = matchInStoreLayout(code, input.layouts);
  if (layout) {
    const decoded = decodeInStoreBarcode(code, layout);
    const sku = input.index.byItemCode.get(decoded.itemCode);
    if (sku === undefined) throw unknown(code, `item code ${decoded.itemCode}`);
    return {
      sku,
      barcode: code,
      ...(decoded.price !== undefined ? { embeddedPrice: decoded.price } : {}),
      ...(decoded.weightGrams !== undefined ? { weightGrams: decoded.weightGrams } : {}),
    };
  }
  const gtin = normalizeGtin(code, input.symbology);
  const sku = input.index.byGtin.get(gtin.gtin14);
  if (sku === undefined) throw unknown(code, `GTIN ${gtin.gtin14}`);
  return { sku, barcode: code };
}

function unknown(code: string, what: string): DomainError {
  return new DomainError(
    'barcode.unknown',
    `No product has barcode "${code}" (${what}): key the item in or ask HQ to add the barcode.`,
    { code },
  );
}
