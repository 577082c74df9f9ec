import Type from 'typebox';
import type { Static, TSchema, TUnion } from 'typebox';
import {
  ANY_ID_PATTERN,
  DOCUMENT_ID_PATTERN,
  ID_PART_PATTERN,
  MAX_DOCUMENT_ID_LENGTH,
  MAX_ID_LENGTH,
} from '../ids';

// Reusable JSON Schema pieces. Every document schema is built from these so that an amount, an id
// or a timestamp means the same thing in every document type.

/** Any document id (natural `<type>:<key>` or `<origin>-<ULID>`). */
export const AnyId = Type.String({ pattern: ANY_ID_PATTERN, maxLength: MAX_ID_LENGTH });
/** Id of a fact generated where it happened: `<terminalId>-<ULID>`. */
export const FactId = Type.String({ pattern: DOCUMENT_ID_PATTERN, maxLength: MAX_DOCUMENT_ID_LENGTH });
/** A short code: sku, store id, location id, terminal id, tax code. Safe inside natural ids. */
export const Code = Type.String({ pattern: ID_PART_PATTERN, minLength: 1, maxLength: 64 });
/** ISO 8601 date-time with offset, e.g. `2026-11-23T14:00:00.000Z`. */
export const IsoDateTime = Type.String({ format: 'date-time', maxLength: 40 });
/** ISO 8601 calendar date (a store's business date), e.g. `2026-11-23`. */
export const IsoDate = Type.String({ format: 'date', maxLength: 10 });
/** ISO 4217 alphabetic currency code. */
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$' });
/** A decimal written as a string so it never passes through a float, e.g. a tax rate `0.2`. */
export const DecimalString = Type.String({
  pattern: '^-?(0|[1-9][0-9]{0,11})(\\.[0-9]{1,8})?$',
  maxLength: 24,
});
/** A decimal percent string as tax tables and flyers write it: `19`, `8.875` (money/ Percent). */
export const PercentString = Type.String({ pattern: '^[0-9]{1,9}(\\.[0-9]{1,6})?$', maxLength: 16 });
/** Human-readable text with a sane bound. */
export const Text = (maxLength = 200) => Type.String({ minLength: 1, maxLength });
/** A person acting at a terminal (cashier, manager): their user id. */
export const UserId = Code;

/** Money as stored in documents: integer minor units plus currency (see money/). */
export const MoneySchema = Type.Object(
  { amount: Type.Integer(), currency: CurrencyCode },
  { additionalProperties: false },
);
/** Money that can never be negative in this position (a price, a tendered amount). */
export const NonNegativeMoneySchema = Type.Object(
  { amount: Type.Integer({ minimum: 0 }), currency: CurrencyCode },
  { additionalProperties: false },
);
/** A reference from one fact to another (the order a movement belongs to, the transfer, the count). */
export const RefSchema = Type.Object(
  {
    kind: Type.String({ pattern: '^[a-z][a-z-]{0,31}$' }),
    id: AnyId,
    lineId: Type.Optional(Code),
  },
  { additionalProperties: false },
);
/** Unit of sale: counted items or weight sold per kilogram (quantities then in grams). */
export const UnitSchema = Type.Union([Type.Literal('each'), Type.Literal('kg')]);

/** Free-form object for data whose shape is owned elsewhere (promotion rules, audit details). */
export const LooseObject = Type.Record(Type.String(), Type.Unknown());

/** The fields every document carries; `type` is the discriminator of the collection unions. */
export function baseFields<const T extends string>(type: T) {
  return {
    id: AnyId,
    type: Type.Literal(type),
    schemaVersion: Type.Integer({ minimum: 1, maximum: 1000 }),
  };
}

/**
 * A JSON-Schema `oneOf` with ajv's `discriminator`, so a wrong variant reports the fields of the
 * variant its tag names instead of every variant's complaints.
 */
export function discriminated<const V extends TSchema[]>(propertyName: string, variants: [...V]) {
  return Type.Unsafe<Static<TUnion<V>>>({
    type: 'object',
    discriminator: { propertyName },
    required: [propertyName],
    oneOf: variants,
  });
}
