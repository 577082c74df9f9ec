import Type from 'typebox';
import type { Static } from 'typebox';

// Outgoing webhooks: subscriptions, the events they receive and the delivery log. Payloads are signed
// per the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64
// HMAC-SHA256 of "<id>.<timestamp>.<body>">`), so receivers can verify with any of its libraries.

/** Events a subscription can ask for. */
export const WEBHOOK_EVENT_TYPES = [
  'order.created',
  'fulfillment.created',
  'fulfillment.updated',
  'stock.changed',
] as const;
/** A webhook event type. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** JSON Schema of one event type. */
export const WebhookEventTypeSchema = Type.Union([
  Type.Literal('order.created'),
  Type.Literal('fulfillment.created'),
  Type.Literal('fulfillment.updated'),
  Type.Literal('stock.changed'),
]);

/** Narrows a string to a WebhookEventType. */
export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** Request body of `POST /_api/webhooks`. */
export const WebhookCreateRequestSchema = Type.Object(
  {
    url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
    events: Type.Array(WebhookEventTypeSchema, { minItems: 1, uniqueItems: true }),
    /** `whsec_<base64 of 24–64 bytes>`; generated when absent and shown once. */
    secret: Type.Optional(Type.String({ pattern: '^whsec_[A-Za-z0-9+/]{32,88}={0,2}$' })),
    description: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
/** What a client sends to subscribe. */
export type WebhookCreateRequest = Static<typeof WebhookCreateRequestSchema>;

/** A subscription as listed (never its secret). */
export const WebhookSubscriptionSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    events: Type.Array(WebhookEventTypeSchema),
    description: Type.Optional(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
  },
  { additionalProperties: false },
);
/** A stored subscription. */
export type WebhookSubscription = Static<typeof WebhookSubscriptionSchema>;

/** Answer of `POST /_api/webhooks`: the only time the signing secret is shown. */
export const WebhookCreatedSchema = Type.Object(
  { ...WebhookSubscriptionSchema.properties, secret: Type.String() },
  { additionalProperties: false },
);
/** A new subscription with its secret. */
export type WebhookCreated = Static<typeof WebhookCreatedSchema>;

/** The JSON body of every delivery. */
export const WebhookEventSchema = Type.Object(
  {
    /** Event id; the same in the `webhook-id` header and in every retry, so receivers can deduplicate. */
    id: Type.String(),
    type: WebhookEventTypeSchema,
    createdAt: Type.String({ format: 'date-time' }),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
/** A webhook event body. */
export type WebhookEvent = Static<typeof WebhookEventSchema>;

/** Where a delivery stands. */
export const DeliveryStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('delivered'),
  Type.Literal('failed'),
]);

/** One delivery of one event to one subscription, with its attempts. */
export const WebhookDeliverySchema = Type.Object(
  {
    id: Type.String(),
    subscriptionId: Type.String(),
    eventId: Type.String(),
    eventType: WebhookEventTypeSchema,
    status: DeliveryStatusSchema,
    attempts: Type.Integer({ minimum: 0 }),
    createdAt: Type.String({ format: 'date-time' }),
    nextAttemptAt: Type.Optional(Type.String({ format: 'date-time' })),
    deliveredAt: Type.Optional(Type.String({ format: 'date-time' })),
    lastStatusCode: Type.Optional(Type.Integer()),
    lastError: Type.Optional(Type.String()),
    log: Type.Array(
      Type.Object(
        {
          attempt: Type.Integer({ minimum: 1 }),
          at: Type.String({ format: 'date-time' }),
          statusCode: Type.Optional(Type.Integer()),
          error: Type.Optional(Type.String()),
          durationMs: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
/** A delivery in the log. */
export type WebhookDelivery = Static<typeof WebhookDeliverySchema>;

/** Query of `GET /_api/webhooks/{id}/deliveries`. */
export const DeliveryQuerySchema = Type.Object(
  {
    status: Type.Optional(DeliveryStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    /** Only deliveries older than this delivery id (paging back in time). */
    before: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
/** The delivery log query. */
export type DeliveryQuery = Static<typeof DeliveryQuerySchema>;
