import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildElectron } from '../../tools/build-electron';
import { buildRendererIfStale } from '../../tools/build-renderer';
import { findElectron } from '../host/electron-binary';

const electron = findElectron();
if (!electron.ok) console.log(`electron-launch.test: skipped, ${electron.reason}`);

describe.skipIf(!electron.ok)('Electron main (real binary)', () => {
  it('opens the window on app://terminal with no Node in the page and exactly the contract as window.pos', async () => {
    if (!electron.ok) return;
    await buildRendererIfStale();
    const main = await buildElectron();
    const dataDir = await mkdtemp(join(tmpdir(), 'terminal-electron-'));
    try {
      const child = spawn(electron.binary, [main, '--data', dataDir], {
        env: { ...process.env, STORE_OS_SMOKE: '1' },
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(out).toContain(
        'terminal: window loaded app://terminal/index.html (require process pos: undefined undefined invoke+on)',
      );
      expect(code).toBe(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
