// Every publish is kept in the channel's history: HQ lists releases, halts, resumes and rollbacks in
// serial order with their cohorts, including a folder published before the history existed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { generateSigningKey } from './ed25519';
import { publishRelease } from './publish-release';
import { compareVersions, readReleaseHistory, type ReleaseHistoryEntry } from './release-history';
import { updatesDirOf } from './route-updates';
import { buildManifest, signManifest } from './sign-release';

const key = generateSigningKey('release-a');
let server: TestServer;
let build: string;

async function signed(
  serial: number,
  version: string,
  rollout: { groups: string[]; percentage: number },
  halted = false,
) {
  return signManifest(
    await buildManifest({
      version,
      serial,
      files: [{ path: join(build, `store-os-${version}.AppImage`), platform: 'linux' }],
      releasedAt: new Date(Date.UTC(2026, 10, serial)),
      expiresAt: new Date('2027-01-23T10:00:00Z'),
      rollout,
      halted,
    }),
    key.signing,
  );
}

beforeAll(async () => {
  server = await startTestServer();
  build = await mkdtemp(join(tmpdir(), 'history-build-'));
  for (const version of ['2.0.0', '2.1.0'])
    await writeFile(join(build, `store-os-${version}.AppImage`), `linux ${version} `.repeat(2000));
});
afterAll(async () => {
  await server.close();
  await rm(build, { recursive: true, force: true });
});

describe('release history', () => {
  it('orders versions numerically, a pre-release before its release', () => {
    expect(compareVersions('2.10.0', '2.9.1')).toBe(1);
    expect(compareVersions('2.1.0', '2.1.0')).toBe(0);
    expect(compareVersions('2.1.0-beta.1', '2.1.0')).toBe(-1);
    expect(compareVersions('1.9.9', '2.0.0')).toBe(-1);
  });

  it('lists publish, widen, halt, resume and roll back in serial order, newest first, over the HQ API', async () => {
    const dir = updatesDirOf(server.server.services);
    const pilot = { groups: ['north-pilot'], percentage: 50 };
    const steps = [
      await signed(1, '2.0.0', { groups: [], percentage: 100 }),
      await signed(2, '2.1.0', pilot),
      await signed(3, '2.1.0', { ...pilot, percentage: 100 }),
      await signed(4, '2.1.0', pilot, true),
      await signed(5, '2.1.0', pilot),
      await signed(6, '2.0.0', { groups: [], percentage: 100 }),
    ];
    for (const envelope of steps) await publishRelease({ dir, envelope, filesFrom: build });
    const history = await readReleaseHistory(dir);
    expect(history.map((r) => [r.serial, r.version, r.action, r.current])).toEqual([
      [6, '2.0.0', 'rolled-back', true],
      [5, '2.1.0', 'resumed', false],
      [4, '2.1.0', 'halted', false],
      [3, '2.1.0', 'changed', false],
      [2, '2.1.0', 'published', false],
      [1, '2.0.0', 'published', false],
    ]);
    expect(history[4]).toMatchObject({
      rollout: { groups: ['north-pilot'], percentage: 50 },
      keyId: 'release-a',
      files: [{ name: 'store-os-2.1.0.AppImage', platform: 'linux' }],
    });
    const res = await server.json<{ releases: ReleaseHistoryEntry[] }>('/_hq/api/updates/releases');
    expect(res.status).toBe(200);
    expect(res.body.releases).toEqual(history);
  });

  it('shows the current manifest of a folder published before the history existed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'history-old-'));
    const envelope = await signed(9, '2.1.0', { groups: [], percentage: 20 });
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(envelope));
    expect((await readReleaseHistory(dir)).map((r) => [r.serial, r.action, r.current])).toEqual([
      [9, 'published', true],
    ]);
    await rm(dir, { recursive: true, force: true });
  });
});
