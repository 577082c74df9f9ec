import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceError } from '../model/device-error';

/** Two linked pseudo-terminals: the driver opens `devicePath`, the simulator `simulatorPath`. */
export interface PtyPair {
  readonly devicePath: string;
  readonly simulatorPath: string;
  close(): Promise<void>;
}

/**
 * Starts `socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B` and waits until both links exist, so a
 * serial simulator runs over a real TTY with the real serialport binding on the driver side.
 */
export async function createPtyPair(
  options: { dir?: string; name?: string; timeoutMs?: number } = {},
): Promise<PtyPair> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'store-os-pty-'));
  const name = options.name ?? 'dev';
  const devicePath = join(dir, `${name}`);
  const simulatorPath = join(dir, `${name}.sim`);
  let child: ChildProcess;
  try {
    child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simulatorPath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    throw new DeviceError(
      'simulator.socat-missing',
      'pty pair',
      'cannot start socat; install it (apt-get install socat).',
      {},
      { cause: error },
    );
  }
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  let failure: Error | undefined;
  void spawnError.then((e) => (failure = e));
  while (!(existsSync(devicePath) && existsSync(simulatorPath))) {
    if (failure || child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new DeviceError(
        'simulator.pty-failed',
        'pty pair',
        `socat did not create both PTYs (${failure?.message ?? (stderr.trim() || 'timed out')}).`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    devicePath,
    simulatorPath,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
