import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from 'typebox';
import { describeSchemaError } from '../schemas/validate-document';
import { UPDATE_REFUSALS, updateRefusal } from './update-refusals';
import {
  SignedKeyListSchema,
  UpdateEnvelopeSchema,
  UpdateManifestSchema,
  type SignedKeyList,
  type UpdateEnvelope,
  type UpdateManifest,
} from './update-manifest';
import { UpdaterStateSchema, type UpdaterState } from './updater-state';

// Built on first use: ajv compiles with `new Function`, which the renderer's CSP blocks, and only the
// host and the release CLI ever validate update documents.
let ajv: Ajv | undefined;
const compiled = new Map<TSchema, ValidateFunction>();

function validatorFor(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    ajv ??= addFormats(new Ajv({ allErrors: true, strict: true }), ['date-time']);
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function check<T>(schema: TSchema, what: string, value: unknown): T {
  const validate = validatorFor(schema);
  if (validate(value)) return value as T;
  const problems = (validate.errors ?? []).slice(0, 5).map((e) => describeSchemaError(what, e));
  throw updateRefusal(
    UPDATE_REFUSALS.malformed,
    `The ${what} is not a valid update document: ${problems.join('; ')}.`,
    { problems },
  );
}

/** The value as an UpdateEnvelope, or a `update.malformed` DomainError naming what is wrong. */
export function parseUpdateEnvelope(value: unknown): UpdateEnvelope {
  return check<UpdateEnvelope>(UpdateEnvelopeSchema, 'update envelope', value);
}

/** The value as an UpdateManifest, or a `update.malformed` DomainError (the CLI checks before signing). */
export function parseUpdateManifest(value: unknown): UpdateManifest {
  return check<UpdateManifest>(UpdateManifestSchema, 'update manifest', value);
}

/** The value as a SignedKeyList, or a `update.malformed` DomainError. */
export function parseSignedKeyList(value: unknown): SignedKeyList {
  return check<SignedKeyList>(SignedKeyListSchema, 'signed key list', value);
}

/** The value as an UpdaterState, or a `update.malformed` DomainError. */
export function parseUpdaterState(value: unknown): UpdaterState {
  return check<UpdaterState>(UpdaterStateSchema, 'updater state', value);
}
