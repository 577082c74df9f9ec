import type { TrustedKey } from '@store-os/shared/updates';

/**
 * Release keys this build trusts out of the box. IT runs `release-cli keygen` once and pastes the printed
 * line here before building; later keys arrive through signed key lists (docs/specs/updates.md). Empty
 * means every manifest is refused as signed by an unknown key: a build without keys never updates itself.
 */
export const BUILT_IN_UPDATE_KEYS: readonly TrustedKey[] = [];
