import { DomainError } from '../errors';

// The bytes a signature covers. Signer and verifier must agree byte for byte without trusting the
// transport's formatting, so both serialise the parsed value the same way: object keys sorted by
// UTF-16 code units (as RFC 8785 JCS does), no whitespace, strings escaped by JSON.stringify. Our
// documents hold only integers, so JCS's float formatting never arises; a non-integer is refused.

/** Prefixes that keep a manifest signature from being replayed as a key-list signature and back. */
export const SIGNING_CONTEXT = {
  manifest: 'store-os/update-manifest/v1\n',
  keyList: 'store-os/update-keys/v1\n',
} as const;

/** Deterministic JSON text of `value` (sorted keys, no whitespace, integers only). */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new DomainError(
          'update.not-canonical',
          `Signed update documents hold only safe integers; got ${value}.`,
          { value },
        );
      }
      return String(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort(compareCodeUnits);
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new DomainError('update.not-canonical', `A signed update document cannot contain a ${typeof value}.`);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The exact text a manifest signature covers. */
export function manifestSigningText(manifest: unknown): string {
  return SIGNING_CONTEXT.manifest + canonicalJson(manifest);
}

/** The exact text a key-list signature covers. */
export function keyListSigningText(keyList: unknown): string {
  return SIGNING_CONTEXT.keyList + canonicalJson(keyList);
}
