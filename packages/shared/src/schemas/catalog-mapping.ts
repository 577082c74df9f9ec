import type { Product, Variant } from '../catalog';
import { DomainError } from '../errors';
import type { PriceList, Promotion } from '../pricing';
import type { TaxRegime, TaxTable } from '../tax';
import type {
  PriceDoc,
  PriceListDoc,
  ProductDoc,
  PromotionDoc,
  StoreDoc,
  TaxRateDoc,
  TaxRuleDoc,
} from './catalog-documents';

// Catalog documents → the domain types catalog/, pricing/ and tax/ compute with. The documents carry
// replication fields (id, type, schemaVersion, updatedAt, status); the domain types do not.

/** A product document as catalog/'s Product and its Variants. */
export function productFromDoc(doc: ProductDoc): { product: Product; variants: Variant[] } {
  return {
    product: {
      id: doc.productId,
      name: doc.name,
      taxCategoryId: doc.taxCategoryId,
      unit: doc.unit,
      groupIds: doc.groupIds,
    },
    variants: doc.variants.map((v) => ({
      sku: v.sku,
      productId: doc.productId,
      name: v.name ?? doc.name,
      attributes: v.attributes ?? {},
      barcodes: v.barcodes,
      ...(v.inStoreItemCodes === undefined ? {} : { inStoreItemCodes: v.inStoreItemCodes }),
    })),
  };
}

/** Price-list headers plus their price entries as pricing/'s PriceLists; an entry in another currency is an error. */
export function priceListsFromDocs(lists: readonly PriceListDoc[], prices: readonly PriceDoc[]): PriceList[] {
  const byList = new Map<string, Record<string, number>>();
  const currencyOf = new Map(lists.map((l) => [l.priceListId, l.currency]));
  for (const p of prices) {
    const currency = currencyOf.get(p.priceListId);
    if (currency === undefined) continue; // header not replicated yet: the entry waits
    if (p.unitPrice.currency !== currency) {
      throw new DomainError(
        'catalog.price-currency',
        `Price ${p.id} is in ${p.unitPrice.currency} but price list ${p.priceListId} is in ${currency}.`,
        { id: p.id },
      );
    }
    let record = byList.get(p.priceListId);
    if (record === undefined) byList.set(p.priceListId, (record = {}));
    record[p.sku] = p.unitPrice.amount;
  }
  return lists.map((l) => ({
    id: l.priceListId,
    name: l.name,
    currency: l.currency,
    ...(l.storeIds === undefined ? {} : { storeIds: l.storeIds }),
    ...(l.customerGroupIds === undefined ? {} : { customerGroupIds: l.customerGroupIds }),
    ...(l.priority === undefined ? {} : { priority: l.priority }),
    prices: byList.get(l.priceListId) ?? {},
  }));
}

/** Active promotion documents as pricing/'s Promotions (drafts and ended ones are left out). */
export function promotionsFromDocs(docs: readonly PromotionDoc[]): Promotion[] {
  return docs
    .filter((d) => d.status === 'active')
    .map((d) => {
      const {
        id: _id,
        type: _type,
        schemaVersion: _v,
        status: _s,
        updatedAt: _u,
        promotionId,
        getTarget,
        ...rest
      } = d;
      // The reward fields were validated loosely here; pricing/ owns their meaning.
      return {
        ...rest,
        ...(getTarget === undefined ? {} : { get: getTarget }),
        id: promotionId,
      } as unknown as Promotion;
    });
}

/** Tax-rate and tax-rule documents as tax/'s TaxTable. */
export function taxTableFromDocs(rates: readonly TaxRateDoc[], rules: readonly TaxRuleDoc[]): TaxTable {
  return {
    rates: rates.map((r) => ({ id: r.rateId, name: r.name, percent: r.percent })),
    rules: rules.map((r) => ({
      taxCategoryId: r.taxCategoryId,
      ...(r.storeId === undefined ? {} : { storeId: r.storeId }),
      rateIds: r.rateIds,
    })),
  };
}

/** A store's tax regime as tax/ uses it. */
export function taxRegimeOf(store: StoreDoc): TaxRegime {
  return {
    pricesIncludeTax: store.taxRegime.pricesIncludeTax,
    rounding: store.taxRegime.rounding,
    mode: store.taxRegime.mode,
  };
}
