import { documentExamples, type JsonDocument } from '@store-os/shared/schemas';

/**
 * A small valid catalog for tests and the e2e store: one store, one tax rate and rule, and two products
 * with barcodes and base prices (built from the shared document examples, so the server accepts them).
 */
export function sampleCatalog(storeId: string): JsonDocument[] {
  const T = '2026-11-23T14:00:00.000Z';
  const product = (productId: string, name: string, sku: string, barcode: string, taxCategoryId: string) => ({
    ...documentExamples.product,
    id: `product:${productId}`,
    productId,
    name,
    taxCategoryId,
    groupIds: [],
    variants: [{ sku, barcodes: [barcode] }],
    updatedAt: T,
  });
  const barcode = (code: string, sku: string, productId: string) => ({
    ...documentExamples.barcode,
    id: `barcode:${code}`,
    code,
    sku,
    productId,
  });
  const price = (sku: string, amount: number) => ({
    ...documentExamples.price,
    id: `price:base:${sku}`,
    sku,
    unitPrice: { amount, currency: 'EUR' },
  });
  return [
    { ...documentExamples.store, id: `store:${storeId}`, storeId },
    documentExamples['tax-rate'],
    { ...documentExamples['tax-rule'], id: 'tax-rule:standard', taxCategoryId: 'standard' },
    product('P100', 'Coffee 250 g', 'COF-250', '4006381333931', 'standard'),
    barcode('4006381333931', 'COF-250', 'P100'),
    price('COF-250', 499),
    product('P200', 'Tea 100 g', 'TEA-100', '4006381333948', 'standard'),
    barcode('4006381333948', 'TEA-100', 'P200'),
    price('TEA-100', 350),
  ];
}
