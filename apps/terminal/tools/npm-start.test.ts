// `npm start` end to end on a small catalog: the sync-server, the seeded demo store, the simulators and
// the terminal come up; the terminal enrolls itself with its one-time code; the start says which mode
// the terminal runs in (browser mode when Electron cannot start), how to log in, and where receipts land.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../src/host/session/demo-staff';
import { credentialPathIn } from '../src/host/terminal-options';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function socatUnavailable(): string | undefined {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'socat is not installed (the serial simulators need its PTY pairs)';
  }
}
const unavailable = socatUnavailable();
if (unavailable) console.log(`npm-start.test: skipped, ${unavailable}`);

/** Resolves with everything printed once `done` appears; rejects if the process exits first. */
function outputUntil(child: ChildProcess, done: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(done)) resolve(output);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)),
    );
  });
}

describe.skipIf(unavailable !== undefined)('npm start (the demo store)', () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('brings up the store with an enrolled terminal and prints how to log in and where receipts appear', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'npm-start-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: repoRoot,
      env: { ...process.env, POS_DATA_DIR: dataDir, POS_PORT: '0', POS_DEMO_PRODUCTS: '300' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const output = await outputUntil(child, 'Ctrl+C stops the store.');

    // The terminal says which mode it runs in and why.
    expect(output).toMatch(
      /terminal: starting Electron|terminal: Electron cannot start here \(.+\); starting in browser mode instead\./,
    );
    // Enrolled with the seeded one-time code, without anyone typing it.
    expect(existsSync(credentialPathIn(join(dataDir, 'terminal')))).toBe(true);
    expect(output).toContain('s001-t01 of store s001');
    expect(output).toMatch(/\[seed\] catalog \d+\/\d+ documents/);
    for (const member of DEMO_STAFF)
      expect(output).toContain(`${member.name} (${member.role}): PIN ${member.pin}`);
    expect(output).toContain(
      `receipts from the simulated printer (SVG): ${join(dataDir, 'devices', 'receipts')}`,
    );

    // In browser mode the printed page is the terminal's renderer.
    const page = /terminal \(browser mode[^)]*\): (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output)?.[1];
    if (page) {
      const response = await fetch(page);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  }, 240_000);
});
