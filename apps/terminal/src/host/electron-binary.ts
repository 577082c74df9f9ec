import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the Electron binary is, or why Electron cannot start on this machine. */
export type ElectronAvailability =
  { readonly ok: true; readonly binary: string } | { readonly ok: false; readonly reason: string };

/**
 * Finds the Electron binary the `electron` package downloads at install. It reads the package's path.txt
 * itself instead of requiring the package, because requiring it retries the download (slow, and noisy on
 * machines that cannot reach Electron's CDN, where the package is installed for its types only).
 */
export function findElectron(env: NodeJS.ProcessEnv = process.env): ElectronAvailability {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { ok: false, reason: 'the Electron binary was never downloaded (its install script did not run)' };
  }
  const distDir = env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(packageDir, 'dist');
  const binary = join(distDir, readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { ok: false, reason: `the Electron binary is missing at ${binary}` };
  if (process.platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return { ok: false, reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { ok: true, binary };
}
