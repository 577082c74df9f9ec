// Hostile or broken requests each get a clear 4xx, and the server keeps serving afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderDoc } from '../testing/fixtures';
import { startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
const manager = { name: 'mgr', password: 'manager-password' };

beforeAll(async () => {
  t = await startTestServer({ maxBodyBytes: 20_000 });
  await t.call('/_pos/stores', { method: 'POST', json: { id: 's001' } });
  await t.call('/_pos/stores', { method: 'POST', json: { id: 's002' } });
  await t.call('/_pos/users', { method: 'POST', json: { ...manager, role: 'manager', storeId: 's001' } });
  await t.call('/plain', { method: 'PUT' });
});
afterAll(async () => {
  await t.close();
});

const raw = (path: string, body: string, method = 'POST') =>
  t.json<{ error: string; reason: string }>(path, {
    method,
    body,
    headers: { 'Content-Type': 'application/json' },
  });

describe('bad input', () => {
  it('answers malformed JSON with 400', async () => {
    expect(await raw('/plain/_bulk_docs', '{"docs": [')).toMatchObject({
      status: 400,
      body: { error: 'bad_request' },
    });
  });

  it('answers a body over the limit with 413', async () => {
    const big = JSON.stringify({ docs: [{ _id: 'big', pad: 'x'.repeat(30_000) }] });
    expect(await raw('/plain/_bulk_docs', big)).toMatchObject({ status: 413, body: { error: 'too_large' } });
  });

  it('answers very deep nesting with 400 instead of overflowing the stack', async () => {
    const deep = '{"docs":[{"_id":"deep","v":' + '['.repeat(5000) + ']'.repeat(5000) + '}]}';
    const res = await raw('/plain/_bulk_docs', deep);
    expect(res.status).toBe(400);
    expect(res.body.reason).toContain('nesting');
  });

  it('refuses invalid document ids', async () => {
    // CouchDB 3 calls every malformed id `illegal_docid` (400).
    expect((await raw('/plain/_bulk_docs', JSON.stringify({ docs: [{ _id: '' }] }))).body).toEqual([
      expect.objectContaining({ error: 'illegal_docid', reason: 'Document id must not be empty.' }),
    ]);
    // 300 characters but 600 bytes: the limit is in bytes.
    const long = 'é'.repeat(300);
    expect(
      await t.json(`/plain/${encodeURIComponent(long)}`, { method: 'PUT', json: { a: 1 } }),
    ).toMatchObject({ status: 400, body: { error: 'illegal_docid' } });
    const exact = 'a'.repeat(512);
    expect(await t.json(`/plain/${exact}`, { method: 'PUT', json: { a: 1 } })).toMatchObject({ status: 201 });
    expect(
      (await raw('/plain/_bulk_docs', JSON.stringify({ docs: [{ _id: `${exact}b` }, { _id: 'fine' }] })))
        .body,
    ).toEqual([
      expect.objectContaining({ id: `${exact}b`, error: 'illegal_docid' }),
      expect.objectContaining({ id: 'fine', ok: true }),
    ]);
    expect(await t.json('/plain/_bad', { method: 'PUT', json: { a: 1 } })).toMatchObject({
      status: 400,
      body: { error: 'illegal_docid' },
    });
    expect(await raw('/plain', JSON.stringify({ _id: '_bad' }))).toMatchObject({
      status: 400,
      body: { error: 'illegal_docid' },
    });
    const design = await t.json('/store-s001/_design/evil', {
      method: 'PUT',
      as: manager,
      json: { language: 'javascript' },
    });
    expect(design).toMatchObject({ status: 403, body: { error: 'forbidden' } });
  });

  it('refuses wrong types in request bodies and parameters', async () => {
    expect((await raw('/plain/_bulk_docs', '{"docs": {"a": 1}}')).status).toBe(400);
    expect((await raw('/plain/_bulk_docs', '{"docs": [1, 2]}')).status).toBe(400);
    expect((await raw('/plain/_bulk_docs', '{"docs": [], "new_edits": "no"}')).status).toBe(400);
    expect((await raw('/plain/_all_docs', '{"keys": "a"}')).status).toBe(400);
    expect((await raw('/plain/_revs_diff', '{"a": "1-x"}')).status).toBe(400);
    expect((await t.json('/plain/_changes?limit=-1')).status).toBe(400);
    expect((await t.json('/plain/_changes?feed=sideways')).status).toBe(400);
    expect((await raw('/plain', '[1,2]')).status).toBe(400);
    expect((await t.json('/Bad-Name', { method: 'PUT' })).body).toMatchObject({
      error: 'illegal_database_name',
    });
  });

  it('refuses unknown document types in a store database with forbidden', async () => {
    const res = await t.json<{ error: string }[]>('/store-s001/_bulk_docs', {
      method: 'POST',
      as: manager,
      json: { docs: [{ _id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0B', type: 'teleporter', schemaVersion: 1 }] },
    });
    expect(res.body[0]?.error).toBe('forbidden');
  });

  it('answers attachments, views and unknown endpoints with clear errors', async () => {
    expect(await t.json('/plain/doc/file.png', { method: 'PUT', body: 'x' })).toMatchObject({
      status: 501,
      body: { error: 'not_implemented' },
    });
    expect((await t.json('/plain/doc/file.png')).status).toBe(501);
    expect((await t.json('/plain/fine?attachments=true')).status).toBe(501);
    const inline = await raw(
      '/plain/_bulk_docs',
      JSON.stringify({
        docs: [
          { _id: 'with-file', _attachments: { 'a.txt': { content_type: 'text/plain', data: 'aGk=' } } },
          { _id: 'without-file' },
        ],
      }),
    );
    expect(inline.body).toEqual([
      expect.objectContaining({ id: 'with-file', error: 'bad_request' }),
      expect.objectContaining({ id: 'without-file', ok: true }),
    ]);
    expect((await t.json('/plain/with-file')).status).toBe(404);
    expect((await t.json('/plain/_design/d/_view/v')).status).toBe(501);
    expect((await t.json('/_config')).status).toBe(404);
    expect((await t.json('/plain/_bulk_docs', { method: 'GET' })).status).toBe(405);
  });

  it('refuses wrong passwords and other stores', async () => {
    expect(await t.json('/store-s001', { as: { ...manager, password: 'wrong' } })).toEqual({
      status: 401,
      body: { error: 'unauthorized', reason: 'Name or password is incorrect.' },
    });
    expect(await t.json('/store-s002', { as: manager })).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    expect(await t.json('/store-s002/_all_docs', { as: manager })).toMatchObject({ status: 403 });
    expect(await t.json('/store-s001', { as: null })).toMatchObject({
      status: 401,
      body: { error: 'unauthorized' },
    });
    const malformed = await t.json('/store-s001', {
      as: null,
      headers: { Authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` },
    });
    expect(malformed).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
  });

  it('still serves correct requests after all of the above', async () => {
    const order = orderDoc('s001', 's001-t01');
    expect(
      (await t.json(`/store-s001/${order._id as string}`, { method: 'PUT', as: manager, json: order }))
        .status,
    ).toBe(201);
    expect((await t.json('/')).status).toBe(200);
  });
});
