// Starting the store's processes: each child's output is prefixed with its name, and a child that
// announces readiness with a line is awaited with a timeout that names it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A started child and the first line that matched its ready pattern. */
export interface StartedChild {
  readonly child: ChildProcess;
  readonly match: RegExpMatchArray;
}

/** Spawns `command`, prefixes its output with `[name]`, resolves when a line matches `ready`. */
export function startChild(
  name: string,
  command: string,
  args: readonly string[],
  options: { ready: RegExp; env?: NodeJS.ProcessEnv; timeoutMs?: number; stdin?: 'pipe' | 'ignore' },
): Promise<StartedChild> {
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env },
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      child.kill('SIGTERM');
      reject(new Error(`${name} did not become ready within ${(options.timeoutMs ?? 60_000) / 1000} s`));
    }, options.timeoutMs ?? 60_000);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        console.log(`[${name}] ${line}`);
        const match = line.match(options.ready);
        if (match && !done) {
          done = true;
          clearTimeout(timer);
          resolve({ child, match });
        }
      });
    }
    child.once('exit', (code) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
  });
}

/** Sends SIGTERM and waits for the child to exit (SIGKILL after `graceMs`). */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
