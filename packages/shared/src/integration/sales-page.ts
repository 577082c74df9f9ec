import Type from 'typebox';
import type { Static } from 'typebox';
import { OrderDocSchema } from '../schemas';

// `GET /_api/sales`: every store's orders (sales, returns, exchanges, web orders) in the order the server
// received them, paged by an opaque cursor so an ERP can poll "what is new since last time" and never
// miss or repeat an order.

/** Query of `GET /_api/sales`. */
export const SalesQuerySchema = Type.Object(
  {
    since: Type.Optional(Type.String({ maxLength: 4000, description: 'The `next` of the previous page.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    storeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    kind: Type.Optional(Type.Union([Type.Literal('sale'), Type.Literal('return'), Type.Literal('exchange')])),
  },
  { additionalProperties: false },
);
/** The sales query. */
export type SalesQuery = Static<typeof SalesQuerySchema>;

/** Answer of `GET /_api/sales`. */
export const SalesPageSchema = Type.Object(
  {
    orders: Type.Array(OrderDocSchema),
    /** Cursor to pass as `since` next time (also when this page is empty). */
    next: Type.String(),
    /** True when more orders are waiting right now. */
    more: Type.Boolean(),
  },
  { additionalProperties: false },
);
/** A page of orders. */
export type SalesPage = Static<typeof SalesPageSchema>;
