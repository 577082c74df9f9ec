// Bundles Electron main (ESM) and the preload (CommonJS: sandboxed preloads cannot be modules) into dist/electron.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const terminalDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(terminalDir, 'dist/electron');

export async function buildElectron(): Promise<string> {
  await build({
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
    sourcemap: true,
    logLevel: 'warning',
  });
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
