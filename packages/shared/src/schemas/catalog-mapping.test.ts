import { describe, expect, it } from 'vitest';
import { buildBarcodeIndex, scanBarcode } from '../catalog';
import { resolvePrice } from '../pricing';
import { resolveTaxRates } from '../tax';
import type {
  PriceDoc,
  PriceListDoc,
  ProductDoc,
  PromotionDoc,
  StoreDoc,
  TaxRateDoc,
  TaxRuleDoc,
} from './catalog-documents';
import {
  priceListsFromDocs,
  productFromDoc,
  promotionsFromDocs,
  taxRegimeOf,
  taxTableFromDocs,
} from './catalog-mapping';
import { documentExamples } from './document-examples';

const ex = documentExamples;

describe('catalog documents → domain types', () => {
  it('turns a product document into a product and scannable variants', () => {
    const { product, variants } = productFromDoc(ex.product as unknown as ProductDoc);
    expect(product).toEqual({
      id: 'P100',
      name: 'T-shirt',
      taxCategoryId: 'standard',
      unit: 'each',
      groupIds: ['tshirts'],
    });
    expect(variants[1]).toEqual({
      sku: 'P100-M',
      productId: 'P100',
      name: 'T-shirt',
      attributes: { size: 'M' },
      barcodes: [],
    });
    const index = buildBarcodeIndex(variants);
    expect(scanBarcode({ index, code: '4006381333931', layouts: [] }).sku).toBe('P100-S');
  });

  it('joins price-list headers with their entries so pricing/ can resolve a price', () => {
    const lists = priceListsFromDocs(
      [ex['price-list'] as unknown as PriceListDoc],
      [ex.price as unknown as PriceDoc],
    );
    expect(resolvePrice(lists, { sku: 'P100-S', storeId: 's001', currency: 'EUR' })).toEqual({
      unitPrice: 1999,
      priceListId: 'base',
    });
    expect(() =>
      priceListsFromDocs(
        [ex['price-list'] as unknown as PriceListDoc],
        [{ ...(ex.price as unknown as PriceDoc), unitPrice: { amount: 1, currency: 'USD' } }],
      ),
    ).toThrow(/in USD but price list base is in EUR/);
  });

  it('passes active promotions through with their reward fields, leaving drafts out', () => {
    const doc = ex.promotion as unknown as PromotionDoc;
    const [promotion] = promotionsFromDocs([doc, { ...doc, promotionId: 'draft', status: 'draft' }]);
    expect(promotion).toEqual({
      id: 'coffee-10',
      name: 'Coffee −10 %',
      currency: 'EUR',
      kind: 'percent-off',
      target: { skus: ['COF-250'] },
      percent: '10',
    });
  });

  it('maps the stored getTarget selector to pricing/’s buy-x-get-y `get`', () => {
    const doc = {
      ...(ex.promotion as unknown as PromotionDoc),
      kind: 'buy-x-get-y' as const,
      buy: { skus: ['A'] },
      buyQuantity: 1,
      getTarget: { skus: ['B'] },
      getQuantity: 1,
    };
    const [promotion] = promotionsFromDocs([doc]);
    expect(promotion).toMatchObject({ kind: 'buy-x-get-y', get: { skus: ['B'] } });
    expect(promotion).not.toHaveProperty('getTarget');
  });

  it('builds the tax table and the store regime tax/ computes with', () => {
    const table = taxTableFromDocs(
      [ex['tax-rate'] as unknown as TaxRateDoc],
      [ex['tax-rule'] as unknown as TaxRuleDoc],
    );
    expect(resolveTaxRates({ table, storeId: 's001', taxCategoryId: 'reduced' })).toEqual([
      { id: 'FR-R', name: 'TVA 5,5 %', percent: '5.5' },
    ]);
    expect(taxRegimeOf(ex.store as unknown as StoreDoc)).toEqual({
      pricesIncludeTax: true,
      rounding: 'document',
      mode: 'half-up',
    });
  });
});
