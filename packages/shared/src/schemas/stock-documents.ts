import Type from 'typebox';
import type { Static } from 'typebox';
import { baseFields, Code, FactId, IsoDateTime, RefSchema, UnitSchema } from './fragments';

/** Why stock moved. Each reason has a fixed sign and a fixed bucket (on hand or reserved). */
export const MovementReasonSchema = Type.Union([
  Type.Literal('sale'),
  Type.Literal('return'),
  Type.Literal('receive'),
  Type.Literal('transfer-out'),
  Type.Literal('transfer-in'),
  Type.Literal('adjust'),
  Type.Literal('reserve'),
  Type.Literal('release'),
  Type.Literal('write-off'),
]);
/** A stock movement reason. */
export type MovementReason = Static<typeof MovementReasonSchema>;

/**
 * One stock fact: `delta` base units (items, or grams for weighed skus) of a sku at a location.
 * Levels are sums of these; nothing ever overwrites a level.
 */
export const MovementDocSchema = Type.Object(
  {
    ...baseFields('movement'),
    id: FactId,
    storeId: Code,
    terminalId: Type.Optional(Code),
    sku: Code,
    locationId: Code,
    unit: Type.Optional(UnitSchema),
    delta: Type.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000, not: { const: 0 } }),
    reason: MovementReasonSchema,
    ref: Type.Optional(RefSchema),
    note: Type.Optional(Type.String({ maxLength: 400 })),
    userId: Type.Optional(Code),
    createdAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Movement document (store database, append-only). */
export type MovementDoc = Static<typeof MovementDocSchema>;

/**
 * Stock level of a sku at a location, derived by the server from every movement; `id` is
 * `stock-level:<sku>:<locationId>`. A cache of the ledger, never written by terminals.
 */
export const StockLevelDocSchema = Type.Object(
  {
    ...baseFields('stock-level'),
    storeId: Type.Optional(Code),
    sku: Code,
    locationId: Code,
    onHand: Type.Integer(),
    reserved: Type.Integer(),
    safetyStock: Type.Optional(Type.Integer({ minimum: 0 })),
    /** How many distinct movements are summed in; lets a reader see that the roll-up advanced. */
    movementCount: Type.Integer({ minimum: 0 }),
    lastMovementId: Type.Optional(FactId),
    updatedAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Stock-level document (stock-levels database, derived, mutable by the server only). */
export type StockLevelDoc = Static<typeof StockLevelDocSchema>;
