// `--couch-url` mode against pouchdb-server standing in for Apache CouchDB: provisioning, `_security`,
// the validation design document enforced by the cluster, enrollment into `_users`, revocation, and the
// stock roll-up from store databases into `stock-levels` over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movementDoc, orderDoc } from '../testing/fixtures';
import type { PouchServerPeer } from '../testing/pouchdb-server-peer';
import { basicAuth } from '../testing/test-server';
import type { CouchModeServer } from './couch-mode';
import { startCouchModeFixture, startTestCouchMode, type CouchModeFixture } from './couch-test-kit';

let f: CouchModeFixture;
let couch: PouchServerPeer;
let server: CouchModeServer;

beforeAll(async () => {
  f = await startCouchModeFixture();
  ({ couch, server } = f);
}, 30_000);
afterAll(() => f.stop());

type Cred = { name: string; password: string };
async function onCouch<T>(
  path: string,
  init: { method?: string; as?: Cred; json?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.as) headers.Authorization = basicAuth(init.as);
  const res = await fetch(couch.url + path, {
    method: init.method ?? 'GET',
    headers,
    ...(init.json ? { body: JSON.stringify(init.json) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}
async function onServer<T>(path: string, json: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(json),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe('CouchDB cluster mode', () => {
  it('provisions the standard databases with _security and the validation design document', async () => {
    for (const db of ['catalog', 'stock-levels', 'web-orders', 'hq']) {
      expect((await onCouch(`/${db}/_design/store-os`)).status).toBe(200);
    }
    const security = await onCouch<{ members: { roles: string[] } }>('/catalog/_security');
    expect(security.body.members.roles).toEqual(['hq', 'it', 'store']);
  });

  it('creates a store and enrolls a terminal whose writes the cluster validates', async () => {
    expect((await onServer('/_pos/stores', { id: 's001' })).status).toBe(201);
    const issued = await onServer<{ enrollmentCode: string }>('/_pos/stores/s001/terminals', {
      terminalId: 's001-t01',
    });
    const enrolled = await onServer<{ name: string; password: string }>('/_pos/enroll', {
      code: issued.body.enrollmentCode,
    });
    expect(enrolled.status).toBe(201);
    expect((await onServer('/_pos/enroll', { code: issued.body.enrollmentCode })).status).toBe(401);
    const terminal = { name: enrolled.body.name, password: enrolled.body.password };

    const user = await onCouch<{ roles: string[] }>('/_users/org.couchdb.user:s001-t01');
    expect(user.body.roles).toEqual(['terminal', 'store:s001', 'store']);
    const security = await onCouch<{ members: { roles: string[] } }>('/store-s001/_security');
    expect(security.body.members.roles).toEqual(['hq', 'store:s001']);

    const good = orderDoc('s001', 's001-t01');
    expect(
      (await onCouch(`/store-s001/${good._id as string}`, { method: 'PUT', as: terminal, json: good }))
        .status,
    ).toBe(201);
    const wrongStore = orderDoc('s002', 's001-t01');
    const refused = await onCouch<{ error: string }>(`/store-s001/${wrongStore._id as string}`, {
      method: 'PUT',
      as: terminal,
      json: wrongStore,
    });
    expect(refused).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const catalogWrite = await onCouch<{ error: string }>('/catalog/product:x', {
      method: 'PUT',
      as: terminal,
      json: { type: 'product', schemaVersion: 2 },
    });
    expect(catalogWrite.status).toBe(403);

    expect((await onServer('/_pos/terminals/s001-t01/revoke', {})).status).toBe(200);
    expect((await onCouch('/_session', { as: terminal })).status).toBe(401);
  });

  it('rolls movements up into stock-levels on the cluster, idempotently', async () => {
    await onServer('/_pos/stores', { id: 's002' });
    const m1 = movementDoc('s001', 's001-t01', 'TEA', 'wh', 12);
    const m2 = movementDoc('s002', 's002-t01', 'TEA', 'wh', -5);
    await onCouch('/store-s001/_bulk_docs', { method: 'POST', json: { docs: [m1] } });
    await onCouch('/store-s002/_bulk_docs', { method: 'POST', json: { docs: [m2] } });
    await server.rollup.catchUp();
    await server.rollup.catchUp();
    const level = await onCouch<{ onHand: number; movementCount: number; type: string }>(
      '/stock-levels/stock-level:TEA:wh',
    );
    expect(level.body).toMatchObject({ type: 'stock-level', onHand: 7, movementCount: 2 });
  });

  it('re-provisions at a start only what differs: unchanged design documents keep their revision', async () => {
    type Ddoc = { _rev: string; validate_doc_update: string };
    const rev = async (path: string) => (await onCouch<{ _rev: string }>(path)).body._rev;
    const unchanged = [
      '/catalog/_design/store-os',
      '/store-s002/_design/store-os',
      '/pos-rollup/_design/rollup',
    ];
    const before = await Promise.all(unchanged.map(rev));
    // s001 carries yesterday's rules (a schema changed since); s002's were deleted by hand.
    const current = (await onCouch<Ddoc>('/store-s001/_design/store-os')).body;
    const old = { ...current, validate_doc_update: 'function (newDoc) { /* older rules */ }' };
    expect((await onCouch('/store-s001/_design/store-os', { method: 'PUT', json: old })).status).toBe(201);
    const stale = await rev('/store-s001/_design/store-os');
    const s003 = await onServer('/_pos/stores', { id: 's003' });
    expect(s003.status).toBe(201);
    const deleted = await rev('/store-s003/_design/store-os');
    await onCouch(`/store-s003/_design/store-os?rev=${deleted}`, { method: 'DELETE' });

    await server.close();
    server = f.server = await startTestCouchMode(couch.url, f.dataDir);
    expect(await Promise.all(unchanged.map(rev))).toEqual(before);
    const rewritten = await onCouch<Ddoc>('/store-s001/_design/store-os');
    expect(rewritten.body._rev).not.toBe(stale);
    expect(rewritten.body.validate_doc_update).toBe(current.validate_doc_update);
    expect((await onCouch('/store-s003/_design/store-os')).status).toBe(200);
  });

  it('answers 502 when the cluster does not answer, and keeps serving', async () => {
    await server.firstPass;
    await couch.stop();
    for (const [method, path] of [
      ['GET', '/_session'],
      ['GET', '/_hq/api/me'],
      ['POST', '/_pos/stores'],
    ] as const) {
      const res = await fetch(server.url + path, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ id: 's009' }) } : {}),
      });
      expect(res.status, path).toBe(502);
      expect(((await res.json()) as { reason: string }).reason).toMatch(/cluster did not answer/);
    }
    expect((await fetch(`${server.url}/_up`)).status).toBe(200);
  });
});
