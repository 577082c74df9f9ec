import Type from 'typebox';

// Building blocks shared by several methods. Every object is closed (`additionalProperties: false`)
// so a renderer that sends a field the host does not know is told so instead of being ignored.

/** An id the caller generates where the fact happens (`<terminalId>-<ulid>`), so a retry is idempotent. */
export const IdSchema = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9][A-Za-z0-9:._-]*$',
});

/** A device id as the host's device registry names it (e.g. `printer-1`). */
export const DeviceIdSchema = Type.String({ minLength: 1, maxLength: 100 });

/** Integer minor units (123.45 is 12345); never a float. */
export const MinorUnitsSchema = Type.Integer({ minimum: -1_000_000_000_000, maximum: 1_000_000_000_000 });

/** ISO 4217 currency code. */
export const CurrencySchema = Type.String({ pattern: '^[A-Z]{3}$' });

/** Milliseconds since the Unix epoch, as the host's clock read it. */
export const EpochMsSchema = Type.Integer({ minimum: 0 });

/** A request or response that carries nothing. */
export const EmptySchema = Type.Object({}, { additionalProperties: false });

/** Any JSON object (a replicated document travels through the journal as-is; its own schema validates it). */
export const JsonObjectSchema = Type.Record(Type.String(), Type.Unknown());

/** The life-cycle state of a device in the UnifiedPOS sense, plus the fault states the UI shows. */
export const DeviceStateSchema = Type.Union([
  Type.Literal('closed'),
  Type.Literal('idle'),
  Type.Literal('busy'),
  Type.Literal('offline'),
  Type.Literal('error'),
]);

/** The kinds of device the contract knows; one logical device per function. */
export const DeviceKindSchema = Type.Union([
  Type.Literal('scanner'),
  Type.Literal('printer'),
  Type.Literal('drawer'),
  Type.Literal('payment'),
  Type.Literal('display'),
  Type.Literal('scale'),
]);
