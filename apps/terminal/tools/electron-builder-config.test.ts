import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { startSyncServerProcess, syncServerUnavailable } from '../test/sync-server-process';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function readConfig(): Promise<Record<string, unknown>> {
  return load(await readFile(`${repoRoot}electron-builder.yml`, 'utf8')) as Record<string, unknown>;
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema (app-builder-lib's scheme.json)", async () => {
    const schemaPath = createRequire(import.meta.url).resolve('app-builder-lib/scheme.json');
    const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const config = await readConfig();
    expect(validate(config) ? [] : validate.errors).toEqual([]);
    // The schema itself must be able to refuse something, or the check above proves nothing.
    expect(validate({ ...config, notAnOption: true })).toBe(false);
  });

  it('builds AppImage + deb (with libusb) and nsis, keeps native modules out of the asar, never rebuilds them', async () => {
    const config = await readConfig();
    expect(config).toMatchObject({
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
      npmRebuild: false,
      buildDependenciesFromSource: false,
      asar: true,
    });
    expect((config['deb'] as { depends: string[] }).depends).toContain('libusb-1.0-0');
    expect(config['asarUnpack']).toContain('**/*.node');
    expect(config['publish']).toEqual([expect.objectContaining({ provider: 'generic' })]);
    expect(config['asarUnpack']).toEqual(
      expect.arrayContaining(['**/node_modules/node-hid/**', '**/node_modules/@serialport/bindings-cpp/**']),
    );
  });

  it.skipIf(syncServerUnavailable() !== undefined)(
    "publishes where the sync-server serves its update channel: the generic feed's URL answers with latest-linux.yml",
    async () => {
      const config = await readConfig();
      const [publish] = config['publish'] as { provider: string; url: string }[];
      const server = await startSyncServerProcess();
      try {
        const feed = 'version: 9.9.9\npath: Store-OS-Terminal-9.9.9.AppImage\n';
        await mkdir(join(server.dataDir, 'updates'), { recursive: true });
        await writeFile(join(server.dataDir, 'updates', 'latest-linux.yml'), feed);
        // electron-updater's generic provider reads <url>/latest-linux.yml (latest.yml on Windows).
        const url = (publish?.url ?? '').replace('${env.STORE_OS_SYNC_SERVER_URL}', server.url);
        expect(url).not.toContain('${');
        const response = await fetch(`${url}/latest-linux.yml`);
        expect(response.status).toBe(200);
        expect(await response.text()).toBe(feed);
      } finally {
        await server.stop();
      }
    },
    120_000,
  );
});
