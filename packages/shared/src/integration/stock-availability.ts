import Type from 'typebox';
import type { Static } from 'typebox';

// `GET /_api/stock`: what can be promised per sku and location, from the server's stock-levels roll-up,
// with how old each level is so a shop can decide how far to trust it.

/** Query of `GET /_api/stock` (repeat `sku` for several). */
export const StockQuerySchema = Type.Object(
  {
    sku: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 200 })),
    locationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    storeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    cursor: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
);
/** The stock query. */
export type StockQuery = Static<typeof StockQuerySchema>;

/** Availability of one sku at one location. */
export const StockAvailabilitySchema = Type.Object(
  {
    sku: Type.String(),
    locationId: Type.String(),
    storeId: Type.Optional(Type.String()),
    onHand: Type.Integer(),
    reserved: Type.Integer(),
    /** max(0, onHand − reserved − safetyStock): what can be sold or promised now. */
    available: Type.Integer({ minimum: 0 }),
    updatedAt: Type.String({ format: 'date-time' }),
    /** Milliseconds between the level's last update and this answer. */
    ageMs: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
/** One sku at one location. */
export type StockAvailability = Static<typeof StockAvailabilitySchema>;

/** Answer of `GET /_api/stock`. */
export const StockPageSchema = Type.Object(
  {
    asOf: Type.String({ format: 'date-time' }),
    levels: Type.Array(StockAvailabilitySchema),
    /** Pass as `cursor` for the next page; absent on the last page. */
    next: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
/** A page of stock availability. */
export type StockPage = Static<typeof StockPageSchema>;
