// The published release as terminals see it (`/_updates/manifest.json`, anonymous and signed), and who
// of the fleet is in its rollout.
// The rollout rule is imported from its own file: the `@store-os/shared/updates` entry also loads the
// ajv validators, which compile code with `new Function` and would break the console's strict CSP.
import { isInRollout, rolloutBucket } from '../../../../../packages/shared/src/updates/rollout';
import { ApiError, api } from './http';

/** The fields of a signed update manifest the console shows. */
export interface PublishedRelease {
  readonly version: string;
  readonly serial: number;
  readonly releasedAt: string;
  readonly expiresAt: string;
  readonly halted: boolean;
  readonly rollout: { readonly groups: readonly string[]; readonly percentage: number };
  readonly files: readonly { name: string; platform: string; size: number }[];
  readonly notes?: string;
  readonly keyId: string;
}

/** The current release, or undefined when nothing was ever published. */
export async function publishedRelease(signal?: AbortSignal): Promise<PublishedRelease | undefined> {
  try {
    const envelope = await api<{ manifest: Omit<PublishedRelease, 'keyId'>; signature: { keyId: string } }>(
      '/_updates/manifest.json',
      signal ? { signal } : {},
    );
    return { ...envelope.manifest, keyId: envelope.signature.keyId };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** A terminal's place in a release: its bucket 0..99 and whether the cohort includes it. */
export interface CohortMember {
  readonly terminalId: string;
  readonly storeId: string;
  readonly bucket: number;
  readonly inGroup: boolean;
  readonly included: boolean;
}

/**
 * Each terminal's cohort membership, by the same rule the terminal applies (shared/updates/rollout).
 * A terminal's groups are its store id, its own id, and the groups its store belongs to.
 */
export function cohortOf(
  release: PublishedRelease,
  terminals: readonly { terminalId: string; storeId: string }[],
  storeGroups: Readonly<Record<string, readonly string[]>> = {},
): CohortMember[] {
  return terminals.map((t) => {
    const groups = [t.storeId, t.terminalId, ...(storeGroups[t.storeId] ?? [])];
    const inGroup =
      release.rollout.groups.length === 0 || groups.some((g) => release.rollout.groups.includes(g));
    return {
      terminalId: t.terminalId,
      storeId: t.storeId,
      bucket: rolloutBucket(release.version, t.terminalId),
      inGroup,
      included:
        !release.halted &&
        isInRollout(
          { groups: [...release.rollout.groups], percentage: release.rollout.percentage },
          release.version,
          { terminalId: t.terminalId, groups },
        ),
    };
  });
}

/** One published manifest of the channel's history and what it did. */
export interface ReleaseHistoryEntry {
  readonly serial: number;
  readonly version: string;
  readonly action: 'published' | 'halted' | 'rolled-back' | 'resumed' | 'changed';
  readonly current: boolean;
  readonly halted: boolean;
  readonly releasedAt: string;
  readonly expiresAt: string;
  readonly rollout: { readonly groups: readonly string[]; readonly percentage: number };
  readonly keyId: string;
  readonly notes?: string;
}

/** Every release IT published, newest first. */
export const releaseHistory = (signal?: AbortSignal) =>
  api<{ releases: ReleaseHistoryEntry[] }>('/_hq/api/updates/releases', signal ? { signal } : {});

/** An update check as a terminal reported it. */
export interface UpdateCheckReport {
  readonly terminalId: string;
  readonly storeId: string;
  readonly currentVersion: string;
  readonly checkedAt: string;
  readonly receivedAt: string;
  readonly outcome: string;
  readonly targetVersion?: string;
  readonly serial?: number;
  readonly code?: string;
  readonly message?: string;
}

/** The latest report of every terminal and the most recent reports. */
export const updateReports = (signal?: AbortSignal) =>
  api<{ latest: UpdateCheckReport[]; rows: UpdateCheckReport[] }>(
    '/_hq/api/updates/reports?limit=50',
    signal ? { signal } : {},
  );
