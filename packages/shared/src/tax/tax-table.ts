import { DomainError } from '../errors';
import type { Percent } from '../money';

/** One tax a jurisdiction levies, e.g. German VAT 19% or a county sales tax of 1.5%. */
export interface TaxRate {
  readonly id: string;
  /** Shown on receipts and closes ("MwSt 19%", "Travis County"). */
  readonly name: string;
  /** Decimal percent string, exact: "19", "8.875". */
  readonly percent: Percent;
}

/** Which rates a tax category carries; `storeId` absent means every store without its own rule. */
export interface TaxRule {
  readonly taxCategoryId: string;
  readonly storeId?: string;
  /** Several rates on one line (state + county) apply side by side on the same base; none means exempt. */
  readonly rateIds: readonly string[];
}

/** The tax table HQ publishes: every rate, and the rules mapping store + category to rates. */
export interface TaxTable {
  readonly rates: readonly TaxRate[];
  readonly rules: readonly TaxRule[];
}

/** The question asked of the tax table for each cart line. */
export interface TaxLookup {
  readonly table: TaxTable;
  readonly storeId: string;
  readonly taxCategoryId: string;
}

/**
 * The rates that apply to a category in a store. A rule for that store wins over the default rule
 * (no storeId). An unknown category is an error, never a silent zero tax.
 */
export function resolveTaxRates(lookup: TaxLookup): readonly TaxRate[] {
  const { table, storeId, taxCategoryId } = lookup;
  let fallback: TaxRule | undefined;
  let specific: TaxRule | undefined;
  for (const rule of table.rules) {
    if (rule.taxCategoryId !== taxCategoryId) continue;
    if (rule.storeId === storeId) specific = rule;
    else if (rule.storeId === undefined) fallback = rule;
  }
  const rule = specific ?? fallback;
  if (!rule) {
    throw new DomainError(
      'tax.unknown-category',
      `No tax rule for category "${taxCategoryId}" in store "${storeId}": add the category to the tax table (or give the product a known tax category).`,
      { taxCategoryId, storeId },
    );
  }
  return rule.rateIds.map((rateId) => {
    const rate = table.rates.find((r) => r.id === rateId);
    if (!rate) {
      throw new DomainError(
        'tax.unknown-rate',
        `Tax rule for category "${taxCategoryId}" names rate "${rateId}", which the tax table does not define.`,
        { taxCategoryId, storeId, rateId },
      );
    }
    return rate;
  });
}
