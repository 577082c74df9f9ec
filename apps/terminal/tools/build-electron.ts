// Bundles Electron main (ESM) and the preload (CommonJS: sandboxed preloads cannot be modules) into dist/electron.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import type { TrustedKey } from '@store-os/shared/updates';
import { readUpdateKeysFile, updateKeysDefine, updateKeysFileOf } from './update-keys-file';

const terminalDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(terminalDir, 'dist/electron');

/** esbuild options of Electron main, with the release keys this build trusts (BUILT_IN_UPDATE_KEYS). */
export function mainBuildOptions(keys: readonly TrustedKey[]): BuildOptions {
  return {
    entryPoints: [join(terminalDir, 'src/main/index.ts')],
    outfile: join(outDir, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Native addons load from node_modules (unpacked from the asar), never from the bundle.
    external: ['electron', 'node-hid', 'serialport', '@serialport/*', 'better-sqlite3'],
    // CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    // The release keys this build trusts (BUILT_IN_UPDATE_KEYS).
    define: updateKeysDefine(keys),
    sourcemap: true,
    logLevel: 'warning',
  };
}

export async function buildElectron(): Promise<string> {
  const keysFile = updateKeysFileOf();
  const keys = readUpdateKeysFile(keysFile);
  console.log(
    keys.length === 0
      ? `terminal build: no update keys in ${keysFile}; this build will refuse every update (release-cli keygen --terminal-keys)`
      : `terminal build: trusts update keys ${keys.map((k) => k.keyId).join(', ')} from ${keysFile}`,
  );
  await build(mainBuildOptions(keys));
  await build({
    entryPoints: [join(terminalDir, 'src/preload/index.ts')],
    outfile: join(outDir, 'preload.cjs'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    logLevel: 'warning',
  });
  return join(outDir, 'main.mjs');
}
