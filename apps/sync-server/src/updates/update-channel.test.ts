import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFeedAgainstManifest, parseUpdateEnvelope } from '@store-os/shared/updates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestServer, type TestServer } from '../testing/test-server';
import { generateSigningKey } from './ed25519';
import { publishRelease } from './publish-release';
import { updatesDirOf } from './route-updates';
import { buildManifest, signManifest } from './sign-release';

const key = generateSigningKey('release-a');
let server: TestServer;
let build: string;
let dir: string;

async function signed(serial: number, options: { halted?: boolean; version?: string } = {}) {
  const version = options.version ?? '2.0.0';
  return signManifest(
    await buildManifest({
      version,
      serial,
      files: [
        { path: join(build, `store-os-${version}.AppImage`), platform: 'linux' },
        { path: join(build, `store-os-setup-${version}.exe`), platform: 'windows' },
      ],
      releasedAt: new Date('2026-11-23T10:00:00Z'),
      expiresAt: new Date('2026-12-23T10:00:00Z'),
      rollout: { groups: ['pilot'], percentage: 20 },
      halted: options.halted ?? false,
    }),
    key.signing,
  );
}

beforeAll(async () => {
  server = await startTestServer();
  dir = updatesDirOf(server.server.services);
  build = await mkdtemp(join(tmpdir(), 'updates-build-'));
  await mkdir(build, { recursive: true });
  for (const version of ['2.0.0', '2.1.0']) {
    await writeFile(join(build, `store-os-${version}.AppImage`), `linux ${version} `.repeat(5000));
    await writeFile(join(build, `store-os-setup-${version}.exe`), `windows ${version} `.repeat(3000));
  }
});
afterAll(async () => {
  await server.close();
  await rm(build, { recursive: true, force: true });
});

describe('update channel on the sync-server', () => {
  it('serves nothing before the first release, without credentials', async () => {
    const res = await server.call('/_updates/manifest.json', { as: null });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { reason: string }).reason).toMatch(/release CLI/);
  });

  it('serves the published manifest, feeds that agree with it, and the installers byte for byte', async () => {
    const envelope = await signed(1);
    await publishRelease({ dir, envelope, filesFrom: build });

    const manifestRes = await server.call('/_updates/manifest.json', { as: null });
    expect(manifestRes.status).toBe(200);
    expect(manifestRes.headers.get('cache-control')).toBe('no-cache');
    const served = parseUpdateEnvelope(await manifestRes.json());
    expect(served).toEqual(envelope);

    for (const [feed, platform] of [
      ['latest.yml', 'windows'],
      ['latest-linux.yml', 'linux'],
    ] as const) {
      const res = await server.call(`/_updates/${feed}`, { as: null });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(() => checkFeedAgainstManifest(parse(text), served.manifest, platform)).not.toThrow();
    }

    const file = await server.call('/_updates/store-os-2.0.0.AppImage', { as: null });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(
      await readFile(join(build, 'store-os-2.0.0.AppImage')),
    );
  });

  it('is read-only and serves only plain names inside its folder', async () => {
    expect((await server.call('/_updates/manifest.json', { method: 'PUT', body: '{}' })).status).toBe(405);
    for (const path of [
      '/_updates/..%2Fstore.sqlite',
      '/_updates/.manifest.json.1.tmp',
      '/_updates/a/b',
      '/_updates/',
    ]) {
      expect((await server.call(path, { as: null })).status).toBe(404);
    }
  });

  it('publishes a halt and a rollback as higher serials, and refuses a serial that does not supersede', async () => {
    await expect(publishRelease({ dir, envelope: await signed(1) })).rejects.toThrow(/--serial 2/);
    await publishRelease({ dir, envelope: await signed(2, { version: '2.1.0' }), filesFrom: build });
    await publishRelease({ dir, envelope: await signed(3, { version: '2.1.0', halted: true }) });
    const halted = parseUpdateEnvelope(
      await (await server.call('/_updates/manifest.json', { as: null })).json(),
    );
    expect(halted.manifest).toMatchObject({ serial: 3, halted: true, version: '2.1.0' });
    // Rollback: the old files are still in the folder, so no --files is needed.
    await publishRelease({ dir, envelope: await signed(4, { version: '2.0.0' }) });
    const feed = parse(await (await server.call('/_updates/latest-linux.yml', { as: null })).text()) as {
      version: string;
    };
    expect(feed.version).toBe('2.0.0');
  });

  it('refuses to publish installers that differ from what was signed', async () => {
    const envelope = await signed(5, { version: '2.1.0' });
    const other = await mkdtemp(join(tmpdir(), 'updates-other-'));
    await writeFile(join(other, 'store-os-2.1.0.AppImage'), 'something else');
    const fresh = await mkdtemp(join(tmpdir(), 'updates-fresh-'));
    await expect(publishRelease({ dir: fresh, envelope, filesFrom: other })).rejects.toThrow(
      /does not match the signed manifest/,
    );
    await expect(readFile(join(fresh, 'manifest.json'))).rejects.toThrow(/ENOENT/);
    await rm(other, { recursive: true, force: true });
    await rm(fresh, { recursive: true, force: true });
  });
});
