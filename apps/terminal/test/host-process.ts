// Runs the terminal's browser-mode host as its own process (`src/start.ts --browser`), so a test can
// kill it with SIGKILL as a crash or a power cut would, and start it again on the same data and port.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/start.ts', import.meta.url));

/** A host process and the address (with its token) its renderer is served at. */
export interface HostProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** SIGKILL: no shutdown handler runs, nothing is flushed that was not already on disk. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `start.ts --browser` (one Node process, no tsx wrapper, so the kill reaches the host itself). */
export function startHostProcess(options: {
  readonly dataDir: string;
  readonly serverUrl: string;
  readonly port?: number;
  readonly enrollmentCode?: string;
}): Promise<HostProcess> {
  const args = ['--import', 'tsx', entry, '--browser', '--server', options.serverUrl];
  args.push('--data', options.dataDir, '--port', String(options.port ?? 0));
  const child = spawn(process.execPath, args, {
    env: { ...process.env, STORE_OS_ENROLLMENT_CODE: options.enrollmentCode ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the terminal host did not start within 120 s: ${out}`));
    }, 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /open (http:\/\/127\.0\.0\.1:(\d+)\/#token=\S+)/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        port: Number(match[2]),
        child,
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the terminal host exited (${code}) before it was ready: ${out}`));
    });
  });
}
