import Type from 'typebox';
import type { Static } from 'typebox';
import { OrderLineDocSchema, TaxLineDocSchema, TenderDocSchema } from '../schemas';
import { AnyId, Code, CurrencyCode, discriminated, IsoDateTime, MoneySchema } from '../schemas/fragments';

// What a web shop sends to `POST /_api/web-orders`: the order as the shop priced and charged it (lines,
// taxes, tenders, in integer minor units) plus how the customer gets it. The server gives it its id,
// routes it and writes the order document; the shop's own number is `externalRef`.

/** Pick up at one store: the goods are reserved in that store. */
export const PickupRequestSchema = Type.Object(
  {
    method: Type.Literal('pickup'),
    storeId: Code,
    /** Code the customer shows at the counter; generated when absent. */
    pickupCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{4,12}$' })),
  },
  { additionalProperties: false },
);

/** Ship to the customer from stores or warehouses, nearest first by the shop's ranking. */
export const ShipRequestSchema = Type.Object(
  {
    method: Type.Literal('ship'),
    /**
     * Locations allowed to ship, with their distance or rank from the customer (lower is nearer). When
     * absent, every location of every store in the catalog may ship, all at rank 0.
     */
    locations: Type.Optional(
      Type.Array(
        Type.Object({ locationId: Code, rank: Type.Number({ minimum: 0 }) }, { additionalProperties: false }),
        { minItems: 1, maxItems: 500 },
      ),
    ),
    /**
     * The delivery address, as it goes on the parcel (each shipping store's fulfillment carries it).
     * A note starting "Ship to: " is still read when this is absent (the till writes it that way).
     */
    shipTo: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' })),
  },
  { additionalProperties: false },
);

/** How the web order is fulfilled, by `method`. */
export const FulfillmentRequestSchema = discriminated('method', [PickupRequestSchema, ShipRequestSchema]);

/** A web order as the shop sends it. */
export const WebOrderRequestSchema = Type.Object(
  {
    /** The shop's own order number; also what the customer quotes. */
    externalRef: Type.String({ minLength: 1, maxLength: 64 }),
    placedAt: IsoDateTime,
    currency: CurrencyCode,
    pricesIncludeTax: Type.Boolean(),
    fulfillment: FulfillmentRequestSchema,
    /** What to do when stock cannot cover every unit: backorder the rest (default) or refuse the order (409). */
    onShortage: Type.Optional(Type.Union([Type.Literal('backorder'), Type.Literal('reject')])),
    lines: Type.Array(OrderLineDocSchema, { minItems: 1, maxItems: 500 }),
    taxes: Type.Array(TaxLineDocSchema, { maxItems: 20 }),
    totals: Type.Object(
      { subtotal: MoneySchema, discountTotal: MoneySchema, taxTotal: MoneySchema, total: MoneySchema },
      { additionalProperties: false },
    ),
    /** Payments the shop captured (card token, voucher); they must add up to the total. */
    tenders: Type.Array(TenderDocSchema, { minItems: 1, maxItems: 20 }),
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
/** A web order as the shop sends it. */
export type WebOrderRequest = Static<typeof WebOrderRequestSchema>;

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (lineId: string, sku: string, name: string, quantity: number, unitPrice: number) => {
  const gross = quantity * unitPrice;
  const tax = Math.round((gross * 55) / 1055);
  return {
    lineId,
    sku,
    name,
    unit: 'each' as const,
    quantity,
    unitPrice: eur(unitPrice),
    grossAmount: eur(gross),
    discounts: [],
    taxes: [{ rateId: 'FR-R', percent: '5.5', taxable: eur(gross - tax), tax: eur(tax) }],
    total: eur(gross),
  };
};

/** A valid pickup order (2 coffees, 1 tea at store s001), for docs and tests. */
export const exampleWebOrderRequest: WebOrderRequest = {
  externalRef: 'WEB-10042',
  placedAt: '2026-11-23T14:00:00.000Z',
  currency: 'EUR',
  pricesIncludeTax: true,
  fulfillment: { method: 'pickup', storeId: 's001' },
  lines: [line('1', 'COF-250', 'Coffee 250 g', 2, 500), line('2', 'TEA-100', 'Green tea 100 g', 1, 450)],
  taxes: [{ rateId: 'FR-R', percent: '5.5', taxable: eur(1375), tax: eur(75) }],
  totals: { subtotal: eur(1450), discountTotal: eur(0), taxTotal: eur(75), total: eur(1450) },
  tenders: [
    {
      tenderId: 'web-1',
      type: 'card',
      amount: eur(1450),
      token: 'psp_tok_19af',
      maskedPan: '************4242',
      brand: 'VISA',
      authCode: 'WEB123',
    },
  ],
  customer: { customerId: 'customer:c-77' },
};

/** Body of `POST /_api/web-orders/{orderId}/cancel`. */
export const WebOrderCancelRequestSchema = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
/** Why a web order is cancelled. */
export type WebOrderCancelRequest = Static<typeof WebOrderCancelRequestSchema>;
