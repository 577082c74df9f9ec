// Builds the renderer (Vite) into dist/renderer unless it is already newer than every source it depends on.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const terminalDir = fileURLToPath(new URL('..', import.meta.url));
const sources = [
  join(terminalDir, 'src/renderer'),
  join(terminalDir, '../../packages/shared/src'),
  join(terminalDir, 'vite.config.ts'),
];
export const rendererDir = join(terminalDir, 'dist/renderer');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

/** Builds once when stale; returns whether a build ran. */
export async function buildRendererIfStale(): Promise<boolean> {
  const index = join(rendererDir, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...sources.map(newestMtime))) return false;
  await build({ configFile: join(terminalDir, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
