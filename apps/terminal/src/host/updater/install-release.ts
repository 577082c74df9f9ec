import { spawn } from 'node:child_process';
import { chmod, copyFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DomainError } from '@store-os/shared/errors';

/** How this build was installed, which decides how a verified installer replaces it. */
export type InstallKind = 'appimage' | 'nsis' | 'unsupported';

/** The install kind of the running app (electron-builder sets APPIMAGE for AppImages). */
export function installKindOf(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): InstallKind {
  if (platform === 'linux' && env['APPIMAGE']) return 'appimage';
  if (platform === 'win32') return 'nsis';
  return 'unsupported';
}

/**
 * Puts a verified installer in place. AppImage: the new file replaces the running one by a rename in
 * the same folder (atomic; the running process keeps its open inode), then main relaunches. NSIS: the
 * installer runs silently, detached, and restarts the app itself (electron-builder's `--updated`
 * `--force-run`). A .deb needs root and is left to the system's package manager.
 */
export async function installRelease(options: {
  readonly kind: InstallKind;
  readonly installerPath: string;
  readonly env: NodeJS.ProcessEnv;
}): Promise<'relaunch' | 'quit'> {
  if (options.kind === 'appimage') {
    const target = options.env['APPIMAGE'] as string;
    const staged = join(dirname(target), `.store-os-update-${process.pid}.AppImage`);
    await copyFile(options.installerPath, staged);
    await chmod(staged, 0o755);
    await rename(staged, target);
    return 'relaunch';
  }
  if (options.kind === 'nsis') {
    const child = spawn(options.installerPath, ['--updated', '/S', '--force-run'], {
      detached: true,
      stdio: 'ignore',
    });
    child.unref();
    return 'quit';
  }
  throw new DomainError(
    'update.install-unsupported',
    'This installation (a .deb or an unpacked build) cannot replace itself; install the downloaded package with the system package manager.',
    { installerPath: options.installerPath },
  );
}
