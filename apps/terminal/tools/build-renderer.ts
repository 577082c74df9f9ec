// Builds the renderer (Vite) unless it is already newer than every source it depends on. Each build goes
// to its own folder under dist/renderer-builds/ and dist/renderer is then switched to it atomically (a
// symlink renamed into place): several test runs share this checkout, and one run's build must never
// empty the folder another run's browser host is serving.
import {
  existsSync,
  lstatSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const terminalDir = fileURLToPath(new URL('..', import.meta.url));
const sources = [
  join(terminalDir, 'src/renderer'),
  join(terminalDir, '../../packages/shared/src'),
  join(terminalDir, 'vite.config.ts'),
];
const buildsDir = join(terminalDir, 'dist/renderer-builds');
/** The built renderer: a symlink to the newest build (resolve it once with `realpathSync` before serving). */
export const rendererDir = join(terminalDir, 'dist/renderer');
/** Builds older than this are removed; a test run serving one resolved it at its start. */
const KEEP_OLD_BUILDS_MS = 60 * 60_000;

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
  const outDir = join(buildsDir, `${Date.now()}-${process.pid}`);
  await build({
    configFile: join(terminalDir, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const link = `${rendererDir}.${process.pid}.tmp`;
  rmSync(link, { force: true });
  symlinkSync(outDir, link, 'dir');
  // A real folder from before builds were switched by symlink cannot be renamed over; it goes once.
  if (existsSync(rendererDir) && !lstatSync(rendererDir).isSymbolicLink())
    rmSync(rendererDir, { recursive: true, force: true });
  renameSync(link, rendererDir);
  removeOldBuilds(realpathSync(rendererDir));
  return true;
}

function removeOldBuilds(current: string): void {
  const cutoff = Date.now() - KEEP_OLD_BUILDS_MS;
  for (const name of readdirSync(buildsDir)) {
    const path = join(buildsDir, name);
    if (path !== current && statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
  }
}
