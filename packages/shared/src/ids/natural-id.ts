import { DomainError } from '../errors';

/**
 * Ids of reference data that HQ publishes (products, prices, stores, tax rates, barcodes) and of
 * derived documents (stock levels) are natural keys, `<type>:<part>[:<part>]`, so publishing the same
 * thing twice overwrites one document instead of creating a duplicate, and a lookup by key (scan a
 * barcode) is a primary-key read.
 */
export type NaturalId = string;

export const ID_PART_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._~@+-]*$';
const ID_PART_RE = new RegExp(ID_PART_PATTERN);
/** Any document id: natural or `<origin>-<ULID>`; 128 is the RxDB primary-key maxLength we declare. */
export const ANY_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:~@+-]{0,127}$';
export const MAX_ID_LENGTH = 128;

/** Builds `<prefix>:<part>:<part>`, refusing parts that would make the id ambiguous or unreplicable. */
export function naturalId(prefix: string, ...parts: readonly string[]): NaturalId {
  for (const part of [prefix, ...parts]) {
    if (!ID_PART_RE.test(part)) {
      throw new DomainError(
        'id.invalid-part',
        `"${part}" cannot be part of a document id: use letters, digits, ".", "_", "~", "@", "+" or "-", starting with a letter or digit (no ":" or spaces).`,
        { part },
      );
    }
  }
  const id = [prefix, ...parts].join(':');
  if (id.length > MAX_ID_LENGTH) {
    throw new DomainError(
      'id.too-long',
      `Document id "${id.slice(0, 40)}…" is ${id.length} characters; the limit is ${MAX_ID_LENGTH}.`,
      { length: id.length },
    );
  }
  return id;
}

/** Deterministic id of the derived stock level of one sku at one location. */
export function stockLevelId(sku: string, locationId: string): NaturalId {
  return naturalId('stock-level', sku, locationId);
}
