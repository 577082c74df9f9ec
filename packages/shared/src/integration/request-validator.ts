import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from 'typebox';
import type { FieldError } from './problem-details';

// Checks integration requests against the same TypeBox schemas the OpenAPI document is generated
// from, reporting every offending field as a JSON Pointer so a client can fix them all in one go.

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    ajv ??= addFormats(
      new Ajv({
        allErrors: true,
        discriminator: true,
        strict: true,
        strictTypes: false,
        strictRequired: false,
      }),
      ['date-time', 'date', 'email', 'uri'],
    );
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function fieldError(e: ErrorObject): FieldError {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') {
    return {
      pointer: `${e.instancePath}/${String(params.missingProperty)}`,
      detail: 'is required.',
      code: 'required',
    };
  }
  if (e.keyword === 'additionalProperties') {
    return {
      pointer: `${e.instancePath}/${String(params.additionalProperty)}`,
      detail: 'is not a known field; remove it or check its spelling.',
      code: 'unknown-field',
    };
  }
  const allowed = Array.isArray(params.allowedValues) ? ` (${params.allowedValues.join(', ')})` : '';
  return { pointer: e.instancePath, detail: `${e.message ?? 'is invalid'}${allowed}.`, code: e.keyword };
}

/** Outcome of checking a request body or query. */
export type RequestCheck<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Validates `value` against `schema`; on failure, one error per field (deduplicated, at most 50). */
export function checkRequest<T>(schema: TSchema, value: unknown): RequestCheck<T> {
  const validate = validatorFor(schema);
  if (validate(value)) return { ok: true, value: value as T };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const e of validate.errors ?? []) {
    // A failed union reports each variant; the `oneOf`/`anyOf` summary adds nothing a client can act on.
    if ((e.keyword === 'oneOf' || e.keyword === 'anyOf') && (validate.errors?.length ?? 0) > 1) continue;
    const err = fieldError(e);
    const key = `${err.pointer}\u0000${err.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(err);
    if (errors.length === 50) break;
  }
  return { ok: false, errors };
}
