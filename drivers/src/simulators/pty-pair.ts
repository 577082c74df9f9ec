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

interface SocatOptions {
  readonly dir?: string;
  readonly name?: string;
  readonly timeoutMs?: number;
}

/**
 * Starts `socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B` and waits until both links exist, so a
 * serial simulator runs over a real TTY with the real serialport binding on the driver side.
 */
export function createPtyPair(options: SocatOptions = {}): Promise<PtyPair> {
  return runSocat(options, (devicePath) => `pty,raw,echo=0,link=${devicePath}.sim`, true);
}

/**
 * A PTY whose other end is a TCP connection to `host:port`: lets the TCP printer simulator stand in
 * for a printer on a serial line or on `/dev/usb/lp0`, so those transports are tested end to end.
 */
export function bridgePtyToTcp(options: SocatOptions & { host: string; port: number }): Promise<PtyPair> {
  return runSocat(options, () => `tcp:${options.host}:${options.port}`, false);
}

async function runSocat(
  options: SocatOptions,
  other: (devicePath: string) => string,
  pair: boolean,
): Promise<PtyPair> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'store-os-pty-'));
  const devicePath = join(dir, options.name ?? 'dev');
  const simulatorPath = pair ? `${devicePath}.sim` : devicePath;
  let child: ChildProcess;
  try {
    child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, other(devicePath)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
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
  let failure: Error | undefined;
  child.once('error', (error) => (failure = error));
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  while (!(existsSync(devicePath) && existsSync(simulatorPath))) {
    if (failure || child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      const hint = failure ? 'is socat installed? (apt-get install socat)' : stderr.trim() || 'timed out';
      throw new DeviceError(
        'simulator.pty-failed',
        'pty pair',
        `socat did not create the PTY (${failure?.message ?? ''} ${hint}).`,
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
