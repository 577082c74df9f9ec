// Every write is validated: schema and type, storeId against the database, append-only facts, and a
// refused document gets its own `forbidden` entry while the rest of the batch is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentExamples } from '@store-os/shared/schemas';
import { movementDoc, orderDoc } from '../testing/fixtures';
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
    expect(reserved.body[0]).toMatchObject({ error: 'bad_request' });
  });
});
