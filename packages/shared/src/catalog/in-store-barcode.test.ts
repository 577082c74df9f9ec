import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import type { InStoreBarcodeLayout, Variant } from '.';
import { buildBarcodeIndex, decodeInStoreBarcode, gs1CheckDigit, priceCheckDigit, scanBarcode } from '.';

const priceLayout: InStoreBarcodeLayout = {
  id: 'price-verified',
  prefixes: ['21'],
  itemCodeLength: 5,
  value: 'price',
  valueLength: 4,
  valueCheckDigit: true,
};
const weightLayout: InStoreBarcodeLayout = {
  id: 'weight',
  prefixes: ['28', '29'],
  itemCodeLength: 5,
  value: 'weight',
  valueLength: 5,
  valueCheckDigit: false,
};
const withCheck = (body12: string) => `${body12}${gs1CheckDigit(body12)}`;

describe('in-store barcodes', () => {
  it('computes GS1 price verifier digits (GS1 General Specifications examples)', () => {
    expect(priceCheckDigit('2875')).toBe(9);
    expect(priceCheckDigit('14685')).toBe(6);
    expect(() => priceCheckDigit('123')).toThrow(/4- or 5-digit/);
  });

  it('decodes a price-embedded label with its verifier digit', () => {
    const code = withCheck('211234592875');
    expect(decodeInStoreBarcode(code, priceLayout)).toEqual({
      layoutId: 'price-verified',
      itemCode: '12345',
      price: 2875,
    });
  });

  it('decodes a weight-embedded label to grams', () => {
    const code = withCheck('280042101234');
    expect(decodeInStoreBarcode(code, weightLayout)).toEqual({
      layoutId: 'weight',
      itemCode: '00421',
      weightGrams: 1234,
    });
  });

  it('rejects a wrong check digit, a wrong verifier digit and a layout that does not add up', () => {
    const good = withCheck('211234592875');
    const badCheck = good.slice(0, 12) + String((Number(good.charAt(12)) + 1) % 10);
    const badVerifier = withCheck('211234582875');
    const errors = [
      () => decodeInStoreBarcode(badCheck, priceLayout),
      () => decodeInStoreBarcode(badVerifier, priceLayout),
      () => decodeInStoreBarcode(good, { ...priceLayout, itemCodeLength: 6 }),
    ].map((fn) => {
      try {
        fn();
        return undefined;
      } catch (error) {
        return isDomainError(error) ? error.code : 'other';
      }
    });
    expect(errors).toEqual(['barcode.check-digit', 'barcode.price-check-digit', 'barcode.bad-layout']);
  });

  it('scans GTINs and in-store labels to SKUs through the barcode index', () => {
    const variants: Variant[] = [
      { sku: 'PEN', productId: 'p1', name: 'Pen', attributes: {}, barcodes: ['4006381333931'] },
      { sku: 'COLA', productId: 'p2', name: 'Cola', attributes: {}, barcodes: ['042100005264'] },
      {
        sku: 'CHEESE',
        productId: 'p3',
        name: 'Cheese',
        attributes: {},
        barcodes: [],
        inStoreItemCodes: ['12345'],
      },
      {
        sku: 'APPLES',
        productId: 'p4',
        name: 'Apples',
        attributes: {},
        barcodes: [],
        inStoreItemCodes: ['00421'],
      },
    ];
    const index = buildBarcodeIndex(variants);
    const layouts = [priceLayout, weightLayout];
    expect(scanBarcode({ code: '4006381333931', index, layouts })).toEqual({
      sku: 'PEN',
      barcode: '4006381333931',
    });
    expect(scanBarcode({ code: '04252614', index, layouts, symbology: 'upc-e' }).sku).toBe('COLA');
    expect(scanBarcode({ code: withCheck('211234592875'), index, layouts })).toMatchObject({
      sku: 'CHEESE',
      embeddedPrice: 2875,
    });
    expect(scanBarcode({ code: withCheck('290042101234'), index, layouts })).toMatchObject({
      sku: 'APPLES',
      weightGrams: 1234,
    });
    expect(() => scanBarcode({ code: '96385074', index, layouts })).toThrow(/No product has barcode/);
  });
});
