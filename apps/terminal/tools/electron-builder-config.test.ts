import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

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
  });
});
