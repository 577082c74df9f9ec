// The HTTP options of the CLI (`--max-body`, `--cors`) in `--couch-url` mode, through the real CLI in its
// own process against pouchdb-server standing in for CouchDB: every path the services node serves
// answers 413 over the limit and echoes only allowed origins (answers and preflights), as the embedded
// mode does; the replica's own replication is not bound by the public limit.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../api/webhook-receiver';
import { productDoc } from '../testing/fixtures';
import { startPouchServer, type PouchServerPeer } from '../testing/pouchdb-server-peer';
import { spawnServer, type ServerProcess } from '../testing/server-process';
import { tempDataDir } from '../testing/test-server';
import { CouchClient } from './couch-client';

const LIMIT = 4096;
const ALLOWED = 'https://pos.example.com';
const REFUSED = 'https://elsewhere.example.com';

let couch: PouchServerPeer;
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  couch = await startPouchServer({ inMemory: true });
  dataDir = tempDataDir('couch-mode-http-');
  server = await spawnServer(dataDir, undefined, [
    '--couch-url',
    couch.url,
    '--max-body',
    String(LIMIT),
    '--cors',
    `${ALLOWED}, https://hq.example.com`,
  ]);
  // /_hq and /_api answer once the replica has copied the cluster once.
  await eventually(
    'the first replica pass',
    async () => (await fetch(`${server.url}/_hq/api/me`)).status !== 503,
  );
}, 60_000);
afterAll(async () => {
  await server?.kill('SIGTERM');
  await couch?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A POST with a JSON body of about `bytes` bytes (pouchdb-server's admin party: anonymous is admin). */
function post(path: string, bytes: number, origin?: string): Promise<Response> {
  const body = JSON.stringify({ id: 's001', name: 'Store 1', pad: 'x'.repeat(Math.max(0, bytes - 40)) });
  return fetch(server.url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
    body,
  });
}

describe('--max-body and --cors in CouchDB cluster mode', () => {
  it('answers 413 above --max-body on every path family it serves, and takes what fits', async () => {
    for (const path of ['/_pos/stores', '/_api/keys', '/_hq/api/catalog/products.csv']) {
      const res = await post(path, LIMIT + 100);
      expect(res.status, path).toBe(413);
      // The integration API answers problem+json, the others CouchDB's {error, reason}: both name the limit.
      expect(await res.text(), path).toContain(`${LIMIT}-byte limit`);
    }
    // Under the limit the same administration request is served (the store is created on the cluster).
    expect((await post('/_pos/stores', LIMIT - 200)).status).toBe(201);
    expect((await fetch(`${couch.url}/store-s001`)).status).toBe(200);
    // Sign-in bodies keep their own 64 KiB cap, as in the embedded mode.
    const signIn = await fetch(`${server.url}/_session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x', password: 'y'.repeat(70_000) }),
    });
    expect(signIn.status).toBe(413);
  });

  it('echoes an allowed origin with credentials and nothing for a refused one, on answers and preflights', async () => {
    for (const path of ['/_up', '/_hq/api/me', '/_pos/stores/s001/terminals', '/_updates/manifest.json']) {
      const allowed = await fetch(server.url + path, { headers: { Origin: ALLOWED } });
      expect(allowed.headers.get('access-control-allow-origin'), path).toBe(ALLOWED);
      expect(allowed.headers.get('access-control-allow-credentials'), path).toBe('true');
      const refused = await fetch(server.url + path, { headers: { Origin: REFUSED } });
      expect(refused.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    const preflight = (origin: string) =>
      fetch(`${server.url}/_hq/api/heartbeat`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type',
        },
      });
    const ok = await preflight(ALLOWED);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    const no = await preflight(REFUSED);
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
    // An answer over the limit still carries the CORS headers, so the browser can read the 413.
    const tooLarge = await post('/_pos/stores', LIMIT + 100, ALLOWED);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('replicates documents larger than --max-body into the services replica', async () => {
    const big = { ...productDoc('BIG'), description: 'd'.repeat(4000) };
    expect(JSON.stringify(big).length).toBeGreaterThan(LIMIT);
    await new CouchClient(couch.url).request('PUT', '/catalog/product:BIG', big);
    const csv = await eventually('the large product in HQ', async () => {
      const text = await (await fetch(`${server.url}/_hq/api/catalog/products.csv`)).text();
      return text.includes('BIG') ? text : undefined;
    });
    expect(csv).toContain('BIG');
  });
});
