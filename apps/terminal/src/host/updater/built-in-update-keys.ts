import type { TrustedKey } from '@store-os/shared/updates';

/**
 * Replaced at build time by the terminal's bundler (tools/update-keys-file.ts) with the public keys of
 * the keys file (`apps/terminal/update-keys.json`, or the file named by STORE_OS_UPDATE_KEYS_FILE), which
 * `release-cli keygen --terminal-keys <file>` writes. Unbundled code (tests, the browser host) has none.
 */
declare const __STORE_OS_BUILT_IN_UPDATE_KEYS__: readonly TrustedKey[] | undefined;

/**
 * Release keys this build trusts out of the box; later keys arrive through signed key lists
 * (docs/specs/updates.md). Empty means every manifest is refused as signed by an unknown key: a build
 * without keys never updates itself.
 */
export const BUILT_IN_UPDATE_KEYS: readonly TrustedKey[] =
  typeof __STORE_OS_BUILT_IN_UPDATE_KEYS__ === 'undefined' ? [] : __STORE_OS_BUILT_IN_UPDATE_KEYS__;
