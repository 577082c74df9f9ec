// Every write is validated: schema and type, storeId against the database, append-only facts, and a
// refused document gets its own `forbidden` entry while the rest of the batch is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentExamples, documentTypes } from '@store-os/shared/schemas';
import { factId, movementDoc, orderDoc, productDoc } from '../testing/fixtures';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server';

let t: TestServer;
const manager = { name: 'm1', password: 'manager-password' };
type Row = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

beforeAll(async () => {
  t = await startTestServer();
  await t.call('/_pos/stores', { method: 'POST', json: { id: 's001' } });
  await t.call('/_pos/users', { method: 'POST', json: { ...manager, role: 'manager', storeId: 's001' } });
});
afterAll(async () => {
  await t.close();
});

const bulk = (docs: unknown[], as = manager, extra: object = {}) =>
  t.json<Row[]>('/store-s001/_bulk_docs', { method: 'POST', as, json: { docs, ...extra } });

describe('write validation', () => {
  it('refuses bad documents one by one and writes the rest of the batch', async () => {
    const good = orderDoc('s001', 's001-t01');
    const wrongStore = orderDoc('s002', 's002-t01');
    const unknownType = { _id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9AZZ', type: 'spaceship', schemaVersion: 1 };
    const wrongTypes = { ...orderDoc('s001', 's001-t01'), lines: 'not a list' };
    const catalogType = { _id: 'product:P9', type: 'product', schemaVersion: 2, productId: 'P9' };
    const res = await bulk([good, wrongStore, unknownType, wrongTypes, catalogType]);
    expect(res.status).toBe(201);
    expect(res.body[0]).toMatchObject({ ok: true, id: good._id });
    for (const row of res.body.slice(1)) expect(row.error).toBe('forbidden');
    expect(res.body[1]?.reason).toContain('does not match');
    expect(res.body[2]?.reason).toContain('unknown-type');
    expect((await t.call(`/store-s001/${good._id as string}`)).status).toBe(200);
    expect((await t.call(`/store-s001/${wrongStore._id as string}`)).status).toBe(404);
  });

  it('lets a manager write staff (PIN) documents and refuses a terminal writing or deleting them', async () => {
    const issued = await t.json<{ enrollmentCode: string }>('/_pos/stores/s001/terminals', {
      method: 'POST',
      json: { terminalId: 's001-t09' },
    });
    const enrolled = await t.json<{ name: string; password: string }>('/_pos/enroll', {
      method: 'POST',
      as: null,
      json: { code: issued.body.enrollmentCode },
    });
    const terminal = { name: enrolled.body.name, password: enrolled.body.password };
    const { id, ...body } = documentExamples.staff as { id: string };
    const staff = { ...body, _id: id };

    const byTerminal = await bulk([staff], terminal);
    expect(byTerminal.body[0]).toMatchObject({ error: 'forbidden' });
    expect(byTerminal.body[0]?.reason).toContain('may not write "staff"');
    const [created] = (await bulk([staff], manager)).body;
    expect(created?.ok).toBe(true);

    const tombstone = { _id: id, _rev: created?.rev, _deleted: true };
    expect((await bulk([tombstone], terminal)).body[0]).toMatchObject({ error: 'forbidden' });
    // A terminal still writes its own facts.
    expect((await bulk([orderDoc('s001', 's001-t09')], terminal)).body[0]?.ok).toBe(true);
    expect((await t.json<{ _rev: string }>(`/store-s001/${id}`)).body._rev).toBe(created?.rev);
  });

  it('creates append-only facts once and refuses changing or deleting them', async () => {
    const order = orderDoc('s001', 's001-t01');
    const [created] = (await bulk([order])).body;
    expect(created?.ok).toBe(true);
    const changed = await bulk([{ ...order, _rev: created?.rev, cashierId: 'someone-else' }]);
    expect(changed.body[0]).toMatchObject({ error: 'forbidden' });
    const deleted = await t.json<Row>(`/store-s001/${order._id as string}?rev=${created?.rev}`, {
      method: 'DELETE',
      as: manager,
    });
    expect(deleted).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    // A replicator re-sending the same revision is not a change and is accepted silently.
    const replayed = await bulk([{ ...order, _rev: created?.rev }], manager, { new_edits: false });
    expect(replayed.body).toEqual([]);
    // The admin may correct a fact.
    const byAdmin = await bulk([{ ...order, _rev: created?.rev, _deleted: true }], TEST_ADMIN);
    expect(byAdmin.body[0]?.ok).toBe(true);
  });

  it('refuses a different revision of an existing fact pushed by a replicator', async () => {
    const movement = movementDoc('s001', 's001-t01', 'COF-250', 's001-floor', -1);
    await bulk([{ ...movement, _rev: '1-aaaa' }], manager, { new_edits: false });
    const forked = await bulk([{ ...movement, delta: -5, _rev: '1-bbbb' }], manager, { new_edits: false });
    expect(forked.body).toEqual([expect.objectContaining({ id: movement._id, error: 'forbidden' })]);
  });

  it('refuses design documents and reserved ids from non-admins', async () => {
    const design = await t.json<{ error: string }>('/store-s001/_design/x', {
      method: 'PUT',
      as: manager,
      json: { views: {} },
    });
    expect(design).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const reserved = await bulk([{ _id: '_weird', type: 'order' }]);
    // CouchDB 3 names a malformed id `illegal_docid` (couch_doc:validate_docid), not bad_request.
    expect(reserved.body[0]).toMatchObject({
      error: 'illegal_docid',
      reason: 'Only reserved document ids may start with underscore.',
    });
  });

  it('refuses changing or deleting every append-only type, and lets the admin correct each', async () => {
    const factTypes = (Object.keys(documentTypes) as (keyof typeof documentTypes)[]).filter(
      (type) => documentTypes[type].appendOnly,
    );
    expect(factTypes).toEqual(
      expect.arrayContaining(['order', 'movement', 'ledger-entry', 'audit-event', 'close']),
    );
    for (const type of factTypes) {
      const id = factId('s001-t01');
      const fact = { ...structuredClone(documentExamples[type]), _id: id, id, storeId: 's001' };
      const [created] = (await bulk([fact])).body;
      expect(created, type).toMatchObject({ ok: true });
      // The same content again is still a new revision: a change of a fact.
      const changed = await bulk([{ ...fact, _rev: created?.rev }]);
      expect(changed.body[0], type).toMatchObject({ error: 'forbidden' });
      expect(changed.body[0]?.reason, type).toContain('append-only');
      const tombstone = await bulk([{ _id: id, _rev: created?.rev, _deleted: true }]);
      expect(tombstone.body[0], type).toMatchObject({ error: 'forbidden' });
      const stored = await t.json<{ _rev: string }>(`/store-s001/${id}`);
      expect(stored, type).toMatchObject({ status: 200, body: { _rev: created?.rev } });
      const corrected = await bulk([{ _id: id, _rev: created?.rev, _deleted: true }], TEST_ADMIN);
      expect(corrected.body[0], type).toMatchObject({ ok: true });
    }
  });

  it('judges a change by the stored type: a fact cannot be rewritten or deleted as a mutable type', async () => {
    const order = orderDoc('s001', 's001-t01');
    const [created] = (await bulk([order])).body;
    expect(created?.ok).toBe(true);
    const customer = documentExamples.customer as Record<string, unknown>;
    // A customer (mutable) body under the order's id and revision: without the stored type this
    // would pass every rule and replace the sale.
    const disguised = { ...structuredClone(customer), _id: order._id, id: order._id, _rev: created?.rev };
    const rewrite = await bulk([disguised]);
    expect(rewrite.body[0]).toMatchObject({ error: 'forbidden' });
    expect(rewrite.body[0]?.reason).toContain('"order" is append-only');
    const replicated = await bulk(
      [{ ...disguised, _rev: '2-ffff', _revisions: { start: 2, ids: ['ffff', created?.rev?.slice(2)] } }],
      manager,
      { new_edits: false },
    );
    expect(replicated.body[0]).toMatchObject({ error: 'forbidden' });
    const typedTombstone = await bulk([
      { _id: order._id, _rev: created?.rev, _deleted: true, type: 'customer', storeId: 's001' },
    ]);
    expect(typedTombstone.body[0]).toMatchObject({ error: 'forbidden' });
    const stored = await t.json<{ _rev: string; type: string }>(`/store-s001/${order._id as string}`);
    expect(stored.body).toMatchObject({ _rev: created?.rev, type: 'order' });
  });

  it('refuses a schema version the server does not know', async () => {
    const order = orderDoc('s001', 's001-t01');
    const res = await bulk([{ ...order, schemaVersion: 99 }]);
    expect(res.body[0]).toMatchObject({ error: 'forbidden' });
    expect((await t.call(`/store-s001/${order._id as string}`)).status).toBe(404);
  });

  it('validates HQ writes to catalog and web-orders with the same schemas and database rules', async () => {
    await t.call('/_pos/users', {
      method: 'POST',
      json: { name: 'hq-v', password: 'hq-v-password', role: 'hq' },
    });
    const hq = { name: 'hq-v', password: 'hq-v-password' };
    const write = (db: string, docs: unknown[]) =>
      t.json<Row[]>(`/${db}/_bulk_docs`, { method: 'POST', as: hq, json: { docs } });
    const product = productDoc('P700');
    const broken = { ...productDoc('P701'), variants: 'none' };
    const order = orderDoc('s001', 's001-t01');
    const catalog = await write('catalog', [product, broken, order]);
    expect(catalog.body.map((r) => r.ok ?? r.error)).toEqual([true, 'forbidden', 'forbidden']);
    expect(catalog.body[2]?.reason).toContain('belong in the store database');
    const webOrder = { ...orderDoc('s001', 'web'), channel: 'web', fulfillment: 'pickup' };
    const movement = movementDoc('s001', 's001-t01', 'CUP', 'floor', 1);
    const web = await write('web-orders', [webOrder, movement]);
    expect(web.body.map((r) => r.ok ?? r.error)).toEqual([true, 'forbidden']);
  });
});
