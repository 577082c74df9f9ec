import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { expandUpcE, gs1CheckDigit, hasValidCheckDigit, normalizeGtin, weighedPrice } from '.';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? error.code : 'not-a-domain-error';
  }
  return undefined;
}

describe('GTIN check digits', () => {
  it('computes GS1 mod-10 check digits of real codes', () => {
    expect(gs1CheckDigit('400638133393')).toBe(1); // EAN-13 4006381333931
    expect(gs1CheckDigit('03600029145')).toBe(2); // UPC-A 036000291452
    expect(gs1CheckDigit('9638507')).toBe(4); // EAN-8 96385074
    expect(hasValidCheckDigit('4006381333931')).toBe(true);
    expect(hasValidCheckDigit('4006381333932')).toBe(false);
  });

  it('normalises EAN-13, EAN-8, UPC-A and GTIN-14 to 14 digits', () => {
    expect(normalizeGtin('4006381333931')).toEqual({ symbology: 'ean-13', gtin14: '04006381333931' });
    expect(normalizeGtin('96385074')).toEqual({ symbology: 'ean-8', gtin14: '00000096385074' });
    expect(normalizeGtin('036000291452')).toEqual({ symbology: 'upc-a', gtin14: '00036000291452' });
    expect(normalizeGtin('0036000291452').gtin14).toBe(normalizeGtin('036000291452').gtin14);
    expect(normalizeGtin('10036000291459').symbology).toBe('gtin-14');
  });

  it('expands UPC-E to UPC-A for each final-digit rule', () => {
    expect(expandUpcE('04252614')).toBe('042100005264');
    expect(expandUpcE('0123453')).toMatch(/^01230000045\d$/);
    expect(expandUpcE('123454')).toMatch(/^01234000005\d$/);
    expect(expandUpcE('123457')).toMatch(/^01234500007\d$/);
    expect(normalizeGtin('04252614', 'upc-e').gtin14).toBe('00042100005264');
  });

  it('rejects bad check digits, lengths and non-digits with typed errors', () => {
    expect(codeOf(() => normalizeGtin('4006381333932'))).toBe('barcode.check-digit');
    expect(codeOf(() => expandUpcE('04252615'))).toBe('barcode.check-digit');
    expect(codeOf(() => normalizeGtin('12345'))).toBe('barcode.bad-length');
    expect(codeOf(() => normalizeGtin('40063813A3931'))).toBe('barcode.not-numeric');
    expect(codeOf(() => expandUpcE('2425261'))).toBe('barcode.bad-upc-e');
    try {
      normalizeGtin('036000291453');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('expected 2');
    }
  });

  it('prices weighed goods at one rounding point', () => {
    expect(weighedPrice(1299, 453)).toBe(588); // 588.447
    expect(weighedPrice(1299, 500)).toBe(650); // 649.5 rounds half-up
    expect(weighedPrice(1299, 500, 'half-even')).toBe(650);
    expect(weighedPrice(1298, 500, 'half-even')).toBe(649);
  });
});
