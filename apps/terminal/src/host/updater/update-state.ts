// What the updater must remember across restarts: the highest authentic serial (so an old manifest can
// never be replayed), the key trust after rotations, and a verified download waiting for a quiet moment.
// Written atomically and fsynced: a torn state file would either block updates or forget the serial.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '@store-os/shared/errors';
import { parseUpdaterState, type TrustedKey, type UpdaterState } from '@store-os/shared/updates';
import { writeFileDurably } from '../write-file-durably';

export const STATE_FILE = 'update-state.json';

/** The saved state, or a fresh one trusting the built-in keys when none was ever saved. */
export async function loadUpdaterState(
  dir: string,
  builtInKeys: readonly TrustedKey[],
): Promise<UpdaterState> {
  const path = join(dir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { lastAcceptedSerial: 0, trust: { keys: [...builtInKeys], keyListSerial: 0, retired: [] } };
    throw error;
  }
  try {
    return parseUpdaterState(JSON.parse(text));
  } catch {
    throw new DomainError(
      'update.state-unreadable',
      `${path} is damaged, so this terminal cannot tell which update serial it last accepted; updates are paused. Restore it from backup or delete it to trust the built-in keys again.`,
      { path },
    );
  }
}

/** Replaces the state file atomically: temp file, fsync, rename, fsync the folder. */
export async function saveUpdaterState(dir: string, state: UpdaterState): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileDurably(join(dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}
