import type { UpdateFile, UpdateManifest, UpdatePlatform } from './update-manifest';
import { UPDATE_REFUSALS, updateRefusal } from './update-refusals';

/** The parts of an electron-updater generic feed (latest.yml, latest-linux.yml) we generate and check. */
export interface UpdateFeed {
  version: string;
  files: readonly { url: string; sha512: string; size: number }[];
  path: string;
  sha512: string;
  releaseDate: string;
}

/** The electron-updater feed file name for a platform (what `autoUpdater` fetches on that OS). */
export function feedFileName(platform: UpdatePlatform): string {
  return platform === 'windows' ? 'latest.yml' : 'latest-linux.yml';
}

/** The one installer of the manifest for this platform, or a refusal if the release has none. */
export function manifestFileFor(manifest: UpdateManifest, platform: UpdatePlatform): UpdateFile {
  const file = manifest.files.find((f) => f.platform === platform);
  if (file === undefined) {
    throw updateRefusal(
      UPDATE_REFUSALS.noFileForPlatform,
      `Release ${manifest.version} has no ${platform} installer; publish one or leave ${platform} terminals on their version.`,
      { version: manifest.version, platform },
    );
  }
  return file;
}

/** The feed electron-updater should see for this manifest and platform (the release CLI writes it). */
export function feedFor(manifest: UpdateManifest, platform: UpdatePlatform): UpdateFeed {
  const file = manifestFileFor(manifest, platform);
  return {
    version: manifest.version,
    files: [{ url: file.name, sha512: file.sha512, size: file.size }],
    path: file.name,
    sha512: file.sha512,
    releaseDate: manifest.releasedAt,
  };
}

/**
 * Refuses a feed that would make electron-updater fetch something other than what the signed manifest
 * names: the feed is unsigned, so it is trusted only as far as it agrees with the manifest.
 */
export function checkFeedAgainstManifest(
  feed: unknown,
  manifest: UpdateManifest,
  platform: UpdatePlatform,
): void {
  const expected = feedFor(manifest, platform);
  const problems: string[] = [];
  const record = (typeof feed === 'object' && feed !== null ? feed : {}) as Record<string, unknown>;
  if (record['version'] !== expected.version) problems.push(`version ${JSON.stringify(record['version'])}`);
  if (record['path'] !== undefined && record['path'] !== expected.path)
    problems.push(`path ${JSON.stringify(record['path'])}`);
  if (record['sha512'] !== undefined && record['sha512'] !== expected.sha512) problems.push('sha512');
  const files = Array.isArray(record['files']) ? (record['files'] as unknown[]) : [];
  if (files.length === 0) problems.push('no files');
  for (const entry of files) {
    const f = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const want = expected.files[0];
    if (f['url'] !== want?.url || f['sha512'] !== want?.sha512 || f['size'] !== want?.size) {
      problems.push(`file ${JSON.stringify(f['url'])}`);
    }
  }
  if (problems.length > 0) {
    throw updateRefusal(
      UPDATE_REFUSALS.feedMismatch,
      `${feedFileName(platform)} disagrees with signed manifest serial ${manifest.serial} (${problems.join(', ')}); republish the release so both are written together.`,
      { serial: manifest.serial, platform, problems },
    );
  }
}
