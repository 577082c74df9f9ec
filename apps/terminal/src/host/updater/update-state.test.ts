import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@store-os/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadUpdaterState, saveUpdaterState, STATE_FILE } from './update-state';

const key = { keyId: 'release-a', publicKey: 'A'.repeat(43) + '=' };
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'updater-state-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('updater state file', () => {
  it('starts from the built-in keys and serial 0 when nothing was saved', async () => {
    expect(await loadUpdaterState(dir, [key])).toEqual({
      lastAcceptedSerial: 0,
      trust: { keys: [key], keyListSerial: 0, retired: [] },
    });
  });

  it('keeps the accepted serial, the rotated trust and the pending install across restarts', async () => {
    const state = {
      lastAcceptedSerial: 7,
      trust: { keys: [key], keyListSerial: 2, retired: ['release-old'] },
      pending: { version: '2.0.0', serial: 7, path: '/x/store-os.AppImage', sha512: 'abc' },
    };
    await saveUpdaterState(dir, state);
    // A later build with different built-in keys still uses the saved trust.
    expect(await loadUpdaterState(dir, [])).toEqual(state);
    expect(JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8'))).toEqual(state);
  });

  it('pauses updates with an actionable error instead of forgetting the serial when the file is damaged', async () => {
    for (const damaged of ['{"lastAcceptedSerial": 3', '{"lastAcceptedSerial": -1, "trust": {}}']) {
      await writeFile(join(dir, STATE_FILE), damaged);
      const error = await loadUpdaterState(dir, [key]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDomainError(error, 'update.state-unreadable')).toBe(true);
      expect((error as Error).message).toMatch(/delete it/);
    }
  });
});
