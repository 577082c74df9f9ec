// Password hashing with scrypt (node:crypto): memory-hard, no native dependency, constant-time compare.
import { randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';

const KEY_LENGTH = 32;

function derive(password: BinaryLike, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, new Uint8Array(salt), KEY_LENGTH, { N: 16384, r: 8, p: 1 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** A stored password: salt and derived key, both hex. */
export interface PasswordHash {
  salt: string;
  hash: string;
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  return { salt: salt.toString('hex'), hash: (await derive(password, salt)).toString('hex') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const key = await derive(password, Buffer.from(stored.salt, 'hex'));
  const expected = Buffer.from(stored.hash, 'hex');
  return key.length === expected.length && timingSafeEqual(new Uint8Array(key), new Uint8Array(expected));
}

/** A random secret for generated credentials and enrollment codes (URL-safe). */
export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
