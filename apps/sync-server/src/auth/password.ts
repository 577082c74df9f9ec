// Password hashing with scrypt (node:crypto): memory-hard, no native dependency, constant-time compare.
import { createHash, randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';
import { hashSlots } from './hash-slots';

const KEY_LENGTH = 32;

/** scrypt on libuv's thread pool, in one of the slots that leave the commits' fsync a thread. */
function derive(password: BinaryLike, salt: Buffer): Promise<Buffer> {
  return hashSlots.run(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password, new Uint8Array(salt), KEY_LENGTH, { N: 16384, r: 8, p: 1 }, (err, key) =>
          err ? reject(err) : resolve(key),
        );
      }),
  );
}

/** A stored password: salt and derived key, both hex. */
export interface PasswordHash {
  salt: string;
  hash: string;
}

/** Marks a salt whose hash is SHA-256: only for server-generated secrets with 192 bits of entropy. */
const GENERATED = 'sha256$';

function sha256(salt: string, secret: string): Buffer {
  return createHash('sha256').update(salt).update(secret).digest();
}

/**
 * Hashes a credential. People's passwords get scrypt (slow on purpose); secrets the server generated
 * (terminal credentials, 192 random bits) cannot be guessed, so a salted SHA-256 is enough and keeps
 * enrolling a fleet of terminals fast, as API tokens are usually stored.
 */
export async function hashPassword(password: string, generated = false): Promise<PasswordHash> {
  if (generated) {
    const salt = GENERATED + randomBytes(16).toString('hex');
    return { salt, hash: sha256(salt, password).toString('hex') };
  }
  const salt = randomBytes(16);
  return { salt: salt.toString('hex'), hash: (await derive(password, salt)).toString('hex') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const key = stored.salt.startsWith(GENERATED)
    ? sha256(stored.salt, password)
    : await derive(password, Buffer.from(stored.salt, 'hex'));
  const expected = Buffer.from(stored.hash, 'hex');
  return key.length === expected.length && timingSafeEqual(new Uint8Array(key), new Uint8Array(expected));
}

/** A random secret for generated credentials and enrollment codes (URL-safe). */
export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
