import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@store-os/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSyncServerProcess,
  syncServerUnavailable,
  type SyncServerProcess,
} from '../../../test/sync-server-process';
import { authorizationOf, enrollTerminal, readCredential } from './terminal-credential';

const unavailable = syncServerUnavailable();
if (unavailable) console.log(`terminal-credential.test: skipped, ${unavailable}`);

describe.skipIf(unavailable !== undefined)('enrollment against the real sync-server', () => {
  let server: SyncServerProcess;
  let dir: string;
  beforeAll(async () => {
    server = await startSyncServerProcess();
    await server.createStore('s001');
    await server.createStore('s002');
    dir = await mkdtemp(join(tmpdir(), 'credential-'));
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('exchanges the one-time code for a credential kept 0600, which then reads the store and nothing else', async () => {
    const code = await server.enrollmentCode('s001', 's001-t07');
    const path = join(dir, 'credential.json');
    const credential = await enrollTerminal({ serverUrl: `${server.url}/`, code, path, now: new Date(0) });
    expect(credential).toMatchObject({ serverUrl: server.url, terminalId: 's001-t07', storeId: 's001' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readCredential(path)).toEqual(credential);
    expect(JSON.parse(await readFile(path, 'utf8'))).toHaveProperty('password', credential.password);

    const headers = { Authorization: authorizationOf(credential) };
    expect((await fetch(`${server.url}/store-s001`, { headers })).status).toBe(200);
    expect((await fetch(`${server.url}/store-s002`, { headers })).status).toBe(403);

    // The code was used: a second exchange is refused with the server's reason.
    const again = await enrollTerminal({
      serverUrl: server.url,
      code,
      path: join(dir, 'x.json'),
      now: new Date(0),
    }).catch((e: unknown) => e);
    expect(isDomainError(again) && again.code).toBe('enrollment.refused');
    expect(String(again)).toMatch(/unknown, expired or already used/);
  });

  it('says which server did not answer', async () => {
    const error = await enrollTerminal({
      serverUrl: 'http://127.0.0.1:9',
      code: 'x',
      path: join(dir, 'none.json'),
      now: new Date(0),
    }).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('enrollment.unreachable');
    expect(await readCredential(join(dir, 'none.json'))).toBeUndefined();
  });
});
