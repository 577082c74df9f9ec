import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { MIN_PIN_HASH_ITERATIONS, type PinHash } from '@store-os/shared/schemas';

const derive = promisify(pbkdf2);
const KEY_BYTES = 32;

/** The iteration count new PIN hashes get (OWASP 2023 for PBKDF2-HMAC-SHA256). */
export const PIN_HASH_ITERATIONS = MIN_PIN_HASH_ITERATIONS;

/**
 * Hashes a PIN for a staff document. Node's pbkdf2 runs on the libuv thread pool, so a login never
 * blocks the host's event loop (journal appends, device events) for the ~0.3 s it costs.
 */
export async function hashPin(
  pin: string,
  options: { iterations?: number; salt?: Buffer } = {},
): Promise<PinHash> {
  const salt = options.salt ?? randomBytes(16);
  const iterations = options.iterations ?? PIN_HASH_ITERATIONS;
  const key = await derive(pin, bytes(salt), iterations, KEY_BYTES, 'sha256');
  return {
    algorithm: 'PBKDF2-SHA256',
    iterations,
    salt: salt.toString('base64'),
    hash: key.toString('base64'),
  };
}

/** True when `pin` derives to the stored hash; compared in constant time. */
export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const expected = bytes(Buffer.from(stored.hash, 'base64'));
  const salt = bytes(Buffer.from(stored.salt, 'base64'));
  const key = bytes(await derive(pin, salt, stored.iterations, expected.length, 'sha256'));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A plain Uint8Array copy: some programs that include this file (the root scripts and benches) see a
 * second `Buffer` declaration that is not assignable to node:crypto's parameter types.
 */
function bytes(buffer: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(buffer);
}
