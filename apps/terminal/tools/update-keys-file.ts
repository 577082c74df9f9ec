// The keys file a terminal build embeds as its built-in update keys: `{"keys": [{keyId, publicKey}]}`,
// written by `release-cli keygen --terminal-keys <file>` and read by the bundler (build-electron.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrustedKey } from '@store-os/shared/updates';

/** The keys file of this checkout (public keys only; committed with the release keys IT trusts). */
export const DEFAULT_UPDATE_KEYS_FILE = join(
  fileURLToPath(new URL('..', import.meta.url)),
  'update-keys.json',
);

/** The file a build reads: STORE_OS_UPDATE_KEYS_FILE when set, else the checkout's. */
export function updateKeysFileOf(env: NodeJS.ProcessEnv = process.env): string {
  return env['STORE_OS_UPDATE_KEYS_FILE'] ?? DEFAULT_UPDATE_KEYS_FILE;
}

/** Reads and checks a keys file; a missing file is no keys, a malformed one is an error naming it. */
export function readUpdateKeysFile(path: string): TrustedKey[] {
  if (!existsSync(path)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) throw new Error(`${path}: expected {"keys": [{"keyId", "publicKey"}]}`);
  const seen = new Set<string>();
  return keys.map((k: unknown, i) => {
    const { keyId, publicKey } = (k ?? {}) as Partial<TrustedKey>;
    if (typeof keyId !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(keyId))
      throw new Error(`${path}: keys[${i}].keyId is missing or not a plain name`);
    if (typeof publicKey !== 'string' || Buffer.from(publicKey, 'base64').length !== 32)
      throw new Error(`${path}: keys[${i}].publicKey must be a raw Ed25519 public key (32 bytes, base64)`);
    if (seen.has(keyId)) throw new Error(`${path}: key ${keyId} is listed twice`);
    seen.add(keyId);
    return { keyId, publicKey };
  });
}

/** esbuild `define` entries that build these keys into BUILT_IN_UPDATE_KEYS. */
export function updateKeysDefine(keys: readonly TrustedKey[]): Record<string, string> {
  return { __STORE_OS_BUILT_IN_UPDATE_KEYS__: JSON.stringify(keys) };
}
