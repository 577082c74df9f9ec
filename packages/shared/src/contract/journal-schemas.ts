import Type from 'typebox';
import { EpochMsSchema, IdSchema, JsonObjectSchema } from './primitives';

/** What a journal line records: a completed sale's documents, as the cashier saw them complete. */
export const JournalEntryInputSchema = Type.Object(
  {
    /** The id of the fact (the order id); appending the same id twice stores it once. */
    id: IdSchema,
    kind: Type.Union([Type.Literal('sale')]),
    /** The RxDB collection (one per server database) the documents belong to. */
    collection: Type.String({ minLength: 1, maxLength: 64 }),
    /** The documents to put back into the database on replay (the order and its stock movements). */
    documents: Type.Array(JsonObjectSchema, { minItems: 1, maxItems: 1000 }),
  },
  { additionalProperties: false },
);

/** A stored journal entry: the input plus its position in the file and when it was fsynced. */
export const JournalEntrySchema = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    appendedAt: EpochMsSchema,
    entry: JournalEntryInputSchema,
  },
  { additionalProperties: false },
);

/** A line of the journal that could not be read back (a torn write at a crash), reported, never fatal. */
export const JournalDamageSchema = Type.Object(
  {
    line: Type.Integer({ minimum: 1 }),
    reason: Type.String(),
  },
  { additionalProperties: false },
);
