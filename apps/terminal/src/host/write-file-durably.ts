import { chmod, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Replaces the file at `path` with `text` so that a crash or a power cut leaves the old content or the
 * new, never a mix: a temporary file beside it (removed if anything fails), fsync, rename, then fsync of
 * the folder so the rename itself is durable. `mode` (e.g. 0o600 for secrets) is set with chmod, which
 * the umask cannot narrow. The folder must exist.
 */
export async function writeFileDurably(
  path: string,
  text: string,
  options: { readonly mode?: number } = {},
): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const file = await open(temporary, 'w', options.mode ?? 0o644);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    if (options.mode !== undefined) await chmod(temporary, options.mode);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
