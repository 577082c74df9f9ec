import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import type { TaxRate, TaxRegime, TaxTable } from '.';
import { EU_VAT_DOCUMENT, US_SALES_TAX_LINE, calculateTax, resolveTaxRates } from '.';

const vat19: TaxRate = { id: 'de-19', name: 'MwSt 19%', percent: '19' };
const vat7: TaxRate = { id: 'de-7', name: 'MwSt 7%', percent: '7' };
const state: TaxRate = { id: 'tx-state', name: 'Texas', percent: '6.25' };
const city: TaxRate = { id: 'austin', name: 'Austin', percent: '2' };

describe('resolveTaxRates', () => {
  const table: TaxTable = {
    rates: [vat19, vat7, state, city],
    rules: [
      { taxCategoryId: 'standard', rateIds: ['de-19'] },
      { taxCategoryId: 'food', rateIds: ['de-7'] },
      { taxCategoryId: 'standard', storeId: 'austin-1', rateIds: ['tx-state', 'austin'] },
      { taxCategoryId: 'exempt', rateIds: [] },
    ],
  };

  it('prefers the store rule over the default and returns several rates per line', () => {
    expect(resolveTaxRates({ table, storeId: 'berlin-1', taxCategoryId: 'standard' })).toEqual([vat19]);
    expect(resolveTaxRates({ table, storeId: 'austin-1', taxCategoryId: 'standard' })).toEqual([state, city]);
    expect(resolveTaxRates({ table, storeId: 'austin-1', taxCategoryId: 'exempt' })).toEqual([]);
  });

  it('fails on an unknown category or rate with what to fix', () => {
    try {
      resolveTaxRates({ table, storeId: 'berlin-1', taxCategoryId: 'books' });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'tax.unknown-category')).toBe(true);
      expect((error as Error).message).toContain('add the category to the tax table');
    }
    const broken: TaxTable = { rates: [], rules: [{ taxCategoryId: 'x', rateIds: ['nope'] }] };
    expect(() => resolveTaxRates({ table: broken, storeId: 's', taxCategoryId: 'x' })).toThrow(/nope/);
  });
});

describe('calculateTax', () => {
  it('extracts inclusive VAT per line', () => {
    // 1.19 gross at 19%: tax = 119 × 19/119 = 19 exactly.
    const r = calculateTax({
      currency: 'EUR',
      regime: { ...EU_VAT_DOCUMENT, rounding: 'line' },
      lines: [{ lineId: 'a', amount: 119, rates: [vat19] }],
    });
    expect(r.lines[0]).toMatchObject({ net: 100, tax: 19, gross: 119 });
  });

  it('rounds once per rate on the document, not per line', () => {
    // Three lines of 0.10 gross at 19%: each line 1.597 cents → line rounding gives 2+2+2 = 6,
    // document rounding gives round(30 × 19/119 = 4.79) = 5.
    const lines = ['a', 'b', 'c'].map((lineId) => ({ lineId, amount: 10, rates: [vat19] }));
    const perLine = calculateTax({
      currency: 'EUR',
      regime: { ...EU_VAT_DOCUMENT, rounding: 'line' },
      lines,
    });
    const perDoc = calculateTax({ currency: 'EUR', regime: EU_VAT_DOCUMENT, lines });
    expect(perLine.tax.amount).toBe(6);
    expect(perDoc.tax.amount).toBe(5);
    expect(perDoc.lines.map((l) => l.tax)).toEqual([1, 2, 2]);
    expect(perDoc.breakdown).toEqual([
      expect.objectContaining({
        rateId: 'de-19',
        taxable: { amount: 25, currency: 'EUR' },
        tax: { amount: 5, currency: 'EUR' },
      }),
    ]);
  });

  it('adds exclusive sales tax with two rates on one line, rounded per line', () => {
    // 9.99 net: state 6.25% = 62.4375 → 62; city 2% = 19.98 → 20; combined 8.25% = 82.4175 → 82 split 62/20.
    const r = calculateTax({
      currency: 'USD',
      regime: US_SALES_TAX_LINE,
      lines: [{ lineId: 'a', amount: 999, rates: [state, city] }],
    });
    expect(r.lines[0]).toMatchObject({ net: 999, tax: 82, gross: 1081 });
    expect(r.breakdown.map((b) => [b.rateId, b.tax.amount])).toEqual([
      ['austin', 20],
      ['tx-state', 62],
    ]);
  });

  it('taxes a return as the mirror of the sale', () => {
    const regime: TaxRegime = { pricesIncludeTax: false, rounding: 'line', mode: 'half-up' };
    const sale = calculateTax({
      currency: 'USD',
      regime,
      lines: [{ lineId: 'a', amount: 250, rates: [state] }],
    });
    const ret = calculateTax({
      currency: 'USD',
      regime,
      lines: [{ lineId: 'a', amount: -250, rates: [state] }],
    });
    expect(ret.tax.amount).toBe(-sale.tax.amount);
  });

  it('keeps the breakdown equal to the total tax for any lines, rates and regime', () => {
    const rates = [vat19, vat7, state, city, { id: 'ny', name: 'NYC', percent: '8.875' }];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.integer({ min: -100_000, max: 1_000_000 }),
            rates: fc.subarray(rates, { minLength: 0, maxLength: 3 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.boolean(),
        fc.constantFrom('line' as const, 'document' as const),
        fc.constantFrom('half-up' as const, 'half-even' as const),
        (raw, pricesIncludeTax, rounding, mode) => {
          const lines = raw.map((l, i) => ({ lineId: `l${i}`, ...l }));
          const r = calculateTax({ currency: 'EUR', regime: { pricesIncludeTax, rounding, mode }, lines });
          const rowTax = r.breakdown.reduce((a, b) => a + b.tax.amount, 0);
          const lineTax = r.lines.reduce((a, b) => a + b.tax, 0);
          const perRate = r.lines.reduce((a, l) => a + l.byRate.reduce((x, y) => x + y.tax, 0), 0);
          expect(rowTax).toBe(r.tax.amount);
          expect(lineTax).toBe(r.tax.amount);
          expect(perRate).toBe(r.tax.amount);
          r.breakdown.forEach((row) => expect(row.gross.amount).toBe(row.taxable.amount + row.tax.amount));
          const charged = lines.reduce((a, l) => a + l.amount, 0);
          expect(pricesIncludeTax ? r.gross.amount : r.net.amount).toBe(charged);
        },
      ),
      { numRuns: 500 },
    );
  });
});
