import {
  EU_VAT_DOCUMENT,
  indexPromotions,
  taxRegimeOf,
  taxTableFromDocs,
  type PromotionIndex,
  type StoreDoc,
  type TaxRateDoc,
  type TaxRegime,
  type TaxRuleDoc,
  type TaxTable,
} from '@store-os/shared';
import type { TerminalDatabase } from '../db/terminal-database';

/** What pricing a cart needs from the local catalog: the store's currency, tax table, regime, time zone. */
export interface PricingContext {
  readonly storeId: string;
  readonly currency: string;
  readonly taxTable: TaxTable;
  readonly regime: TaxRegime;
  readonly timeZone: string;
  readonly promotions: PromotionIndex;
  /** Where sold goods leave stock from (the store's first location, its sales floor). */
  readonly saleLocationId: string;
}

/**
 * Reads the pricing context from the replicated catalog through the domain's document mappers.
 * Promotions are not loaded yet (an empty index): lines are priced at list price with tax until the
 * sell flow maps them with `promotionsFromDocs`.
 */
export async function loadPricingContext(db: TerminalDatabase, storeId: string): Promise<PricingContext> {
  const store = (await db.catalog.findOne(`store:${storeId}`).exec())?.toJSON() as StoreDoc | undefined;
  const rates = await db.catalog.find({ selector: { type: 'tax-rate' } }).exec();
  const rules = await db.catalog.find({ selector: { type: 'tax-rule' } }).exec();
  return {
    storeId,
    currency: store?.currency ?? 'EUR',
    timeZone: store?.timeZone ?? 'UTC',
    regime: store ? taxRegimeOf(store) : EU_VAT_DOCUMENT,
    taxTable: taxTableFromDocs(
      rates.map((r) => r.toJSON() as TaxRateDoc),
      rules.map((r) => r.toJSON() as TaxRuleDoc),
    ),
    promotions: indexPromotions([]),
    saleLocationId: store?.locations[0]?.locationId ?? `${storeId}-floor`,
  };
}
