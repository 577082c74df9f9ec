import Type from 'typebox';
import type { Static } from 'typebox';
import { FulfillmentStateSchema, FulfillmentStepDocSchema } from '../schemas';

// What `GET /_api/web-orders/{orderId}` answers: where each part of the order is and in which state,
// merged by the fulfillment state machine from the store databases (terminals' changes included).

const PlanLineSchema = Type.Object(
  { lineId: Type.String(), sku: Type.String(), quantity: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

/** One store's part of a web order: its fulfillment document, merged. */
export const WebOrderShipmentSchema = Type.Object(
  {
    storeId: Type.String(),
    fulfillmentId: Type.String(),
    /** Locations in this store that hold the reserved goods, with what each holds. */
    allocations: Type.Array(
      Type.Object(
        {
          locationId: Type.String(),
          stale: Type.Boolean({ description: 'Allocated from a stock level older than the stale limit.' }),
          lines: Type.Array(PlanLineSchema),
        },
        { additionalProperties: false },
      ),
    ),
    state: FulfillmentStateSchema,
    history: Type.Array(FulfillmentStepDocSchema),
    pickupCode: Type.Optional(Type.String()),
    holdUntil: Type.Optional(Type.String()),
    trackingNumber: Type.Optional(Type.String()),
    updatedAt: Type.String({ format: 'date-time' }),
    /** Revisions of the fulfillment in conflict that were merged for this answer. */
    mergedRevisions: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
/** One store's part of a web order. */
export type WebOrderShipment = Static<typeof WebOrderShipmentSchema>;

/** A web order's routing and current state. */
export const WebOrderStatusSchema = Type.Object(
  {
    orderId: Type.String(),
    externalRef: Type.String(),
    method: Type.Union([Type.Literal('pickup'), Type.Literal('ship')]),
    /** The store the order document belongs to (the pickup store, or the first shipping store). */
    storeId: Type.String(),
    receivedAt: Type.String({ format: 'date-time' }),
    /** The least advanced state among the shipments: the order is only as far as its slowest part. */
    state: FulfillmentStateSchema,
    shipments: Type.Array(WebOrderShipmentSchema),
    /** Units no location could fill when the order arrived. */
    backorders: Type.Array(PlanLineSchema),
    /** `<sku>@<locationId>` levels that were older than the stale limit when routing. */
    staleLevels: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
/** A web order's routing and state as the API reports it. */
export type WebOrderStatus = Static<typeof WebOrderStatusSchema>;
