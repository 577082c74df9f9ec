// Valid Store OS documents for tests and benches, built from the shared schema examples with fresh ids.
import { randomBytes } from 'node:crypto';
import { documentExamples, exampleOrder } from '@store-os/shared/schemas';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTime = 0;
let seq = 0;

/** A ULID-shaped, monotonic id part (time, then counter and randomness). */
export function ulidLike(): string {
  let time = Date.now();
  if (time <= lastTime) time = lastTime;
  seq = time === lastTime ? seq + 1 : 0;
  lastTime = time;
  let out = '';
  for (let i = 9; i >= 0; i--) out += CROCKFORD.charAt(Math.floor(time / 32 ** i) % 32);
  const rnd = randomBytes(16);
  out += CROCKFORD.charAt((seq >> 10) % 32) + CROCKFORD.charAt((seq >> 5) % 32) + CROCKFORD.charAt(seq % 32);
  for (let i = 0; i < 13; i++) out += CROCKFORD.charAt((rnd[i] ?? 0) % 32);
  return out;
}

/** `<terminalId>-<ulid>`: the id of a fact made at that terminal. */
export function factId(terminalId: string): string {
  return `${terminalId}-${ulidLike()}`;
}

/** A valid order document for `storeId`, made at `terminalId` (CouchDB form: `_id`). */
export function orderDoc(storeId: string, terminalId: string): Record<string, unknown> {
  const id = factId(terminalId);
  return { ...structuredClone(exampleOrder), _id: id, id, storeId, terminalId };
}

/** A valid movement of `delta` units of `sku` at `locationId`. */
export function movementDoc(
  storeId: string,
  terminalId: string,
  sku: string,
  locationId: string,
  delta: number,
  reason = delta < 0 ? 'sale' : 'receive',
): Record<string, unknown> {
  const id = factId(terminalId);
  const base = structuredClone(documentExamples.movement) as Record<string, unknown>;
  delete base.ref;
  return { ...base, _id: id, id, storeId, terminalId, sku, locationId, delta, reason };
}

/** A valid catalog product. */
export function productDoc(productId: string): Record<string, unknown> {
  const base = structuredClone(documentExamples.product) as Record<string, unknown>;
  const id = `product:${productId}`;
  return {
    ...base,
    _id: id,
    id,
    productId,
    variants: [{ sku: `${productId}-1`, attributes: {}, barcodes: [] }],
  };
}
