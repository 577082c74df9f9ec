import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DomainError, isDomainError } from '../errors';
import { checkDocumentRules } from './document-rules';
import type { DocumentType } from './document-types';
import {
  allDocumentTypes,
  documentSchemas,
  documentTypes,
  isDocumentType,
  naturalIdPrefixes,
} from './document-types';
import type { JsonDocument } from './migrations';
import { migrateDocument } from './migrations';

/** Outcome of validating one document as written to (or read from) a database. */
export type DocumentValidation =
  | {
      ok: true;
      type: DocumentType;
      appendOnly: boolean;
      storeId?: string;
      /** A `_deleted: true` tombstone: valid form-wise; whether deletion is allowed is the server's call. */
      deleted?: false;
      /** The document at its current schema version (differs from the input when it was migrated). */
      document: JsonDocument;
    }
  | {
      ok: true;
      deleted: true;
      /** Known when the tombstone carries `type` or a natural id (`product:…`); unknown for a bare fact id. */
      type?: DocumentType;
      appendOnly?: boolean;
      storeId?: string;
    }
  | { ok: false; code: string; reason: string };

/** CouchDB/RxDB bookkeeping fields that are not part of a document's content. */
const IGNORED_FIELDS = new Set([
  '_rev',
  '_revisions',
  '_deleted',
  '_conflicts',
  '_deleted_conflicts',
  '_attachments',
  '_local_seq',
  '_revs_info',
  '_meta',
]);

// Built on first use, not at import: modules that only need the collection schemas (the renderer)
// never construct ajv, whose compiled validators need `new Function` (blocked by a strict CSP).
let ajv: Ajv | undefined;
const validators = new Map<DocumentType, ValidateFunction>();

function validatorFor(type: DocumentType): ValidateFunction {
  let validate = validators.get(type);
  if (validate === undefined) {
    if (ajv === undefined) {
      ajv = new Ajv({
        allErrors: true,
        discriminator: true,
        strict: true,
        strictTypes: false,
        strictRequired: false,
      });
      addFormats(ajv, ['date-time', 'date', 'email']);
    }
    validate = ajv.compile(documentSchemas[type]);
    validators.set(type, validate);
  }
  return validate;
}

/** Compiles every schema now (server start) instead of on first use; throws if a schema is broken. */
export function precompileDocumentValidators(): void {
  for (const type of allDocumentTypes) validatorFor(type);
}

function fail(code: string, reason: string): DocumentValidation {
  return { ok: false, code, reason };
}

/** One readable sentence per ajv error: where, and what was expected. */
export function describeSchemaError(type: string, error: ErrorObject): string {
  const where = `${type} ${error.instancePath || '/'}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unexpected field "${String(params['additionalProperty'])}"`;
    case 'required':
      return `${where}: missing required field "${String(params['missingProperty'])}"`;
    case 'enum':
      return `${where}: must be one of ${JSON.stringify(params['allowedValues'])}`;
    case 'const':
      return `${where}: must be ${JSON.stringify(params['allowedValue'])}`;
    default:
      return `${where}: ${error.message ?? 'is invalid'}`;
  }
}

function stripBookkeeping(
  input: Record<string, unknown>,
): { doc: JsonDocument; error?: undefined } | { error: DocumentValidation } {
  const doc: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === '_id') continue;
    if (IGNORED_FIELDS.has(key)) continue;
    if (key.startsWith('_')) {
      return {
        error: fail(
          'document.reserved-field',
          `Field "${key}" starts with "_", which CouchDB reserves; rename it.`,
        ),
      };
    }
    doc[key] = value;
  }
  const primary = input['_id'];
  const id = input['id'];
  if (primary !== undefined && id !== undefined && primary !== id) {
    return {
      error: fail(
        'document.id-mismatch',
        `_id ${JSON.stringify(primary)} and id ${JSON.stringify(id)} differ; they must be the same key.`,
      ),
    };
  }
  const key = primary ?? id;
  if (typeof key !== 'string' || key.length === 0) {
    return {
      error: fail(
        'document.missing-id',
        'The document has no _id (or id): every document needs its primary key.',
      ),
    };
  }
  doc['id'] = key;
  return { doc };
}

function tombstone(input: Record<string, unknown>, id: string): DocumentValidation {
  const declared = input['type'];
  const prefix = id.includes(':') ? id.slice(0, id.indexOf(':')) : '';
  const type = isDocumentType(declared) ? declared : naturalIdPrefixes[prefix];
  if (declared !== undefined && !isDocumentType(declared)) {
    return fail('document.unknown-type', `Tombstone has unknown type ${JSON.stringify(declared)}.`);
  }
  const storeId = typeof input['storeId'] === 'string' ? input['storeId'] : undefined;
  return {
    ok: true,
    deleted: true,
    ...(type === undefined ? {} : { type, appendOnly: documentTypes[type].appendOnly }),
    ...(storeId === undefined ? {} : { storeId }),
  };
}

/**
 * Validates a document in its CouchDB form (`_id` = primary key; `_rev` and friends ignored):
 * registry type, schema version (older versions are migrated first), JSON Schema, then the rules a
 * schema cannot express. Never throws for bad input: the answer says which field and what was expected.
 */
export function validateDocument(input: unknown): DocumentValidation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return fail(
      'document.not-object',
      `A document must be a JSON object, got ${Array.isArray(input) ? 'an array' : typeof input}.`,
    );
  }
  const raw = input as Record<string, unknown>;
  const stripped = stripBookkeeping(raw);
  if (stripped.error !== undefined) return stripped.error;
  const doc = stripped.doc;
  if (raw['_deleted'] === true) return tombstone(raw, doc['id'] as string);

  const type = doc['type'];
  if (!isDocumentType(type)) {
    return fail(
      'document.unknown-type',
      `Field "type" is ${JSON.stringify(type)}; expected one of ${allDocumentTypes.join(', ')}.`,
    );
  }
  let current: JsonDocument;
  try {
    current = migrateDocument(doc);
  } catch (error) {
    if (isDomainError(error)) return fail(error.code.replace(/^migration\./, 'document.'), error.message);
    throw error;
  }
  const validate = validatorFor(type);
  if (!validate(current)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    const reasons = errors.slice(0, 3).map((e) => describeSchemaError(type, e));
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
    return fail('schema.invalid', reasons.join('; ') + more);
  }
  const violation = checkDocumentRules(type, current);
  if (violation !== undefined) return fail(violation.code, violation.reason);
  const info = documentTypes[type];
  const storeId = typeof current['storeId'] === 'string' ? current['storeId'] : undefined;
  if (info.storeScoped && storeId === undefined) {
    return fail('document.missing-store', `${type} documents belong to a store: "storeId" is required.`);
  }
  return {
    ok: true,
    type,
    appendOnly: info.appendOnly,
    document: current,
    ...(storeId === undefined ? {} : { storeId }),
  };
}

/** Validates and returns the (migrated) document, or throws a DomainError with the validation's code and reason. */
export function assertValidDocument(input: unknown): JsonDocument {
  const result = validateDocument(input);
  if (!result.ok) throw new DomainError(result.code, result.reason);
  if (result.deleted === true) {
    throw new DomainError('document.deleted', 'Expected a document, got a deletion tombstone.');
  }
  return result.document;
}
