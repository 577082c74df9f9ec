import { DomainError } from '../errors';
import type { DocumentType } from './document-types';
import { documentTypes, isDocumentType } from './document-types';

/** A JSON document as read from a database: plain data, fields unknown until validated. */
export type JsonDocument = Readonly<Record<string, unknown>>;

/** Turns a document of version n into version n + 1; pure, never loses a field's information. */
export type Migration = (doc: JsonDocument) => JsonDocument;

/**
 * Product v1 (a single-sku item as ERPs export it: `sku`, `barcodes` and `taxCategory` at the top)
 * → v2 (every product has `variants`, each with its own sku and barcodes; `taxCategoryId` and
 * `groupIds` as catalog/ names them).
 */
export function migrateProductV1toV2(doc: JsonDocument): JsonDocument {
  const { sku, barcodes, taxCategory, groupIds, ...rest } = doc;
  return {
    ...rest,
    schemaVersion: 2,
    taxCategoryId: taxCategory,
    groupIds: Array.isArray(groupIds) ? groupIds : [],
    variants: [{ sku, barcodes: Array.isArray(barcodes) ? barcodes : [] }],
  };
}

/** Store v1 → v2: stores belong to store groups (`groups`); a v1 store belongs to none. */
export function migrateStoreV1toV2(doc: JsonDocument): JsonDocument {
  return { ...doc, schemaVersion: 2, groups: Array.isArray(doc['groups']) ? doc['groups'] : [] };
}

/**
 * Audit event v1 → v2: v2 adds the `pickup-handover` kind (with checked details); every v1 event is
 * already a valid v2 event, so only the version changes.
 */
export function migrateAuditEventV1toV2(doc: JsonDocument): JsonDocument {
  return { ...doc, schemaVersion: 2 };
}

/** Fulfillment v1 → v2: v2 may carry `shipTo`; a v1 fulfillment has none, so only the version changes. */
export function migrateFulfillmentV1toV2(doc: JsonDocument): JsonDocument {
  return { ...doc, schemaVersion: 2 };
}

/** Customer v1 → v2: v2 may carry `preferences`; a v1 customer has none (not asked), so only the version changes. */
export function migrateCustomerV1toV2(doc: JsonDocument): JsonDocument {
  return { ...doc, schemaVersion: 2 };
}

/**
 * Migrations per type, indexed by the version they start from. A type's `schemaVersion` in the
 * registry is one more than its highest key here; the test keeps the two in step.
 */
export const migrations: Readonly<Partial<Record<DocumentType, Readonly<Record<number, Migration>>>>> = {
  product: { 1: migrateProductV1toV2 },
  store: { 1: migrateStoreV1toV2 },
  'audit-event': { 1: migrateAuditEventV1toV2 },
  fulfillment: { 1: migrateFulfillmentV1toV2 },
  customer: { 1: migrateCustomerV1toV2 },
};

/**
 * Brings a document up to its type's current schema version by applying every migration in turn.
 * Unknown types and versions newer than this code fail with a typed error rather than a guess.
 */
export function migrateDocument(doc: JsonDocument): JsonDocument {
  const type = doc['type'];
  if (!isDocumentType(type)) {
    throw new DomainError(
      'migration.unknown-type',
      `Cannot migrate a document of unknown type ${JSON.stringify(type)}.`,
      {
        type,
      },
    );
  }
  const target = documentTypes[type].schemaVersion;
  let current = doc;
  let version = current['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new DomainError(
      'migration.bad-version',
      `${type} ${String(doc['id'] ?? doc['_id'])}: schemaVersion must be a positive integer, got ${JSON.stringify(version)}.`,
      { type, version },
    );
  }
  if (version > target) {
    throw new DomainError(
      'migration.newer-version',
      `${type} has schemaVersion ${version} but this code knows up to ${target}: update this terminal or server.`,
      { type, version, target },
    );
  }
  while (version < target) {
    const step = migrations[type]?.[version];
    if (step === undefined) {
      throw new DomainError(
        'migration.missing',
        `No migration for ${type} from version ${version} to ${version + 1}.`,
        {
          type,
          version,
        },
      );
    }
    current = step(current);
    version += 1;
    if (current['schemaVersion'] !== version) current = { ...current, schemaVersion: version };
  }
  return current;
}
