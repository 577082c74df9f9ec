// A terminal build embeds the keys file that `release-cli keygen --terminal-keys` writes: the updater
// bundled with main's own esbuild options and key K accepts a release signed by K and refuses one signed
// by a key it was not built with. Releases are signed and published with the real release CLI and served
// over HTTP from the published folder.
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Updater from '../src/host/updater';
import { mainBuildOptions } from './build-electron';
import { readUpdateKeysFile } from './update-keys-file';

const terminalDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(terminalDir, '../..');
const releaseCli = join(repoRoot, 'apps/sync-server/src/updates/release-cli.ts');
const run = promisify(execFile);
const release = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', releaseCli, ...args], { cwd: repoRoot });

let work: string;
let server: Server | undefined;
let updater: typeof Updater;

/** Serves `<work>/<channel>/` under /_updates/, as the sync-server serves its updates folder. */
function serve(): Promise<string> {
  const started = createServer((req, res) => {
    const [, channel, name] = /^\/([a-z]+)\/_updates\/([A-Za-z0-9._-]+)$/.exec(req.url ?? '') ?? [];
    if (!channel || !name) return void res.writeHead(404).end();
    const path = join(work, channel, name);
    stat(path).then(
      (s) => {
        res.writeHead(200, { 'Content-Length': String(s.size) });
        createReadStream(path).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  server = started;
  return new Promise((resolve) =>
    started.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(started.address() as AddressInfo).port}`),
    ),
  );
}

async function signAndPublish(key: string, channel: string): Promise<void> {
  await release(
    'sign',
    '--key',
    join(work, 'keys', `${key}.private.json`),
    '--version',
    '2.0.0',
    '--file',
    `${join(work, 'build', 'store-os-2.0.0.AppImage')}:linux`,
    '--serial',
    '1',
    '--out',
    join(work, `${channel}.json`),
  );
  await release(
    'publish',
    '--dir',
    join(work, channel),
    '--manifest',
    join(work, `${channel}.json`),
    '--files',
    join(work, 'build'),
  );
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'built-in-keys-'));
  await mkdir(join(work, 'build'), { recursive: true });
  await writeFile(join(work, 'build', 'store-os-2.0.0.AppImage'), 'linux 2.0.0 '.repeat(5_000));
  const keysFile = join(work, 'terminal', 'update-keys.json');
  await release('keygen', '--key-id', 'release-k', '--out', join(work, 'keys'), '--terminal-keys', keysFile);
  await release('keygen', '--key-id', 'stranger', '--out', join(work, 'keys'));
  await signAndPublish('release-k', 'good');
  await signAndPublish('stranger', 'forged');

  // The updater as main's bundle builds it, with this keys file embedded.
  const keys = readUpdateKeysFile(keysFile);
  const outfile = join(work, 'bundle', 'updater.mjs');
  await build({
    ...mainBuildOptions(keys),
    entryPoints: [join(terminalDir, 'src/host/updater/index.ts')],
    outfile,
    sourcemap: false,
  });
  updater = (await import(pathToFileURL(outfile).href)) as typeof Updater;
}, 120_000);

afterAll(async () => {
  const running = server;
  if (running) await new Promise((resolve) => running.close(resolve));
  await rm(work, { recursive: true, force: true });
});

describe('update keys built into the terminal', () => {
  it('keygen --terminal-keys writes the public key, never the private one, into the keys file', async () => {
    const text = await readFile(join(work, 'terminal', 'update-keys.json'), 'utf8');
    const publicKey = JSON.parse(
      await readFile(join(work, 'keys', 'release-k.public.json'), 'utf8'),
    ) as object;
    expect(JSON.parse(text)).toEqual({ keys: [publicKey] });
    expect(text).not.toContain('PRIVATE');
  });

  it('a build with key K accepts a release signed by K and refuses one signed by another key', async () => {
    expect(updater.BUILT_IN_UPDATE_KEYS.map((k) => k.keyId)).toEqual(['release-k']);
    const base = await serve();
    const check = (channel: string) =>
      updater.checkForUpdate({
        serverUrl: `${base}/${channel}`,
        stateDir: join(work, `state-${channel}`),
        terminal: { terminalId: 't-0001', groups: [] },
        currentVersion: '1.0.0',
        platform: 'linux',
        canInstallNow: () => true,
      });
    expect(await check('good')).toMatchObject({
      outcome: 'install-ready',
      targetVersion: '2.0.0',
      serial: 1,
    });
    expect(await check('forged')).toMatchObject({ outcome: 'refused', code: 'update.unknown-key' });
  });

  it('a build from an empty keys file trusts no key (unbundled code has none either)', async () => {
    const { BUILT_IN_UPDATE_KEYS } = await import('../src/host/updater/built-in-update-keys');
    expect(BUILT_IN_UPDATE_KEYS).toEqual([]);
    expect(readUpdateKeysFile(join(terminalDir, 'update-keys.json'))).toEqual([]);
    await writeFile(join(work, 'bad-keys.json'), '{"keys":[{"keyId":"x","publicKey":"AAAA"}]}');
    expect(() => readUpdateKeysFile(join(work, 'bad-keys.json'))).toThrow(/32 bytes/);
  });
});
