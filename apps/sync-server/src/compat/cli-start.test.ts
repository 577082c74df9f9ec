// The start interface other tooling relies on (issue 3), exercised exactly as documented:
// `npm run server -- --port <p> --data <dir>` from the repository root, `--host` defaulting to
// 127.0.0.1, the admin created from POS_ADMIN_USER / POS_ADMIN_PASSWORD on the first start (and
// refused without them), the `listening on http://<host>:<port>` line, `--max-body`, and SIGTERM
// without losing an acknowledged write.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../testing/pouchdb-server-peer';
import { basicAuth, tempDataDir } from '../testing/test-server';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const boss = { name: 'boss', password: 'boss-password-1' };

/** A `npm run server` process group (npm, its shell, tsx and the server), led by npm. */
interface Started {
  child: ChildProcess;
  lines: string[];
  stderr: () => string;
  /** Resolves with npm's exit code once npm has exited. */
  exited: Promise<number | null>;
}

const groups: ChildProcess[] = [];
const dataDirs: string[] = [];

afterAll(async () => {
  for (const child of groups) await stopGroup(child, 'SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** The environment without any admin variables, plus `extra`. */
function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!('POS_ADMIN_USER' in extra)) delete env.POS_ADMIN_USER;
  if (!('POS_ADMIN_PASSWORD' in extra)) delete env.POS_ADMIN_PASSWORD;
  return env;
}

/** Runs `npm run server -- …args` and resolves when it printed its listening line or exited. */
async function npmRunServer(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  // Its own process group, so the test can stop npm and everything it started by the group's id.
  const child = spawn('npm', ['run', 'server', '--silent', '--', ...args], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  groups.push(child);
  const lines: string[] = [];
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line: ${out}${err}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const parts = out.split('\n');
      out = parts.pop() ?? '';
      lines.push(...parts);
      if (parts.some((l) => l.startsWith('listening on '))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { child, lines, stderr: () => err, exited };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals the whole group (as a service manager does) and waits until none of it is left. */
async function stopGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined || !groupAlive(pgid)) return;
  process.kill(-pgid, signal);
  for (let i = 0; i < 600 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
}

/** The local addresses with a listening TCP socket on `port` (Linux /proc). */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [address = '', portHex = ''] = (cols[1] ?? '').split(':');
      if (cols[3] !== '0A' || Number.parseInt(portHex, 16) !== port) continue;
      // IPv4 entries are four little-endian bytes in hex; IPv6 ones are kept as they are.
      found.push(
        address.length === 8
          ? (address.match(/../g) ?? [])
              .reverse()
              .map((b) => Number.parseInt(b, 16))
              .join('.')
          : address,
      );
    }
  }
  return found;
}

describe('npm run server', () => {
  it('starts on 127.0.0.1 with the admin from the environment, and keeps acknowledged writes across SIGTERM', async () => {
    const dataDir = tempDataDir('cli-start-');
    dataDirs.push(dataDir);
    // Port 0: the server picks one and the line must name the one it really listens on.
    const first = await npmRunServer(
      ['--port', '0', '--data', dataDir, '--max-body', '4096'],
      envWith({ POS_ADMIN_USER: boss.name, POS_ADMIN_PASSWORD: boss.password }),
    );
    const line = first.lines.find((l) => l.startsWith('listening on '));
    expect(line, first.stderr()).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(line?.split(':').at(-1));
    expect(port).toBeGreaterThan(0);
    expect(listeningAddresses(port)).toEqual(['127.0.0.1']);

    const url = `http://127.0.0.1:${port}`;
    const headers = { Authorization: basicAuth(boss), 'Content-Type': 'application/json' };
    const session = await fetch(`${url}/_session`, { headers });
    expect(((await session.json()) as { userCtx: unknown }).userCtx).toEqual({
      name: 'boss',
      roles: ['_admin'],
    });
    const wrong = await fetch(`${url}/_all_dbs`, {
      headers: { Authorization: basicAuth({ name: 'boss', password: 'not-it' }) },
    });
    expect(wrong.status).toBe(401);

    expect((await fetch(`${url}/cli-db`, { method: 'PUT', headers })).status).toBe(201);
    const tooBig = await fetch(`${url}/cli-db/_bulk_docs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ docs: [{ _id: 'big', pad: 'x'.repeat(5000) }] }),
    });
    expect(tooBig.status).toBe(413);
    const put = await fetch(`${url}/cli-db/kept`, { method: 'PUT', headers, body: '{"v":1}' });
    expect(put.status).toBe(201);
    const { rev } = (await put.json()) as { rev: string };

    await stopGroup(first.child, 'SIGTERM');
    expect(groupAlive(first.child.pid ?? 0)).toBe(false);

    // Later starts need no admin variables (the admin is in the data folder); an explicit --port is used.
    const port2 = await freePort();
    const second = await npmRunServer(['--port', String(port2), '--data', dataDir], envWith({}));
    expect(second.lines, second.stderr()).toContain(`listening on http://127.0.0.1:${port2}`);
    const kept = await fetch(`http://127.0.0.1:${port2}/cli-db/kept`, { headers });
    expect(kept.status).toBe(200);
    expect(await kept.json()).toEqual({ _id: 'kept', _rev: rev, v: 1 });
    await stopGroup(second.child, 'SIGTERM');
  }, 120_000);

  it('refuses a first start without POS_ADMIN_USER and POS_ADMIN_PASSWORD', async () => {
    const dataDir = tempDataDir('cli-start-');
    dataDirs.push(dataDir);
    const started = await npmRunServer(['--port', '0', '--data', dataDir], envWith({}));
    expect(await started.exited).not.toBe(0);
    expect(started.lines.some((l) => l.startsWith('listening on'))).toBe(false);
    expect(started.stderr()).toContain('POS_ADMIN_USER');
  }, 60_000);

  it('refuses a start without --port or --data with a usage message', async () => {
    const dataDir = tempDataDir('cli-start-');
    dataDirs.push(dataDir);
    const started = await npmRunServer(['--data', dataDir], envWith({}));
    expect(await started.exited).not.toBe(0);
    expect(started.stderr()).toContain('--port');
  }, 60_000);
});
