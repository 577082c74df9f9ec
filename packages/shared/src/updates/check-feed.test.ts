import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { checkFeedAgainstManifest, feedFileName, feedFor } from './check-feed';
import { exampleManifest } from './fake-signature.testing';

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return isDomainError(error) ? error.code : 'not a DomainError';
  }
}

describe('feed against manifest', () => {
  const manifest = exampleManifest();

  it('accepts the feed generated from the manifest, per platform', () => {
    expect(feedFileName('windows')).toBe('latest.yml');
    expect(feedFileName('linux')).toBe('latest-linux.yml');
    expect(codeOf(() => checkFeedAgainstManifest(feedFor(manifest, 'linux'), manifest, 'linux'))).toBe(
      undefined,
    );
    expect(feedFor(manifest, 'windows').path).toBe('store-os-setup-1.4.0.exe');
  });

  it('refuses a feed whose version, hash, size or file differs from the signed manifest', () => {
    const good = feedFor(manifest, 'linux');
    const [file] = good.files;
    const variants = [
      { ...good, version: '9.9.9' },
      { ...good, sha512: `${'Z'.repeat(86)}==` },
      { ...good, files: [{ ...file!, size: file!.size + 1 }] },
      { ...good, files: [{ ...file!, url: 'evil.AppImage' }] },
      { ...good, files: [] },
      'not a feed',
    ];
    for (const feed of variants) {
      expect(codeOf(() => checkFeedAgainstManifest(feed, manifest, 'linux'))).toBe('update.feed-mismatch');
    }
  });

  it('refuses a platform the release has no installer for', () => {
    const linuxOnly = exampleManifest({ files: [manifest.files[0]!] });
    expect(codeOf(() => feedFor(linuxOnly, 'windows'))).toBe('update.no-file-for-platform');
  });
});
