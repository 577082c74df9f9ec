import Type from 'typebox';
import type { Static } from 'typebox';
import {
  baseFields,
  Code,
  CurrencyCode,
  DecimalString,
  IsoDateTime,
  LooseObject,
  NonNegativeMoneySchema,
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
    name: Type.Optional(Text()),
    attributes: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 80 }))),
    barcodes: Type.Array(Barcode, { maxItems: 32, uniqueItems: true }),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('discontinued')])),
  },
  { additionalProperties: false },
);
/** A variant as stored in a product document. */
export type VariantDoc = Static<typeof VariantDocSchema>;

/** A catalog product with its variants; `unit: 'kg'` means sold by weight (quantities in grams). */
export const ProductDocSchema = Type.Object(
  {
    ...baseFields('product'),
    productId: Code,
    name: Text(),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    brand: Type.Optional(Text(80)),
    categoryIds: Type.Optional(Type.Array(Code, { maxItems: 32 })),
    taxCategory: Code,
    unit: UnitSchema,
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
 * A price-list entry. `priceListId` names the list (`base`, a store's list, a customer group's list);
 * `storeId`/`customerGroupId` say where it applies so the pricing engine can pick the most specific.
 */
export const PriceDocSchema = Type.Object(
  {
    ...baseFields('price'),
    priceListId: Code,
    sku: Code,
    storeId: Type.Optional(Code),
    customerGroupId: Type.Optional(Code),
    /** Price per unit (per item, or per kg for weighed products), tax as the store's regime says. */
    unitPrice: NonNegativeMoneySchema,
    validFrom: Type.Optional(IsoDateTime),
    validTo: Type.Optional(IsoDateTime),
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Price document (catalog database, mutable). */
export type PriceDoc = Static<typeof PriceDocSchema>;

/**
 * A promotion. The pricing engine owns the meaning of `rules`; the schema only pins what every
 * promotion has, so a new rule kind never needs a schema migration here.
 */
export const PromotionDocSchema = Type.Object(
  {
    ...baseFields('promotion'),
    name: Text(),
    kind: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' })),
    status: Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('ended')]),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    stackable: Type.Optional(Type.Boolean()),
    storeIds: Type.Optional(Type.Array(Code, { maxItems: 10_000 })),
    customerGroupIds: Type.Optional(Type.Array(Code, { maxItems: 100 })),
    channels: Type.Optional(Type.Array(Type.Union([Type.Literal('store'), Type.Literal('web')]))),
    validFrom: Type.Optional(IsoDateTime),
    validTo: Type.Optional(IsoDateTime),
    rules: LooseObject,
    updatedAt: IsoDateTime,
  },
  { additionalProperties: true },
);
/** Promotion document (catalog database, mutable); `rules` is validated by pricing/. */
export type PromotionDoc = Static<typeof PromotionDocSchema>;

/** A tax rate of one tax category within one tax regime (e.g. regime FR, category reduced, 0.055). */
export const TaxRateDocSchema = Type.Object(
  {
    ...baseFields('tax-rate'),
    code: Code,
    regime: Code,
    taxCategory: Code,
    name: Text(80),
    /** Decimal fraction as a string: `0.2` is 20 %. */
    rate: DecimalString,
    validFrom: Type.Optional(IsoDateTime),
    validTo: Type.Optional(IsoDateTime),
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Tax-rate document (catalog database, mutable). */
export type TaxRateDoc = Static<typeof TaxRateDocSchema>;

/** How a store's tax regime computes: prices with or without tax, rounding per line or per total. */
export const TaxRegimeDocSchema = Type.Object(
  {
    code: Code,
    pricesIncludeTax: Type.Boolean(),
    rounding: Type.Union([Type.Literal('per-line'), Type.Literal('per-total')]),
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

/** A store: currency, time zone (for business dates), tax regime, locations and cash denominations. */
export const StoreDocSchema = Type.Object(
  {
    ...baseFields('store'),
    storeId: Code,
    name: Text(),
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
