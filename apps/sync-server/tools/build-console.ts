// Builds the HQ console (Vite + React) into dist/console unless it is newer than every source it uses.
// Called by the e2e global setup and by `npm start`; run directly to force a build:
// `npx tsx apps/sync-server/tools/build-console.ts`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { consoleViteConfig } from './console-vite-config';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const sources = [
  join(serverDir, 'console'),
  join(serverDir, '../../packages/shared/src'),
  join(serverDir, 'tools/console-vite-config.ts'),
];
/** Where the built console lands (served by src/hq/serve-console.ts). */
export const consoleDistDir = join(serverDir, 'dist/console');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

/** Builds once when stale (or when `force`); returns whether a build ran. */
export async function buildConsoleIfStale(force = false): Promise<boolean> {
  const index = join(consoleDistDir, 'index.html');
  const fresh = existsSync(index) && statSync(index).mtimeMs > Math.max(...sources.map(newestMtime));
  if (fresh && !force) return false;
  // Vitest runs this with NODE_ENV=test, which makes Vite and the React plugin emit development JSX and
  // React's development build; the console is always built for production.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build(consoleViteConfig(join(serverDir, 'console'), consoleDistDir));
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConsoleIfStale(true);
  console.log(`built the HQ console into ${consoleDistDir}`);
}
