import Type from 'typebox';
import type { Static } from 'typebox';
import { baseFields, Code, CurrencyCode, FactId, IsoDateTime, RefSchema, UserId } from './fragments';

/** Which balance a ledger entry moves. */
export const LedgerKindSchema = Type.Union([
  Type.Literal('loyalty'),
  Type.Literal('gift-card'),
  Type.Literal('store-credit'),
]);
/** Loyalty points, gift-card money or store-credit money. */
export type LedgerKind = Static<typeof LedgerKindSchema>;

/** What a ledger entry records. */
export const LedgerEntryKindSchema = Type.Union([
  Type.Literal('issue'),
  Type.Literal('activate'),
  Type.Literal('top-up'),
  Type.Literal('redeem'),
  Type.Literal('refund'),
  Type.Literal('earn'),
  Type.Literal('expire'),
  Type.Literal('adjust'),
  Type.Literal('cancel'),
]);
/** The kind of a ledger entry. */
export type LedgerEntryKind = Static<typeof LedgerEntryKindSchema>;

/**
 * One movement of a loyalty, gift-card or store-credit balance. Balance = sum of deltas; points for
 * loyalty, minor units of `currency` for the money ledgers. Entries are never edited or dropped.
 */
export const LedgerEntryDocSchema = Type.Object(
  {
    ...baseFields('ledger-entry'),
    id: FactId,
    storeId: Code,
    terminalId: Type.Optional(Code),
    ledger: LedgerKindSchema,
    accountId: Code,
    entryKind: LedgerEntryKindSchema,
    delta: Type.Integer({ minimum: -1_000_000_000_000, maximum: 1_000_000_000_000 }),
    currency: Type.Optional(CurrencyCode),
    ref: Type.Optional(RefSchema),
    /** Recorded while the terminal could not see the server; reconciliation looks at these. */
    offline: Type.Boolean(),
    /** For earned points: when they lapse. */
    expiresAt: Type.Optional(IsoDateTime),
    userId: Type.Optional(UserId),
    createdAt: IsoDateTime,
  },
  { additionalProperties: false },
);
/** Ledger-entry document (store database, append-only). */
export type LedgerEntryDoc = Static<typeof LedgerEntryDocSchema>;

/** A reference from a fact to another (order, transfer, count), as stored. */
export type RefDoc = Static<typeof RefSchema>;
