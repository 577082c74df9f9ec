import Type from 'typebox';
import {
  CurrencySchema,
  DeviceIdSchema,
  DeviceKindSchema,
  DeviceStateSchema,
  EpochMsSchema,
  IdSchema,
  MinorUnitsSchema,
} from './primitives';

/** A device as the host's registry lists it. */
export const DeviceInfoSchema = Type.Object(
  {
    id: DeviceIdSchema,
    kind: DeviceKindSchema,
    name: Type.String(),
    state: DeviceStateSchema,
    /** Why the device is offline or in error, in words a cashier can act on ("paper out"). */
    detail: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** One block of a receipt; the printer driver turns blocks into its own command language. */
export const ReceiptBlockSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('text'),
      text: Type.String({ maxLength: 2000 }),
      align: Type.Optional(Type.Union([Type.Literal('left'), Type.Literal('center'), Type.Literal('right')])),
      bold: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('barcode'), symbology: Type.String(), data: Type.String({ maxLength: 200 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('qr'), data: Type.String({ maxLength: 2000 }) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('cut') }, { additionalProperties: false }),
]);

/** A print job: the id makes a resend after a reconnect a no-op instead of a second receipt. */
export const PrintJobSchema = Type.Object(
  {
    jobId: IdSchema,
    deviceId: Type.Optional(DeviceIdSchema),
    blocks: Type.Array(ReceiptBlockSchema, { minItems: 1, maxItems: 5000 }),
  },
  { additionalProperties: false },
);

/** Where a print job is. */
export const PrintJobStatusSchema = Type.Object(
  {
    jobId: IdSchema,
    state: Type.Union([Type.Literal('queued'), Type.Literal('printed'), Type.Literal('failed')]),
    detail: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** A card payment request; card data never reaches the POS, only the amount goes out. */
export const PaymentStartSchema = Type.Object(
  {
    transactionId: IdSchema,
    deviceId: Type.Optional(DeviceIdSchema),
    amount: MinorUnitsSchema,
    currency: CurrencySchema,
  },
  { additionalProperties: false },
);

/** The state of a payment; `unknown` means ask again with payment.status, never charge twice. */
export const PaymentStatusSchema = Type.Object(
  {
    transactionId: IdSchema,
    state: Type.Union([
      Type.Literal('pending'),
      Type.Literal('approved'),
      Type.Literal('declined'),
      Type.Literal('aborted'),
      Type.Literal('unknown'),
    ]),
    approval: Type.Optional(
      Type.Object(
        {
          authCode: Type.String(),
          maskedPan: Type.String({ pattern: '^[0-9*]{4,19}$' }),
          token: Type.String(),
          /** The card scheme as the terminal names it ("visa"); the order's card tender records it. */
          brand: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
        },
        { additionalProperties: false },
      ),
    ),
    detail: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/**
 * A card approval found unfinished at start (the sale that asked for it was never journaled) and what the
 * host did about it: `reversed` through the payment terminal, `not-charged` (the terminal holds no
 * approval for it), or `reversal-failed` (a manager must reverse it by hand; `detail` says why).
 */
export const PaymentRecoverySchema = Type.Object(
  {
    transactionId: IdSchema,
    amount: MinorUnitsSchema,
    currency: CurrencySchema,
    approvedAt: EpochMsSchema,
    outcome: Type.Union([
      Type.Literal('reversed'),
      Type.Literal('not-charged'),
      Type.Literal('reversal-failed'),
    ]),
    resolvedAt: EpochMsSchema,
    authCode: Type.Optional(Type.String()),
    maskedPan: Type.Optional(Type.String({ pattern: '^[0-9*]{4,19}$' })),
    detail: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** A reading from a scale; `stable` false means the platter is still moving. */
export const ScaleReadingSchema = Type.Object(
  {
    grams: Type.Integer({ minimum: 0 }),
    stable: Type.Boolean(),
  },
  { additionalProperties: false },
);
