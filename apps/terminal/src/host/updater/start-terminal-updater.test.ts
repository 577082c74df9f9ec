// The terminal updater as Electron main starts it, end to end: a real sync-server (child process), a
// release signed and published with IT's release CLI for the store's group, an enrolled terminal's own
// credential, and a fake host standing for the counter. The installer is downloaded, verified and put in
// place (an AppImage here), the app restarts once, and HQ has the terminal's report.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostResponse } from '@store-os/shared/contract';
import { documentExamples } from '@store-os/shared/schemas';
import type { TrustedKey } from '@store-os/shared/updates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReleaseCli } from '../../../test/release-cli';
import {
  startSyncServerProcess,
  syncServerUnavailable,
  type SyncServerProcess,
} from '../../../test/sync-server-process';
import type { TerminalActivity } from '../terminal-host';
import { installRelease } from './install-release';
import { startTerminalUpdater, type UpdaterHost } from './start-terminal-updater';
import type { UpdateReport } from './update-report';

const unavailable = syncServerUnavailable();
if (unavailable) console.log(`start-terminal-updater.test: skipped, ${unavailable}`);

const INSTALLER = 'store-os-2.0.0.AppImage';
const installerBytes = Buffer.from('linux 2.0.0 '.repeat(20_000));

let server: SyncServerProcess;
let work: string;
let trusted: TrustedKey;
const credentials = new Map<string, string>();

/** A host whose counter the test drives: the activity it reports, and its listeners. */
function fakeHost(terminalId: string, activity: TerminalActivity) {
  const listeners = new Set<() => void>();
  const authorization = credentials.get(terminalId);
  if (!authorization) throw new Error(`terminal ${terminalId} is not enrolled`);
  const info: HostResponse<'app.info'> = {
    version: '1.0.0',
    mode: 'electron',
    terminalId,
    storeId: 's001',
    syncServerUrl: server.url,
    startedAt: Date.now(),
  };
  const state = { activity };
  const host: UpdaterHost = {
    get activity() {
      return state.activity;
    },
    onActivity(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    syncServerUrl: () => server.url,
    handlers: {
      'sync.authorization': () => Promise.resolve({ value: authorization }),
      'app.info': () => Promise.resolve(info),
    },
  };
  /** The renderer reports a new activity (`terminal.activity`). */
  const report = (next: TerminalActivity) => {
    state.activity = next;
    for (const listener of listeners) listener();
  };
  return { host, report, listeners };
}

/** Starts the updater for a terminal whose running AppImage is `<work>/<terminalId>/running.AppImage`. */
async function start(terminalId: string, activity: TerminalActivity) {
  const dataDir = join(work, terminalId, 'data');
  const appImage = join(work, terminalId, 'running.AppImage');
  await mkdir(dataDir, { recursive: true });
  await writeFile(appImage, 'linux 1.0.0');
  const fake = fakeHost(terminalId, activity);
  const installs: Parameters<typeof installRelease>[0][] = [];
  const calls: string[] = [];
  const updater = startTerminalUpdater({
    host: fake.host,
    dataDir,
    version: '1.0.0',
    platform: 'linux',
    env: { APPIMAGE: appImage },
    relaunch: () => void calls.push('relaunch'),
    quit: () => void calls.push('quit'),
    trustedKeys: [trusted],
    installRelease: (options) => {
      installs.push(options);
      return installRelease(options);
    },
    log: { log: () => undefined, error: (...args: unknown[]) => console.error(...args) },
  });
  return { ...fake, updater, installs, calls, dataDir, appImage };
}

async function reportsOf(terminalId: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${server.url}/_hq/api/updates/reports?terminal=${terminalId}`, {
    headers: { Authorization: server.adminAuthorization },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { rows: Record<string, unknown>[] };
  return body.rows; // newest first
}

const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

describe.skipIf(unavailable !== undefined)('startTerminalUpdater against the sync-server', () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'terminal-updater-'));
    server = await startSyncServerProcess();
    await server.createStore('s001');
    for (const terminalId of ['s001-t01', 's001-t02']) {
      const code = await server.enrollmentCode('s001', terminalId);
      const res = await fetch(`${server.url}/_pos/enroll`, {
        method: 'POST',
        body: JSON.stringify({ code }),
      });
      const { name, password } = (await res.json()) as { name: string; password: string };
      credentials.set(terminalId, `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`);
    }
    // The release names the store's group, which the terminal learns from its store document.
    await server.putDocuments('catalog', [
      { ...structuredClone(documentExamples.store), groups: ['north-pilot'] },
    ]);

    const build = join(work, 'build');
    await mkdir(build, { recursive: true });
    await writeFile(join(build, INSTALLER), installerBytes);
    await runReleaseCli('keygen', '--key-id', 'release-a', '--out', join(work, 'keys'));
    trusted = JSON.parse(await readFile(join(work, 'keys', 'release-a.public.json'), 'utf8')) as TrustedKey;
    const updates = join(server.dataDir, 'updates');
    await runReleaseCli(
      'sign',
      '--key',
      join(work, 'keys', 'release-a.private.json'),
      '--version',
      '2.0.0',
      '--file',
      `${join(build, INSTALLER)}:linux`,
      '--dir',
      updates,
      '--group',
      'north-pilot',
      '--out',
      join(work, 'release.json'),
    );
    await runReleaseCli(
      'publish',
      '--dir',
      updates,
      '--manifest',
      join(work, 'release.json'),
      '--files',
      build,
    );
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('downloads and verifies the release for its cohort, installs it, restarts once and reports to HQ', async () => {
    const t = await start('s001-t01', { saleInProgress: false, installAllowed: true });
    const report = await t.updater.firstCheck;
    t.updater.stop();

    expect(report).toMatchObject({ outcome: 'install-ready', targetVersion: '2.0.0', serial: 1 });
    const installerPath = (report as UpdateReport).installerPath as string;
    expect(installerPath.startsWith(join(t.dataDir, 'updates', 'downloads'))).toBe(true);
    expect(sha512(await readFile(installerPath))).toBe(sha512(installerBytes));
    // Installed from the verified installer: the running AppImage was replaced by the published bytes.
    expect(t.installs).toEqual([{ kind: 'appimage', installerPath, env: { APPIMAGE: t.appImage } }]);
    expect(sha512(await readFile(t.appImage))).toBe(sha512(installerBytes));
    expect(t.calls).toEqual(['relaunch', 'quit']);

    const reports = await reportsOf('s001-t01');
    expect(reports).toEqual([
      expect.objectContaining({
        terminalId: 's001-t01',
        storeId: 's001',
        currentVersion: '1.0.0',
        outcome: 'install-ready',
        targetVersion: '2.0.0',
        serial: 1,
      }),
    ]);
    expect(JSON.stringify(reports)).not.toContain(t.dataDir);
  });

  it('defers the install during a sale and installs once the counter reports idle', async () => {
    const t = await start('s001-t02', { saleInProgress: true, installAllowed: true });
    const first = await t.updater.firstCheck;
    expect(first).toMatchObject({ outcome: 'deferred', targetVersion: '2.0.0' });
    expect(t.installs).toEqual([]);
    expect(t.calls).toEqual([]);
    expect(await readFile(t.appImage, 'utf8')).toBe('linux 1.0.0');
    expect((await reportsOf('s001-t02')).map((r) => r['outcome'])).toEqual(['deferred']);

    // The sale ends, but a shift is open at the till: still no restart.
    t.report({ saleInProgress: false, installAllowed: false });
    expect(await t.updater.settled()).toBeUndefined();
    expect(t.calls).toEqual([]);
    // The shift is closed: the deferred release installs without waiting for the next check.
    t.report({ saleInProgress: false, installAllowed: true });
    expect(await t.updater.settled()).toMatchObject({ outcome: 'install-ready', targetVersion: '2.0.0' });
    t.updater.stop();
    expect(t.listeners.size).toBe(0);

    expect(t.installs).toHaveLength(1);
    expect(t.installs[0]?.installerPath).toBe((first as UpdateReport).installerPath);
    expect(sha512(await readFile(t.appImage))).toBe(sha512(installerBytes));
    expect(t.calls).toEqual(['relaunch', 'quit']);
    expect((await reportsOf('s001-t02')).map((r) => r['outcome'])).toEqual(['install-ready', 'deferred']);
  });
});
