// The parts of the CouchDB API the oracle test cannot compare with pouchdb-server (which answers them
// differently or not at all): database facts, `_ensure_full_commit`, `_security`, `latest`,
// `seq_interval`, deleting a database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
}, 30_000);
afterAll(async () => {
  await s.close();
});

describe('database endpoints', () => {
  it('reports update_seq and a stable instance_start_time, and deletes a database with its documents', async () => {
    expect((await s.call('/facts', { method: 'PUT' })).status).toBe(201);
    const before = await s.json<{ update_seq: number; instance_start_time: string }>('/facts');
    expect(before.body.update_seq).toBe(0);
    expect(before.body.instance_start_time).toMatch(/^\d+$/);
    await s.call('/facts/_bulk_docs', { method: 'POST', json: { docs: [{ _id: 'a' }, { _id: 'b' }] } });
    const after = await s.json<{ update_seq: number; instance_start_time: string; doc_count: number }>(
      '/facts',
    );
    expect(after.body).toMatchObject({
      update_seq: 2,
      doc_count: 2,
      instance_start_time: before.body.instance_start_time,
    });
    expect((await s.json('/facts', { method: 'DELETE' })).body).toEqual({ ok: true });
    expect((await s.call('/facts/a')).status).toBe(404);
    expect((await s.json('/facts')).status).toBe(404);
    // Re-created, it starts empty: nothing of the deleted database comes back.
    await s.call('/facts', { method: 'PUT' });
    expect((await s.json<{ doc_count: number }>('/facts')).body.doc_count).toBe(0);
  });

  it('answers _ensure_full_commit as CouchDB does (writes are already durable when acknowledged)', async () => {
    await s.call('/efc', { method: 'PUT' });
    const res = await s.json<{ ok: boolean; instance_start_time: string }>('/efc/_ensure_full_commit', {
      method: 'POST',
    });
    expect(res.status).toBe(201);
    expect(res.body.ok).toBe(true);
  });

  it('lets the admin read and replace _security, and refuses a malformed one', async () => {
    await s.call('/sec', { method: 'PUT' });
    const security = { admins: { names: [], roles: [] }, members: { names: ['ann'], roles: ['hq'] } };
    expect((await s.json('/sec/_security', { method: 'PUT', json: security })).status).toBe(200);
    expect((await s.json('/sec/_security')).body).toEqual(security);
    expect((await s.json('/sec/_security', { method: 'PUT', json: { members: 'everyone' } })).status).toBe(
      400,
    );
  });

  it('follows `latest` to the leaf that replaced an asked-for revision', async () => {
    await s.call('/lat', { method: 'PUT' });
    await s.call('/lat/_bulk_docs', {
      method: 'POST',
      json: {
        new_edits: false,
        docs: [{ _id: 'd', _rev: '2-bbb', v: 2, _revisions: { start: 2, ids: ['bbb', 'aaa'] } }],
      },
    });
    const plain = await s.json<{ _rev: string }>('/lat/d?rev=1-aaa');
    expect(plain.status).toBe(404);
    const latest = await s.json<{ _rev: string; v: number }>('/lat/d?rev=1-aaa&latest=true');
    expect(latest.body).toMatchObject({ _rev: '2-bbb', v: 2 });
    const bulk = await s.json<{ results: { docs: { ok?: { _rev: string } }[] }[] }>(
      '/lat/_bulk_get?latest=true',
      { method: 'POST', json: { docs: [{ id: 'd', rev: '1-aaa' }] } },
    );
    expect(bulk.body.results[0]?.docs[0]?.ok?._rev).toBe('2-bbb');
  });

  it('accepts seq_interval on _changes and still returns every change with its seq', async () => {
    await s.call('/seqi', { method: 'PUT' });
    await s.call('/seqi/_bulk_docs', {
      method: 'POST',
      json: { docs: [{ _id: 'x' }, { _id: 'y' }, { _id: 'z' }] },
    });
    const res = await s.json<{ results: { seq: number; id: string }[]; last_seq: number }>(
      '/seqi/_changes?seq_interval=100',
    );
    expect(res.body.results.map((r) => r.id)).toEqual(['x', 'y', 'z']);
    expect(res.body.last_seq).toBe(3);
  });
});
