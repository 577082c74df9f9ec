import type { RoundingMode } from '../money';

/**
 * How a jurisdiction computes tax. EU VAT: prices include tax, rounded once per rate on the document.
 * US sales tax: prices exclude tax, usually rounded per line (some states per document).
 */
export interface TaxRegime {
  /** True where shelf prices include tax (EU VAT); false where tax is added at the till (US). */
  readonly pricesIncludeTax: boolean;
  /** `line`: each line's tax is rounded; `document`: tax is rounded once per rate set over the sum. */
  readonly rounding: 'line' | 'document';
  readonly mode: RoundingMode;
}

/** German / most EU VAT: tax-inclusive prices, tax rounded half-up once per rate on the receipt. */
export const EU_VAT_DOCUMENT: TaxRegime = { pricesIncludeTax: true, rounding: 'document', mode: 'half-up' };

/** Typical US sales tax: tax added to net prices, rounded half-up on each line. */
export const US_SALES_TAX_LINE: TaxRegime = { pricesIncludeTax: false, rounding: 'line', mode: 'half-up' };
