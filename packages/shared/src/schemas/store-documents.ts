import Type from 'typebox';
import type { Static } from 'typebox';
import {
  AnyId,
  baseFields,
  Code,
  FactId,
  IsoDateTime,
  LooseObject,
  RefSchema,
  Text,
  UserId,
} from './fragments';

/** Channels a customer can be reached by. */
export const ContactChannelSchema = Type.Union([
  Type.Literal('email'),
  Type.Literal('sms'),
  Type.Literal('phone'),
  Type.Literal('post'),
]);
/** Contact channel. */
export type ContactChannel = Static<typeof ContactChannelSchema>;

/**
 * A customer's preferences (customer v2): how they want to be contacted (or `none`), and marketing
 * consent per channel (true given, false refused, absent not asked). `marketingConsent` stays the
 * overall flag of v1.
 */
export const CustomerPreferencesSchema = Type.Object(
  {
    contactChannel: Type.Optional(Type.Union([ContactChannelSchema, Type.Literal('none')])),
    marketingByChannel: Type.Optional(
      Type.Object(
        {
          email: Type.Optional(Type.Boolean()),
          sms: Type.Optional(Type.Boolean()),
          phone: Type.Optional(Type.Boolean()),
          post: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    /** Language for receipts and messages, a BCP 47 tag (`fr`, `en-GB`). */
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 })),
  },
  { additionalProperties: false },
);
/** Customer preferences. */
export type CustomerPreferences = Static<typeof CustomerPreferencesSchema>;

/** A customer as known to the store that created or last touched them. */
export const CustomerDocSchema = Type.Object(
  {
    ...baseFields('customer'),
    storeId: Code,
    givenName: Type.Optional(Text(80)),
    familyName: Type.Optional(Text(80)),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()-]{4,24}$' })),
    customerGroupIds: Type.Optional(Type.Array(Code, { maxItems: 20 })),
    loyaltyAccountId: Type.Optional(Code),
    marketingConsent: Type.Optional(Type.Boolean()),
    /** v2: contact channel, marketing consent per channel, language. */
    preferences: Type.Optional(CustomerPreferencesSchema),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Customer document (store database, mutable). */
export type CustomerDoc = Static<typeof CustomerDocSchema>;

/** Things an auditor asks about: overrides, voids, drawer opens without a sale, logins, offline periods. */
export const AuditKindSchema = Type.Union([
  Type.Literal('login'),
  Type.Literal('logout'),
  Type.Literal('login-failed'),
  Type.Literal('price-override'),
  Type.Literal('discount-override'),
  Type.Literal('line-void'),
  Type.Literal('sale-void'),
  Type.Literal('no-sale'),
  Type.Literal('return-without-receipt'),
  Type.Literal('drawer-open'),
  Type.Literal('offline-start'),
  Type.Literal('offline-end'),
  Type.Literal('close-approved'),
  Type.Literal('journal-replay'),
  Type.Literal('update-installed'),
  /** v2: a web order handed over without its code, on an identity check; listed for the manager. */
  Type.Literal('pickup-handover'),
]);
/** Audit event kind. */
export type AuditKind = Static<typeof AuditKindSchema>;

/** Identity documents a cashier may check at a pickup hand-over: the type only, never its number. */
export const IDENTITY_DOCUMENT_TYPES = [
  'passport',
  'national-id-card',
  'driving-licence',
  'residence-permit',
] as const;
/** The same as a schema. */
export const IdentityDocumentTypeSchema = Type.Union([
  Type.Literal('passport'),
  Type.Literal('national-id-card'),
  Type.Literal('driving-licence'),
  Type.Literal('residence-permit'),
]);
/** Identity document type. */
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

/**
 * `details` of a `pickup-handover` audit event: what was checked (the order code, or the type of the
 * identity document seen), the customer account it matched and why the code was not used. No other
 * field is allowed, so a document number cannot be stored by mistake.
 */
export const PickupHandoverDetailsSchema = Type.Object(
  {
    fulfillmentId: Type.String({ minLength: 1, maxLength: 200 }),
    checked: Type.Union([Type.Literal('order-code'), IdentityDocumentTypeSchema]),
    customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    reason: Type.Optional(Text(500)),
    managerReview: Type.Boolean(),
  },
  { additionalProperties: false },
);
/** Pickup hand-over audit details. */
export type PickupHandoverDetails = Static<typeof PickupHandoverDetailsSchema>;

/**
 * One auditable event; `details` is free-form context (old/new price, reason), except for
 * `pickup-handover` (v2), whose details follow PickupHandoverDetailsSchema (checked in document-rules).
 */
export const AuditEventDocSchema = Type.Object(
  {
    ...baseFields('audit-event'),
    id: FactId,
    storeId: Code,
    terminalId: Type.Optional(Code),
    kind: AuditKindSchema,
    userId: Type.Optional(UserId),
    approvedBy: Type.Optional(UserId),
    ref: Type.Optional(RefSchema),
    details: Type.Optional(LooseObject),
    createdAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Audit-event document (store database, append-only). */
export type AuditEventDoc = Static<typeof AuditEventDocSchema>;

/** An enrolled terminal: id `terminal:<terminalId>`; reports its app version to HQ. */
export const TerminalDocSchema = Type.Object(
  {
    ...baseFields('terminal'),
    terminalId: Code,
    storeId: Code,
    name: Text(80),
    status: Type.Union([Type.Literal('enrolled'), Type.Literal('active'), Type.Literal('retired')]),
    appVersion: Type.Optional(Type.String({ pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?$' })),
    cohort: Type.Optional(Code),
    lastSeenAt: Type.Optional(IsoDateTime),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Terminal document (store database, mutable). */
export type TerminalDoc = Static<typeof TerminalDocSchema>;

/** States of a web order's fulfillment, in the order that resolves conflicts (see orders/fulfillment). */
export const FulfillmentStateSchema = Type.Union([
  Type.Literal('new'),
  Type.Literal('picking'),
  Type.Literal('ready'),
  Type.Literal('shipped'),
  Type.Literal('collected'),
  Type.Literal('expired'),
  Type.Literal('cancelled'),
]);
/** A fulfillment state. */
export type FulfillmentState = Static<typeof FulfillmentStateSchema>;

/** One step of a fulfillment's history. */
export const FulfillmentStepDocSchema = Type.Object(
  { state: FulfillmentStateSchema, at: IsoDateTime, by: Type.Optional(Code) },
  { additionalProperties: false },
);
/** A fulfillment history step as stored. */
export type FulfillmentStepDoc = Static<typeof FulfillmentStepDocSchema>;

/**
 * Fulfillment of a web order (pickup or ship-from-store): the one mutable fact, id
 * `fulfillment:<orderId>`; concurrent edits merge by the state order, never last-write-wins.
 */
export const FulfillmentDocSchema = Type.Object(
  {
    ...baseFields('fulfillment'),
    storeId: Code,
    orderId: FactId,
    externalRef: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    method: Type.Union([Type.Literal('pickup'), Type.Literal('ship')]),
    state: FulfillmentStateSchema,
    history: Type.Array(FulfillmentStepDocSchema, { maxItems: 100 }),
    pickupCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{4,12}$' })),
    trackingNumber: Type.Optional(Type.String({ maxLength: 64 })),
    /**
     * v2: where a ship order goes (the delivery address), written by the server's routing so the
     * shipping store's till holds it offline too.
     */
    shipTo: Type.Optional(Text(500)),
    holdUntil: Type.Optional(IsoDateTime),
    pickedBy: Type.Optional(UserId),
    /** The order written at the counter when the customer collected. */
    collectedOrderId: Type.Optional(AnyId),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Fulfillment document (store database, mutable by state machine). */
export type FulfillmentDoc = Static<typeof FulfillmentDocSchema>;
