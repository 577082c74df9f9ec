import Type from 'typebox';
import type { Static } from 'typebox';
import {
  baseFields,
  Code,
  CurrencyCode,
  IsoDateTime,
  LooseObject,
  NonNegativeMoneySchema,
  PercentString,
  Text,
  UnitSchema,
} from './fragments';

// Reference data HQ publishes into the `catalog` database. Mutable (HQ republishes), keyed by
// natural ids, every document carries `updatedAt` so terminals can show "prices as of".

const Barcode = Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z.+_-]{0,47}$' });

/** One sellable variant of a product (size, colour); the sku is what lines, prices and stock refer to. */
export const VariantDocSchema = Type.Object(
  {
    sku: Code,
    /** Defaults to the product's name. */
    name: Type.Optional(Text()),
    attributes: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 80 }))),
    /** GTINs in any printed form; catalog/ normalises and checks them. */
    barcodes: Type.Array(Barcode, { maxItems: 32, uniqueItems: true }),
    /** Item codes inside price- or weight-embedded in-store barcodes (scale PLUs). */
    inStoreItemCodes: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{1,8}$' }), { maxItems: 8 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('discontinued')])),
  },
  { additionalProperties: false },
);
/** A variant as stored in a product document. */
export type VariantDoc = Static<typeof VariantDocSchema>;

/** A catalog product with its variants (catalog/ Product + Variant); `unit: 'kg'` means sold by weight. */
export const ProductDocSchema = Type.Object(
  {
    ...baseFields('product'),
    productId: Code,
    name: Text(),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    brand: Type.Optional(Text(80)),
    /** Decides the tax rates through the tax rules (store + category → rates). */
    taxCategoryId: Code,
    unit: UnitSchema,
    /** Category, brand and promotion group ids that promotions target. */
    groupIds: Type.Array(Code, { maxItems: 64 }),
    status: Type.Union([Type.Literal('active'), Type.Literal('discontinued')]),
    variants: Type.Array(VariantDocSchema, { minItems: 1, maxItems: 500 }),
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Product document (catalog database, mutable). */
export type ProductDoc = Static<typeof ProductDocSchema>;

/** Barcode → sku lookup, one per code, id `barcode:<code>`: a scan is one primary-key read. */
export const BarcodeDocSchema = Type.Object(
  {
    ...baseFields('barcode'),
    code: Barcode,
    sku: Code,
    productId: Code,
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Barcode lookup document (catalog database, derived from products by HQ publishing). */
export type BarcodeDoc = Static<typeof BarcodeDocSchema>;

/**
 * A price list's header (pricing/ PriceList without its prices): where it applies and how it ranks.
 * Its prices are separate `price` documents so changing one price replicates one small document.
 */
export const PriceListDocSchema = Type.Object(
  {
    ...baseFields('price-list'),
    priceListId: Code,
    name: Text(),
    currency: CurrencyCode,
    /** Stores the list applies to; absent means every store. */
    storeIds: Type.Optional(Type.Array(Code, { maxItems: 10_000 })),
    /** Customer groups the list applies to; absent means every customer. */
    customerGroupIds: Type.Optional(Type.Array(Code, { maxItems: 100 })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Price-list document (catalog database, mutable). */
export type PriceListDoc = Static<typeof PriceListDocSchema>;

/** One entry of a price list, id `price:<priceListId>:<sku>`: the unit price (per item or per kg). */
export const PriceDocSchema = Type.Object(
  {
    ...baseFields('price'),
    priceListId: Code,
    sku: Code,
    unitPrice: NonNegativeMoneySchema,
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Price document (catalog database, mutable). */
export type PriceDoc = Static<typeof PriceDocSchema>;

/** Which cart lines a promotion looks at (pricing/ ItemSelector). */
const ItemSelector = Type.Object(
  {
    skus: Type.Optional(Type.Array(Code, { maxItems: 10_000 })),
    groupIds: Type.Optional(Type.Array(Code, { maxItems: 1000 })),
  },
  { additionalProperties: false },
);

const PromotionKind = Type.Union([
  Type.Literal('percent-off'),
  Type.Literal('amount-off'),
  Type.Literal('fixed-price'),
  Type.Literal('buy-x-get-y'),
  Type.Literal('mix-and-match'),
  Type.Literal('spend-threshold'),
]);

/**
 * A promotion as pricing/ defines it (PromotionBase & PromotionReward), plus `promotionId` and
 * `status`. The base fields are checked here; the reward fields of each `kind` are left to
 * pricing/ (additional properties allowed) so a new reward needs no migration of this schema.
 */
export const PromotionDocSchema = Type.Object(
  {
    ...baseFields('promotion'),
    promotionId: Code,
    name: Text(),
    currency: CurrencyCode,
    kind: PromotionKind,
    status: Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('ended')]),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    stacking: Type.Optional(
      Type.Union([Type.Literal('competing'), Type.Literal('stackable'), Type.Literal('exclusive')]),
    ),
    window: Type.Optional(LooseObject),
    storeIds: Type.Optional(Type.Array(Code, { maxItems: 10_000 })),
    couponCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    customerSegmentIds: Type.Optional(Type.Array(Code, { maxItems: 100 })),
    maxUsesPerOrder: Type.Optional(Type.Integer({ minimum: 1 })),
    maxUsesPerCustomer: Type.Optional(Type.Integer({ minimum: 1 })),
    // Reward fields of the kinds pricing/ knows today, declared so RxDB's collection schema lists them;
    // their combinations per kind are pricing/'s to check.
    target: Type.Optional(ItemSelector),
    percent: Type.Optional(PercentString),
    amountOff: Type.Optional(Type.Integer({ minimum: 0 })),
    price: Type.Optional(Type.Integer({ minimum: 0 })),
    buy: Type.Optional(ItemSelector),
    buyQuantity: Type.Optional(Type.Integer({ minimum: 1 })),
    /** pricing/'s BuyXGetY `get`, renamed: `get` cannot be a top-level field of an RxDB document. */
    getTarget: Type.Optional(ItemSelector),
    getQuantity: Type.Optional(Type.Integer({ minimum: 1 })),
    getPercentOff: Type.Optional(PercentString),
    quantity: Type.Optional(Type.Integer({ minimum: 1 })),
    threshold: Type.Optional(Type.Integer({ minimum: 0 })),
    percentOff: Type.Optional(PercentString),
    updatedAt: IsoDateTime,
  },
  { additionalProperties: true },
);
/** Promotion document (catalog database, mutable); reward fields are validated by pricing/. */
export type PromotionDoc = Static<typeof PromotionDocSchema> & Readonly<Record<string, unknown>>;

/** One tax a jurisdiction levies (tax/ TaxRate), id `tax-rate:<rateId>`. */
export const TaxRateDocSchema = Type.Object(
  {
    ...baseFields('tax-rate'),
    rateId: Code,
    /** Shown on receipts and closes ("MwSt 19%"). */
    name: Text(80),
    percent: PercentString,
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Tax-rate document (catalog database, mutable). */
export type TaxRateDoc = Static<typeof TaxRateDocSchema>;

/**
 * Which rates a tax category carries (tax/ TaxRule), id `tax-rule:<taxCategoryId>` or, for a
 * store's own rule, `tax-rule:<taxCategoryId>:<storeId>`. No rates means exempt.
 */
export const TaxRuleDocSchema = Type.Object(
  {
    ...baseFields('tax-rule'),
    taxCategoryId: Code,
    storeId: Type.Optional(Code),
    rateIds: Type.Array(Code, { maxItems: 8 }),
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Tax-rule document (catalog database, mutable). */
export type TaxRuleDoc = Static<typeof TaxRuleDocSchema>;

/** How a store's tax regime computes: prices with or without tax, rounding per line or per total. */
export const TaxRegimeDocSchema = Type.Object(
  {
    pricesIncludeTax: Type.Boolean(),
    rounding: Type.Union([Type.Literal('line'), Type.Literal('document')]),
    mode: Type.Union([
      Type.Literal('half-up'),
      Type.Literal('half-even'),
      Type.Literal('down'),
      Type.Literal('up'),
    ]),
  },
  { additionalProperties: false },
);

/** A stock location of a store (sales floor, back room); stock movements name one. */
export const LocationDocSchema = Type.Object(
  {
    locationId: Code,
    name: Text(80),
    kind: Type.Union([Type.Literal('sales-floor'), Type.Literal('backroom'), Type.Literal('warehouse')]),
  },
  { additionalProperties: false },
);

/**
 * A store: currency, time zone (for business dates), tax regime, locations, cash denominations, and the
 * store groups it belongs to (v2). Groups are names HQ gives to sets of stores (a region, a pilot); an
 * update's rollout cohort names groups, and a terminal is in a group when its store is.
 */
export const StoreDocSchema = Type.Object(
  {
    ...baseFields('store'),
    storeId: Code,
    name: Text(),
    /** Store group names (v2; v1 documents migrate to no groups). */
    groups: Type.Array(Code, { maxItems: 50, uniqueItems: true }),
    currency: CurrencyCode,
    timeZone: Type.String({ pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+){0,2}$|^UTC$', maxLength: 64 }),
    taxRegime: TaxRegimeDocSchema,
    locations: Type.Array(LocationDocSchema, { minItems: 1, maxItems: 100 }),
    /** Cash denominations in minor units, for counting the drawer (e.g. 50000 … 1 for EUR). */
    cashDenominations: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 40, uniqueItems: true }),
    ),
    address: Type.Optional(Type.String({ maxLength: 400 })),
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Store document (catalog database, mutable). */
export type StoreDoc = Static<typeof StoreDocSchema>;
