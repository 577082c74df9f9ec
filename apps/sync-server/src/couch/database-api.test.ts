// The parts of the CouchDB API the oracle test cannot compare with pouchdb-server (which answers them
// differently or not at all): database facts, `_ensure_full_commit`, `_security`, `latest`,
// `seq_interval`, deleting a database; and CouchDB 3's own status codes and `{error, reason}` bodies
// (the oracle does not compare reasons).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tempDataDir, type TestServer } from '../testing/test-server';

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
    // A document delete whose id went missing (`/facts/?rev=`) must not drop the database (CouchDB: 400).
    expect(await s.json('/facts/?rev=1-abc', { method: 'DELETE' })).toMatchObject({
      status: 400,
      body: { error: 'bad_request' },
    });
    expect((await s.json<{ doc_count: number }>('/facts')).body.doc_count).toBe(2);
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

  it('keeps a sequence per database', async () => {
    await s.call('/seq-a', { method: 'PUT' });
    await s.call('/seq-b', { method: 'PUT' });
    await s.call('/seq-a/_bulk_docs', { method: 'POST', json: { docs: [{ _id: '1' }, { _id: '2' }] } });
    await s.call('/seq-b/one', { method: 'PUT', json: {} });
    expect((await s.json<{ update_seq: number }>('/seq-a')).body.update_seq).toBe(2);
    expect((await s.json<{ update_seq: number }>('/seq-b')).body.update_seq).toBe(1);
    const feed = await s.json<{ results: { seq: number }[] }>('/seq-b/_changes');
    expect(feed.body.results.map((r) => r.seq)).toEqual([1]);
  });

  it('answers HEAD /{db} with the status and no body', async () => {
    await s.call('/headed', { method: 'PUT' });
    const found = await s.call('/headed', { method: 'HEAD' });
    expect(found.status).toBe(200);
    expect(await found.text()).toBe('');
    expect((await s.call('/not-there', { method: 'HEAD' })).status).toBe(404);
  });

  it('pages _all_docs with endkey, inclusive_end, skip and GET keys', async () => {
    await s.call('/range', { method: 'PUT' });
    await s.call('/range/_bulk_docs', {
      method: 'POST',
      json: { docs: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ _id: id })) },
    });
    type Rows = { total_rows: number; offset: number; rows: { id: string; error?: string }[] };
    const ids = async (query: string) => (await s.json<Rows>(`/range/_all_docs?${query}`)).body;
    expect((await ids('startkey="b"&endkey="d"')).rows.map((r) => r.id)).toEqual(['b', 'c', 'd']);
    expect((await ids('startkey="b"&endkey="d"&inclusive_end=false')).rows.map((r) => r.id)).toEqual([
      'b',
      'c',
    ]);
    const skipped = await ids('skip=2&limit=2');
    expect(skipped).toMatchObject({ total_rows: 5, offset: 2 });
    expect(skipped.rows.map((r) => r.id)).toEqual(['c', 'd']);
    expect((await ids('descending=true&startkey="d"&endkey="b"')).rows.map((r) => r.id)).toEqual([
      'd',
      'c',
      'b',
    ]);
    const keyed = await ids(`keys=${encodeURIComponent('["e","zz","a"]')}`);
    expect(keyed.rows).toEqual([
      expect.objectContaining({ id: 'e' }),
      { key: 'zz', error: 'not_found' },
      expect.objectContaining({ id: 'a' }),
    ]);
    expect((await s.json('/range/_all_docs?startkey=b')).status).toBe(400);
  });

  it('deletes _local documents and answers a missing one with 404', async () => {
    await s.call('/locals', { method: 'PUT' });
    const put = await s.json<{ rev: string }>('/locals/_local/cp', { method: 'PUT', json: { seq: 1 } });
    expect(put).toMatchObject({ status: 201, body: { rev: '0-1' } });
    expect((await s.json('/locals/_local/cp?rev=0-9', { method: 'DELETE' })).status).toBe(409);
    expect((await s.json('/locals/_local/cp?rev=0-1', { method: 'DELETE' })).body).toMatchObject({
      ok: true,
      id: '_local/cp',
    });
    expect(await s.json('/locals/_local/cp')).toEqual({
      status: 404,
      body: { error: 'not_found', reason: 'missing' },
    });
    expect((await s.json('/locals/_local/cp?rev=0-1', { method: 'DELETE' })).status).toBe(404);
    // Local documents never show in the changes feed or _all_docs.
    expect((await s.json<{ results: unknown[] }>('/locals/_changes')).body.results).toEqual([]);
  });

  it('reports deleted conflicts when asked', async () => {
    await s.call('/delc', { method: 'PUT' });
    await s.call('/delc/_bulk_docs', {
      method: 'POST',
      json: {
        new_edits: false,
        docs: [
          { _id: 'x', _rev: '2-live', v: 1, _revisions: { start: 2, ids: ['live', 'root'] } },
          { _id: 'x', _rev: '2-dead', _deleted: true, _revisions: { start: 2, ids: ['dead', 'root'] } },
        ],
      },
    });
    const doc = await s.json<Record<string, unknown>>('/delc/x?deleted_conflicts=true&conflicts=true');
    expect(doc.body).toMatchObject({ _rev: '2-live', _deleted_conflicts: ['2-dead'] });
    expect(doc.body._conflicts).toBeUndefined();
  });

  it('offers possible_ancestors in _revs_diff and reports a missing revision in _bulk_get as CouchDB does', async () => {
    await s.call('/diff', { method: 'PUT' });
    await s.call('/diff/_bulk_docs', {
      method: 'POST',
      json: { new_edits: false, docs: [{ _id: 'd', _rev: '1-aaa', v: 1 }] },
    });
    const diff = await s.json('/diff/_revs_diff', {
      method: 'POST',
      json: { d: ['1-aaa', '2-bbb'], e: ['1-x'] },
    });
    expect(diff.body).toEqual({
      d: { missing: ['2-bbb'], possible_ancestors: ['1-aaa'] },
      e: { missing: ['1-x'] },
    });
    const got = await s.json('/diff/_bulk_get', {
      method: 'POST',
      json: { docs: [{ id: 'd', rev: '9-zzz' }, { id: 'nope' }] },
    });
    expect(got.body).toMatchObject({
      results: [
        { id: 'd', docs: [{ error: { id: 'd', rev: '9-zzz', error: 'not_found', reason: 'missing' } }] },
        { id: 'nope', docs: [{ error: { id: 'nope', error: 'not_found', reason: 'missing' } }] },
      ],
    });
  });

  it('creates a document with POST /{db}, generating its id when none is given', async () => {
    await s.call('/posted', { method: 'PUT' });
    const generated = await s.json<{ ok: boolean; id: string; rev: string }>('/posted', {
      method: 'POST',
      json: { v: 1 },
    });
    expect(generated).toMatchObject({ status: 201, body: { ok: true } });
    expect(generated.body.id).toMatch(/^[0-9a-f]{32}$/);
    expect(generated.body.rev).toMatch(/^1-[0-9a-f]{32}$/);
    expect((await s.json(`/posted/${generated.body.id}`)).body).toMatchObject({ v: 1 });
    const named = await s.json<{ id: string }>('/posted', { method: 'POST', json: { _id: 'named', v: 2 } });
    expect(named).toMatchObject({ status: 201, body: { id: 'named' } });
    expect((await s.json('/posted', { method: 'POST', json: { _id: 'named', v: 3 } })).status).toBe(409);
  });

  it('hands out distinct uuids from /_uuids', async () => {
    const res = await s.json<{ uuids: string[] }>('/_uuids?count=3');
    expect(res.body.uuids).toHaveLength(3);
    expect(new Set(res.body.uuids).size).toBe(3);
    for (const uuid of res.body.uuids) expect(uuid).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers with CouchDB 3 status codes, error names and reasons', async () => {
    await s.call('/errs', { method: 'PUT' });
    const put = await s.json<{ rev: string }>('/errs/d', { method: 'PUT', json: { v: 1 } });
    expect(await s.json('/missing-db')).toEqual({
      status: 404,
      body: { error: 'not_found', reason: 'Database does not exist.' },
    });
    expect(await s.json('/errs/nope')).toEqual({
      status: 404,
      body: { error: 'not_found', reason: 'missing' },
    });
    expect(await s.json('/errs/d', { method: 'PUT', json: { v: 2 } })).toEqual({
      status: 409,
      body: { error: 'conflict', reason: 'Document update conflict.' },
    });
    expect(await s.json('/errs/d?rev=1-0000', { method: 'PUT', json: { v: 2 } })).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
    expect((await s.json('/errs/d', { method: 'DELETE' })).status).toBe(409);
    expect((await s.json(`/errs/d?rev=${put.body.rev}`, { method: 'DELETE' })).status).toBe(200);
    expect(await s.json('/errs/d')).toEqual({ status: 404, body: { error: 'not_found', reason: 'deleted' } });
    expect(await s.json('/errs', { method: 'PUT' })).toEqual({
      status: 412,
      body: {
        error: 'file_exists',
        reason: 'The database could not be created, the file already exists.',
      },
    });
    expect(await s.json('/errs/_bulk_docs', { method: 'POST', json: { nodocs: 1 } })).toEqual({
      status: 400,
      body: { error: 'bad_request', reason: 'POST body must include `docs` parameter.' },
    });
    expect(await s.json('/errs/_bulk_docs')).toEqual({
      status: 405,
      body: { error: 'method_not_allowed', reason: 'Only POST allowed' },
    });
    expect(await s.json('/errs/d?rev=junk')).toEqual({
      status: 400,
      body: { error: 'bad_request', reason: 'Invalid rev format' },
    });
    expect(await s.json('/errs/d?rev=7-abc')).toEqual({
      status: 404,
      body: { error: 'not_found', reason: 'missing' },
    });
    expect(await s.json('/Errs', { method: 'PUT' })).toMatchObject({
      status: 400,
      body: { error: 'illegal_database_name' },
    });
    expect((await s.json('/missing-db', { method: 'DELETE' })).status).toBe(404);
  });

  it('lets only the server admin create or delete databases and change _security', async () => {
    await s.call('/_pos/stores', { method: 'POST', json: { id: 's100' } });
    const manager = { name: 'mgr100', password: 'manager-password' };
    await s.call('/_pos/users', { method: 'POST', json: { ...manager, role: 'manager', storeId: 's100' } });
    // CouchDB 3 (couch_httpd:verify_is_server_admin) answers 401, not 403, for a user who is not admin.
    const notAdmin = { status: 401, body: { error: 'unauthorized', reason: 'You are not a server admin.' } };
    expect(await s.json('/by-manager', { method: 'PUT', as: manager })).toEqual(notAdmin);
    expect(await s.json('/store-s100', { method: 'DELETE', as: manager })).toEqual(notAdmin);
    expect((await s.json('/by-anyone', { method: 'PUT', as: null })).status).toBe(401);
    expect((await s.json('/store-s100', { as: manager })).status).toBe(200);
    const security = await s.json('/store-s100/_security', {
      method: 'PUT',
      as: manager,
      json: { members: { names: [], roles: [] } },
    });
    expect(security).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(
      (await s.json<{ members: { roles: string[] } }>('/store-s100/_security')).body.members.roles,
    ).toEqual(['hq', 'store:s100']);
  });
});

describe('server identity', () => {
  it('keeps the uuid of GET / across a restart', async () => {
    const dataDir = tempDataDir();
    let t = await startTestServer({ dataDir });
    try {
      const first = await t.json<{ couchdb: string; uuid: string; version: string }>('/', { as: null });
      expect(first.body).toMatchObject({ couchdb: 'Welcome' });
      expect(first.body.version).toMatch(/^3\./);
      expect(first.body.uuid).toMatch(/^[0-9a-f]{32}$/);
      await t.close(true);
      t = await startTestServer({ dataDir });
      expect((await t.json<{ uuid: string }>('/', { as: null })).body.uuid).toBe(first.body.uuid);
    } finally {
      await t.close();
    }
  });
});
