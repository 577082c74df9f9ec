import Type from 'typebox';
import type { Static } from 'typebox';
import {
  AnyId,
  baseFields,
  Code,
  CurrencyCode,
  discriminated,
  FactId,
  IsoDate,
  IsoDateTime,
  MoneySchema,
  NonNegativeMoneySchema,
  PercentString,
  Text,
  UnitSchema,
  UserId,
} from './fragments';

// An order is written once, when the sale completes, with everything needed to explain it later:
// prices as charged, each discount with the promotion that gave it, tax per rate, tenders.
// Returns and exchanges are new orders whose `returnLines` reference the original lines.

/** A discount on a line with its explanation (what the receipt and the return logic show). */
export const DiscountDocSchema = Type.Object(
  {
    promotionId: Type.Optional(AnyId),
    name: Text(),
    /** Positive amount taken off this line (order-level discounts arrive already allocated). */
    amount: NonNegativeMoneySchema,
    /** Set when a manager override (not a promotion) gave the discount. */
    approvedBy: Type.Optional(UserId),
  },
  { additionalProperties: false },
);
/** A discount as stored on an order line. */
export type DiscountDoc = Static<typeof DiscountDocSchema>;

/** Tax charged at one rate (tax/ TaxBreakdownRow): on a line, or per rate for the whole order. */
export const TaxLineDocSchema = Type.Object(
  {
    rateId: Code,
    name: Type.Optional(Text(80)),
    percent: PercentString,
    /** The base the rate was charged on. */
    taxable: MoneySchema,
    tax: MoneySchema,
    gross: Type.Optional(MoneySchema),
  },
  { additionalProperties: false },
);
/** A tax line as stored on an order or a close. */
export type TaxLineDoc = Static<typeof TaxLineDocSchema>;

const lineFields = {
  lineId: Code,
  sku: Code,
  productId: Type.Optional(Code),
  name: Text(),
  unit: UnitSchema,
  /** Items for `each`; number of weighings (normally 1) for `kg`. */
  quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  /** Grams, for `kg` lines. */
  weightGrams: Type.Optional(Type.Integer({ minimum: 1 })),
  taxCategoryId: Type.Optional(Code),
  /** Price per item or per kg as charged, before discounts. */
  unitPrice: NonNegativeMoneySchema,
  /** unitPrice × quantity (or × weight), before discounts. */
  grossAmount: NonNegativeMoneySchema,
  discounts: Type.Array(DiscountDocSchema, { maxItems: 50 }),
  taxes: Type.Array(TaxLineDocSchema, { maxItems: 10 }),
  /** What the customer pays for this line: after discounts, tax included. */
  total: NonNegativeMoneySchema,
};

/** A sold line. */
export const OrderLineDocSchema = Type.Object(lineFields, { additionalProperties: false });
/** A sold line as stored in an order. */
export type OrderLineDoc = Static<typeof OrderLineDocSchema>;

/** A returned line; amounts are positive and mean "given back", the reference says from which sale. */
export const ReturnLineDocSchema = Type.Object(
  {
    ...lineFields,
    originalOrderId: Type.Optional(FactId),
    originalLineId: Type.Optional(Code),
    reason: Type.Optional(Text(120)),
    /** Whether the item goes back to sellable stock (a `return` movement) or not (a write-off). */
    restock: Type.Boolean(),
    /** A return without the original receipt needs a manager's approval. */
    approvedBy: Type.Optional(UserId),
  },
  { additionalProperties: false },
);
/** A returned line as stored in a return or exchange order. */
export type ReturnLineDoc = Static<typeof ReturnLineDocSchema>;

const tenderBase = {
  tenderId: Code,
  /** Positive: paid by the customer. Negative: given back (refund, exchange difference). */
  amount: MoneySchema,
  /** On a refund: the tender of the original order it gives back (`<orderId>/<tenderId>`). */
  refundOf: Type.Optional(Type.String({ minLength: 1, maxLength: 160 })),
};

/** The card data a semi-integrated payment terminal returns; never a full PAN (PCI P2PE scope). */
export const CardTenderDocSchema = Type.Object(
  {
    ...tenderBase,
    type: Type.Literal('card'),
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    pspReference: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    maskedPan: Type.String({ pattern: '^[0-9]{0,6}[ *Xx•]{2,}[0-9]{4}$', maxLength: 32 }),
    brand: Text(32),
    authCode: Type.String({ pattern: '^[0-9A-Za-z]{1,12}$' }),
    entryMode: Type.Optional(
      Type.Union([
        Type.Literal('chip'),
        Type.Literal('contactless'),
        Type.Literal('swipe'),
        Type.Literal('keyed'),
      ]),
    ),
    /** Approved offline by the payment terminal (store-and-forward). */
    offline: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
/** Cash; `tendered` and `change` are what the drawer saw, `amount` is what was applied to the order. */
export const CashTenderDocSchema = Type.Object(
  {
    ...tenderBase,
    type: Type.Literal('cash'),
    tendered: Type.Optional(NonNegativeMoneySchema),
    change: Type.Optional(NonNegativeMoneySchema),
  },
  { additionalProperties: false },
);
const accountTender = <const T extends string>(type: T) =>
  Type.Object(
    {
      ...tenderBase,
      type: Type.Literal(type),
      accountId: Code,
      maskedNumber: Type.Optional(Type.String({ maxLength: 32 })),
      /** Redeemed while the terminal was offline, within the card's offline cap. */
      offline: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  );
/** Gift card paid with (or issued as a refund, with a negative amount). */
export const GiftCardTenderDocSchema = accountTender('gift-card');
/** Store credit. */
export const StoreCreditTenderDocSchema = accountTender('store-credit');
/** Loyalty points redeemed as payment; `points` spent for `amount`. */
export const LoyaltyTenderDocSchema = Type.Object(
  {
    ...tenderBase,
    type: Type.Literal('loyalty-points'),
    accountId: Code,
    points: Type.Integer(),
  },
  { additionalProperties: false },
);
/** Anything else the store accepts (voucher, bank transfer), named. */
export const OtherTenderDocSchema = Type.Object(
  { ...tenderBase, type: Type.Literal('other'), name: Text(60), reference: Type.Optional(Text(120)) },
  { additionalProperties: false },
);

/** One payment (or refund) on an order, discriminated by `type`. */
export const TenderDocSchema = discriminated('type', [
  CashTenderDocSchema,
  CardTenderDocSchema,
  GiftCardTenderDocSchema,
  StoreCreditTenderDocSchema,
  LoyaltyTenderDocSchema,
  OtherTenderDocSchema,
]);
/** A tender as stored in an order. */
export type TenderDoc = Static<typeof TenderDocSchema>;
/** The tender kinds an order can carry. */
export type TenderDocType = TenderDoc['type'];

/** Order totals; `total` = sold lines − returned lines and equals the sum of tender amounts. */
export const OrderTotalsDocSchema = Type.Object(
  {
    subtotal: MoneySchema,
    discountTotal: MoneySchema,
    taxTotal: MoneySchema,
    total: MoneySchema,
  },
  { additionalProperties: false },
);

/** A completed sale, return or exchange, at the counter or from the web shop. */
export const OrderDocSchema = Type.Object(
  {
    ...baseFields('order'),
    id: FactId,
    storeId: Code,
    terminalId: Type.Optional(Code),
    kind: Type.Union([Type.Literal('sale'), Type.Literal('return'), Type.Literal('exchange')]),
    channel: Type.Union([Type.Literal('store'), Type.Literal('web')]),
    fulfillment: Type.Union([Type.Literal('take-now'), Type.Literal('pickup'), Type.Literal('ship')]),
    createdAt: IsoDateTime,
    /** The store's business day (its time zone), which the close and Z report group by. */
    businessDate: Type.Optional(IsoDate),
    shiftId: Type.Optional(FactId),
    cashierId: Type.Optional(UserId),
    /** The web shop's own order number, for web orders. */
    externalRef: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    currency: CurrencyCode,
    pricesIncludeTax: Type.Boolean(),
    lines: Type.Array(OrderLineDocSchema, { maxItems: 2000 }),
    returnLines: Type.Array(ReturnLineDocSchema, { maxItems: 2000 }),
    taxes: Type.Array(TaxLineDocSchema, { maxItems: 20 }),
    totals: OrderTotalsDocSchema,
    tenders: Type.Array(TenderDocSchema, { maxItems: 50 }),
    customer: Type.Optional(
      Type.Object(
        { customerId: AnyId, loyaltyAccountId: Type.Optional(Code) },
        { additionalProperties: false },
      ),
    ),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
/** Order document (store database, append-only). */
export type OrderDoc = Static<typeof OrderDocSchema>;
