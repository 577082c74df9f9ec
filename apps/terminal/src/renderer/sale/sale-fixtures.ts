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

/**
 * The checkout catalog: the sample catalog plus a promotion on tea (−10 %), apples sold by weight with
 * an in-store item code for scale labels, and cheese sold on price-embedded labels.
 */
export function checkoutCatalog(storeId: string): JsonDocument[] {
  const T = '2026-11-23T14:00:00.000Z';
  return [
    ...sampleCatalog(storeId),
    {
      ...documentExamples.promotion,
      id: 'promotion:tea-10',
      promotionId: 'tea-10',
      name: 'Tea −10 %',
      target: { skus: ['TEA-100'] },
      percent: '10',
      updatedAt: T,
    },
    {
      ...documentExamples.product,
      id: 'product:P300',
      productId: 'P300',
      name: 'Apples',
      taxCategoryId: 'standard',
      unit: 'kg',
      groupIds: [],
      variants: [{ sku: 'APL-KG', barcodes: [], inStoreItemCodes: ['00301'] }],
      updatedAt: T,
    },
    {
      ...documentExamples.price,
      id: 'price:base:APL-KG',
      sku: 'APL-KG',
      unitPrice: { amount: 299, currency: 'EUR' },
    },
    {
      ...documentExamples.product,
      id: 'product:P400',
      productId: 'P400',
      name: 'Cheese by the piece',
      taxCategoryId: 'standard',
      unit: 'each',
      groupIds: [],
      variants: [{ sku: 'CHS-PC', barcodes: [], inStoreItemCodes: ['00402'] }],
      updatedAt: T,
    },
    {
      ...documentExamples.price,
      id: 'price:base:CHS-PC',
      sku: 'CHS-PC',
      unitPrice: { amount: 100, currency: 'EUR' },
    },
  ];
}

/** A loyalty customer of the store (documents of the store database). */
export function sampleCustomer(storeId: string): JsonDocument {
  return {
    ...documentExamples.customer,
    id: 'customer:c-77',
    storeId,
    givenName: 'Ada',
    familyName: 'Lovelace',
    phone: '+41 79 123 45 67',
    email: 'ada@example.org',
    loyaltyAccountId: 'L77',
  };
}
