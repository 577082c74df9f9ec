// The whole path against the real thing: the sync-server CLI on 127.0.0.1 port 0, releases signed and
// published with the release CLI (real Ed25519), the terminal's updater checking, downloading and
// verifying over HTTP. Attacks are staged by editing the files the server serves.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrustedKey } from '@store-os/shared/updates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkForUpdate, type CheckForUpdateOptions } from './check-for-update';
import { loadUpdaterState } from './update-state';
import { runReleaseCli } from '../../../test/release-cli';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const serverCli = join(repoRoot, 'apps/sync-server/src/cli.ts');

let work: string;
let dataDir: string;
let updates: string;
let stateDir: string;
let server: ChildProcess;
let serverUrl: string;
let trusted: TrustedKey;

/** The release CLI as IT runs it (each call starts Node with tsx: seconds on a loaded machine). */
const release = runReleaseCli;

function check(overrides: Partial<CheckForUpdateOptions> = {}) {
  return checkForUpdate({
    serverUrl,
    stateDir,
    terminal: { terminalId: 't-0001', groups: ['pilot'] },
    currentVersion: '1.0.0',
    platform: 'linux',
    canInstallNow: () => true,
    trustedKeys: [trusted],
    ...overrides,
  });
}

const signV2 = (serial: number, key = 'release-a') =>
  release(
    'sign',
    '--key',
    join(work, 'keys', `${key}.private.json`),
    '--version',
    '2.0.0',
    '--file',
    `${join(work, 'build', 'store-os-2.0.0.AppImage')}:linux`,
    '--file',
    `${join(work, 'build', 'store-os-setup-2.0.0.exe')}:windows`,
    '--serial',
    String(serial),
    '--out',
    join(work, `serial-${serial}.json`),
  );
const publish = (serial: number) =>
  release(
    'publish',
    '--dir',
    updates,
    '--manifest',
    join(work, `serial-${serial}.json`),
    '--files',
    join(work, 'build'),
  );

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'updater-e2e-'));
  dataDir = join(work, 'server-data');
  updates = join(dataDir, 'updates');
  stateDir = join(work, 'terminal-updates');
  await mkdir(join(work, 'build'), { recursive: true });
  await writeFile(join(work, 'build', 'store-os-2.0.0.AppImage'), 'linux 2.0.0 '.repeat(20_000));
  await writeFile(join(work, 'build', 'store-os-setup-2.0.0.exe'), 'windows 2.0.0 '.repeat(10_000));
  await release('keygen', '--key-id', 'release-a', '--out', join(work, 'keys'));
  await release('keygen', '--key-id', 'stranger', '--out', join(work, 'keys'));
  trusted = JSON.parse(await readFile(join(work, 'keys', 'release-a.public.json'), 'utf8')) as TrustedKey;

  server = spawn(process.execPath, ['--import', 'tsx', serverCli, '--port', '0', '--data', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, POS_ADMIN_USER: 'admin', POS_ADMIN_PASSWORD: 'updater-tests-admin-1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serverUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the sync-server did not start within 60 s')), 60_000);
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.once('exit', (code) => reject(new Error(`the sync-server exited with ${String(code)}`)));
  });
}, 120_000);

afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(work, { recursive: true, force: true });
});

describe.skipIf(!existsSync(serverCli))('publish → check → download → verify against the sync-server', () => {
  it('reports no release before IT publishes one', async () => {
    expect((await check()).outcome).toBe('no-release');
  });

  it('refuses an installer whose bytes differ from the signed hash, deleting the partial download', async () => {
    await signV2(1);
    await publish(1);
    const served = join(updates, 'store-os-2.0.0.AppImage');
    const original = await readFile(served);
    await writeFile(served, Buffer.from(original).fill(0x78, 0, 64));
    const report = await check();
    expect(report).toMatchObject({ outcome: 'refused', code: 'update.file-mismatch' });
    expect(await readdir(join(stateDir, 'downloads'))).toEqual([]);
    expect((await loadUpdaterState(stateDir, [trusted])).lastAcceptedSerial).toBe(0);
    await writeFile(served, original);
  });

  it('refuses a latest-linux.yml that disagrees with the manifest', async () => {
    const feed = join(updates, 'latest-linux.yml');
    const original = await readFile(feed, 'utf8');
    await writeFile(feed, original.replaceAll('store-os-2.0.0.AppImage', 'evil.AppImage'));
    expect(await check()).toMatchObject({ outcome: 'refused', code: 'update.feed-mismatch' });
    await writeFile(feed, original);
  });

  it('refuses a manifest edited on the server after signing, and an expired one', async () => {
    const path = join(updates, 'manifest.json');
    const original = await readFile(path, 'utf8');
    await writeFile(path, original.replace('"percentage": 100', '"percentage": 99'));
    expect(await check()).toMatchObject({ outcome: 'refused', code: 'update.bad-signature' });
    await writeFile(path, original);
    const later = Date.now() + 31 * 86_400_000;
    expect(await check({ now: () => later })).toMatchObject({ outcome: 'refused', code: 'update.expired' });
  });

  it('downloads and verifies the release, defers it during a sale and offers it once the till is idle', async () => {
    const deferred = await check({ canInstallNow: () => false });
    expect(deferred).toMatchObject({ outcome: 'deferred', targetVersion: '2.0.0', serial: 1 });
    const bytes = await readFile(deferred.installerPath ?? '');
    const manifest = JSON.parse(await readFile(join(updates, 'manifest.json'), 'utf8')) as {
      manifest: { files: { platform: string; sha512: string }[] };
    };
    const linux = manifest.manifest.files.find((f) => f.platform === 'linux');
    expect(createHash('sha512').update(new Uint8Array(bytes)).digest('base64')).toBe(linux?.sha512);
    expect(deferred.installerSha512).toBe(linux?.sha512);
    expect((await loadUpdaterState(stateDir, [trusted])).lastAcceptedSerial).toBe(1);

    const ready = await check({ canInstallNow: async () => Promise.resolve(true) });
    expect(ready).toMatchObject({
      outcome: 'install-ready',
      serial: 1,
      installerPath: deferred.installerPath,
    });
  });

  it('refuses a release signed by a key the app does not trust', async () => {
    await signV2(2, 'stranger');
    await publish(2);
    expect(await check()).toMatchObject({ outcome: 'refused', code: 'update.unknown-key' });
  });

  it('obeys a halt (published as a higher serial) and then refuses a replay of the older manifest', async () => {
    await release(
      'sign',
      '--key',
      join(work, 'keys', 'release-a.private.json'),
      '--from',
      join(work, 'serial-1.json'),
      '--serial',
      '3',
      '--halt',
      '--out',
      join(work, 'serial-3.json'),
    );
    await publish(3);
    const halted = await check();
    expect(halted).toMatchObject({ outcome: 'refused', code: 'update.halted' });
    const state = await loadUpdaterState(stateDir, [trusted]);
    expect(state.lastAcceptedSerial).toBe(3);
    expect(state.pending).toBeUndefined();

    await copyFile(join(work, 'serial-1.json'), join(updates, 'manifest.json'));
    expect(await check()).toMatchObject({ outcome: 'refused', code: 'update.rollback' });
  });

  it('rolls a terminal back when IT republishes the old version with a higher serial', async () => {
    await release(
      'sign',
      '--key',
      join(work, 'keys', 'release-a.private.json'),
      '--from',
      join(work, 'serial-1.json'),
      '--serial',
      '4',
      '--out',
      join(work, 'serial-4.json'),
    );
    await publish(4);
    expect(await check({ currentVersion: '2.1.0' })).toMatchObject({
      outcome: 'install-ready',
      targetVersion: '2.0.0',
      serial: 4,
    });
    // After main installed it, the same manifest means up to date, and the download is gone.
    const installed = await check({ currentVersion: '2.0.0' });
    expect(installed).toMatchObject({ outcome: 'up-to-date', serial: 4 });
    expect((await loadUpdaterState(stateDir, [trusted])).pending).toBeUndefined();
    expect(await readdir(join(stateDir, 'downloads'))).toEqual([]);
  });

  it('rotates keys through a key list signed by the trusted key, then refuses the retired key', async () => {
    await release('keygen', '--key-id', 'release-b', '--out', join(work, 'keys'));
    await release(
      'sign-keys',
      '--key',
      join(work, 'keys', 'release-a.private.json'),
      '--serial',
      '1',
      '--add',
      join(work, 'keys', 'release-b.public.json'),
      '--retire',
      'release-a',
      '--out',
      join(work, 'keys-1.json'),
    );
    await release(
      'sign',
      '--key',
      join(work, 'keys', 'release-b.private.json'),
      '--from',
      join(work, 'serial-1.json'),
      '--serial',
      '5',
      '--key-list',
      join(work, 'keys-1.json'),
      '--out',
      join(work, 'serial-5.json'),
    );
    await publish(5);
    expect(await check({ currentVersion: '2.0.0' })).toMatchObject({ outcome: 'up-to-date', serial: 5 });
    const state = await loadUpdaterState(stateDir, [trusted]);
    expect(state.trust.keys.map((k) => k.keyId)).toEqual(['release-b']);
    expect(state.trust.retired).toEqual(['release-a']);

    await signV2(6, 'release-a');
    await publish(6);
    expect(await check()).toMatchObject({ outcome: 'refused', code: 'update.retired-key' });
  }, 120_000); // five release-CLI runs
});
