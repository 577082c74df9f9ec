import {
  EU_VAT_DOCUMENT,
  indexPromotions,
  type PromotionIndex,
  type TaxRegime,
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

interface StoreDoc {
  currency?: string;
  timeZone?: string;
  taxRegime?: TaxRegime;
  locations?: { locationId: string }[];
}

/**
 * Reads the pricing context from the replicated catalog. Promotions are not mapped from catalog documents
 * yet (an empty index): lines are priced at list price with tax until the promotion mapper lands.
 */
export async function loadPricingContext(db: TerminalDatabase, storeId: string): Promise<PricingContext> {
  const store = (await db.catalog.findOne(`store:${storeId}`).exec())?.toJSON() as StoreDoc | undefined;
  const rates = await db.catalog.find({ selector: { type: 'tax-rate' } }).exec();
  const rules = await db.catalog.find({ selector: { type: 'tax-rule' } }).exec();
  return {
    storeId,
    currency: store?.currency ?? 'EUR',
    timeZone: store?.timeZone ?? 'UTC',
    regime: store?.taxRegime ?? EU_VAT_DOCUMENT,
    taxTable: {
      rates: rates.map((r) => ({
        id: String(r.get('rateId')),
        name: String(r.get('name')),
        percent: String(r.get('percent')),
      })),
      rules: rules.map((r) => {
        const ruleStore = r.get('storeId') as string | undefined;
        return {
          taxCategoryId: String(r.get('taxCategoryId')),
          rateIds: (r.get('rateIds') as string[] | undefined) ?? [],
          ...(ruleStore ? { storeId: ruleStore } : {}),
        };
      }),
    },
    promotions: indexPromotions([]),
    saleLocationId: store?.locations?.[0]?.locationId ?? `${storeId}-floor`,
  };
}
