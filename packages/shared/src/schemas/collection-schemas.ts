import { MAX_ID_LENGTH } from '../ids';
import type { DatabaseKind, DocumentType } from './document-types';
import { documentSchemas, documentTypesIn } from './document-types';

/**
 * The JSON-Schema shape RxDB 17 accepts for a collection (a subset of RxJsonSchema, declared here so
 * packages/shared need not depend on rxdb).
 */
export interface CollectionSchema {
  readonly title: string;
  readonly description: string;
  /** RxDB schema version; bump with a migration strategy when the envelope changes. */
  readonly version: number;
  readonly primaryKey: 'id';
  readonly type: 'object';
  readonly properties: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly required: readonly string[];
  readonly indexes: readonly (readonly string[])[];
  readonly additionalProperties: true;
}

/**
 * Version of the envelopes below (1: staff fields in the store envelope; 2: top-level fields added by
 * store v2 `groups`, fulfillment v2 `shipTo`, customer v2 `preferences`). RxDB hashes the whole schema
 * and refuses (DB6) to open a stored collection whose hash differs at the same version, so any new
 * top-level field bumps this, and the terminal's migration strategies re-run migrateDocument.
 * Per-type content versions live in each document's schemaVersion.
 */
export const COLLECTION_SCHEMA_VERSION = 2;

// ISO date-times from the domain are at most 30 characters (`2026-11-23T14:00:00.000+05:30`).
const isoString = { type: 'string', maxLength: 40 } as const;
const code = { type: 'string', maxLength: 64 } as const;

function envelope(
  database: DatabaseKind,
  extra: Record<string, Record<string, unknown>>,
  required: readonly string[],
  indexes: readonly (readonly string[])[],
): CollectionSchema {
  const types: DocumentType[] = documentTypesIn(database);
  // RxDB forces `additionalProperties: false` at the top level of a collection schema, so every
  // top-level field of every type of the database is listed; `{}` accepts any value there because the
  // per-type check is validateDocument's.
  const anyValue: Record<string, Record<string, unknown>> = {};
  for (const type of types) {
    const properties = (documentSchemas[type] as { properties?: Record<string, unknown> }).properties ?? {};
    for (const field of Object.keys(properties)) anyValue[field] = {};
  }
  return {
    title: `${database} documents`,
    description: `Every document type of the ${database} database (${types.join(', ')}), discriminated by "type"; full validation is validateDocument().`,
    version: COLLECTION_SCHEMA_VERSION,
    primaryKey: 'id',
    type: 'object',
    properties: {
      ...anyValue,
      id: { type: 'string', maxLength: MAX_ID_LENGTH },
      type: { type: 'string', enum: types, maxLength: 32 },
      schemaVersion: { type: 'integer', minimum: 1, maximum: 1000, multipleOf: 1 },
      ...extra,
    },
    required: ['id', 'type', 'schemaVersion', ...required],
    indexes,
    // Declared for readers; RxDB overrides it with false, which is why every field is listed above.
    additionalProperties: true,
  };
}

/**
 * One RxDB collection per server database, each a union of document types. One collection (and one
 * live replication, one long-poll) per database keeps the terminal inside RxDB's collection limit and
 * Chromium's six connections per host. Indexed fields are required and have a maxLength.
 */
export const collectionSchemas = {
  /** Products, barcodes, prices, promotions, tax rates, stores. Lookups are by natural id. */
  catalog: envelope(
    'catalog',
    { updatedAt: isoString, storeId: code, sku: code },
    ['updatedAt'],
    [['type', 'updatedAt']],
  ),
  /** A store's facts and its few mutable documents; every document has storeId and createdAt. */
  store: envelope(
    'store',
    {
      storeId: code,
      createdAt: isoString,
      updatedAt: isoString,
      terminalId: code,
      shiftId: { type: 'string', maxLength: MAX_ID_LENGTH },
    },
    ['storeId', 'createdAt'],
    [['type', 'createdAt']],
  ),
  /** Derived stock levels of every store's locations, for "available elsewhere". */
  'stock-levels': envelope(
    'stock-levels',
    {
      sku: code,
      locationId: code,
      storeId: code,
      updatedAt: isoString,
      onHand: { type: 'integer' },
      reserved: { type: 'integer' },
    },
    ['sku', 'locationId', 'updatedAt'],
    [['sku', 'locationId']],
  ),
  /** Web orders and their fulfillment as they arrive, before routing to the store database. */
  'web-orders': envelope(
    'web-orders',
    { storeId: code, createdAt: isoString, updatedAt: isoString },
    ['storeId', 'createdAt'],
    [['type', 'createdAt']],
  ),
} as const satisfies Partial<Record<DatabaseKind, CollectionSchema>>;

/** Databases the terminal replicates into one RxDB collection each. */
export type CollectionDatabase = keyof typeof collectionSchemas;
