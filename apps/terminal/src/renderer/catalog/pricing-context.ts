import {
  EU_VAT_DOCUMENT,
  indexPromotions,
  promotionsFromDocs,
  taxRegimeOf,
  taxTableFromDocs,
  type PromotionDoc,
  type PromotionIndex,
  type StoreDoc,
  type TaxRateDoc,
  type TaxRegime,
  type TaxRuleDoc,
  type TaxTable,
} from '@store-os/shared';
import type { TerminalDatabase } from '../db/terminal-database';
import { GIFT_CARD_TAX_CATEGORY } from '../sale/store-policy';

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
 * Reads the pricing context from the replicated catalog through the domain's document mappers: the
 * store, its tax table and regime, and the active promotions (indexed once per load). Gift-card lines
 * get an exempt tax rule when the catalog has none: a multi-purpose voucher is taxed when spent.
 */
export async function loadPricingContext(db: TerminalDatabase, storeId: string): Promise<PricingContext> {
  const store = (await db.catalog.findOne(`store:${storeId}`).exec())?.toJSON() as StoreDoc | undefined;
  const rates = await db.catalog.find({ selector: { type: 'tax-rate' } }).exec();
  const rules = await db.catalog.find({ selector: { type: 'tax-rule' } }).exec();
  const promotions = await db.catalog.find({ selector: { type: 'promotion' } }).exec();
  const table = taxTableFromDocs(
    rates.map((r) => r.toJSON() as TaxRateDoc),
    rules.map((r) => r.toJSON() as TaxRuleDoc),
  );
  const currency = store?.currency ?? 'EUR';
  const giftCardRule = table.rules.some((r) => r.taxCategoryId === GIFT_CARD_TAX_CATEGORY)
    ? []
    : [{ taxCategoryId: GIFT_CARD_TAX_CATEGORY, rateIds: [] }];
  return {
    storeId,
    currency,
    timeZone: store?.timeZone ?? 'UTC',
    regime: store ? taxRegimeOf(store) : EU_VAT_DOCUMENT,
    taxTable: { rates: table.rates, rules: [...table.rules, ...giftCardRule] },
    promotions: indexPromotions(
      promotionsFromDocs(promotions.map((p) => p.toJSON() as unknown as PromotionDoc)).filter(
        (p) => p.currency === currency,
      ),
    ),
    saleLocationId: store?.locations[0]?.locationId ?? `${storeId}-floor`,
  };
}
