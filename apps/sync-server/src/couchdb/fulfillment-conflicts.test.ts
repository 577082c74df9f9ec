// Closing a fulfillment's conflict over the CouchDB HTTP API, against this server (which keeps
// replicated revisions as CouchDB does; pouchdb-server drops them in validated databases, see
// docs/specs/couchdb-cluster.md): the merge by the state machine is written on the winner and the losing
// leaf deleted; a second run writes nothing; a run interrupted after the merge only deletes.
import { mergeFulfillments, transitionFulfillment } from '@store-os/shared/orders';
import { documentExamples, type FulfillmentDoc } from '@store-os/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factId } from '../testing/fixtures';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server';
import { CouchClient } from './couch-client';
import { resolveFulfillmentConflict } from './fulfillment-conflicts';

let t: TestServer;
let couch: CouchClient;
const DB = 'store-s001';

beforeAll(async () => {
  t = await startTestServer();
  expect((await t.call('/_pos/stores', { method: 'POST', json: { id: 's001' } })).status).toBe(201);
  const url = new URL(t.url);
  url.username = TEST_ADMIN.name;
  url.password = TEST_ADMIN.password;
  couch = new CouchClient(url.toString());
});
afterAll(() => t.close());

type Stored = FulfillmentDoc & { _id: string; _rev: string; _conflicts?: string[]; _deleted?: boolean };
const path = (id: string) => `/${DB}/${encodeURIComponent(id)}`;

/** A fulfillment in `picking`, then two replicas' concurrent steps on it: ready (a till), cancelled. */
async function conflicted(
  orderId: string,
): Promise<{ id: string; ready: FulfillmentDoc; gone: FulfillmentDoc }> {
  const base: FulfillmentDoc = {
    ...(structuredClone(documentExamples.fulfillment) as FulfillmentDoc),
    id: `fulfillment:${orderId}`,
    orderId,
  };
  const id = base.id;
  const first = await couch.request<{ rev: string }>('PUT', path(id), { ...base, _id: id });
  const parent = first.body.rev.split('-')[1] ?? '';
  const ready = transitionFulfillment(base, { to: 'ready', at: '2026-11-23T10:00:00.000Z', by: 's001-t01' });
  const gone = transitionFulfillment(base, { to: 'cancelled', at: '2026-11-23T10:01:00.000Z', by: 'api' });
  const written = await couch.request<unknown[]>('POST', `/${DB}/_bulk_docs`, {
    new_edits: false,
    docs: [
      {
        ...ready,
        _id: id,
        _rev: `2-${'a'.repeat(32)}`,
        _revisions: { start: 2, ids: ['a'.repeat(32), parent] },
      },
      {
        ...gone,
        _id: id,
        _rev: `2-${'b'.repeat(32)}`,
        _revisions: { start: 2, ids: ['b'.repeat(32), parent] },
      },
    ],
  });
  expect(written.body).toEqual([]);
  expect((await couch.get<Stored>(`${path(id)}?conflicts=true`))?._conflicts).toHaveLength(1);
  return { id, ready, gone };
}

async function leaves(id: string): Promise<Stored[]> {
  return (await couch.request<{ ok: Stored }[]>('GET', `${path(id)}?open_revs=all`)).body.map((r) => r.ok);
}

describe('resolveFulfillmentConflict', () => {
  it('writes the merge on the winner and deletes the losing leaf; a second run writes nothing', async () => {
    const { id, ready, gone } = await conflicted(factId('web'));
    expect(await resolveFulfillmentConflict(couch, DB, id)).toBe('resolved');

    const winner = await couch.get<Stored>(`${path(id)}?conflicts=true`);
    expect(winner?._conflicts).toBeUndefined();
    expect(winner?.state).toBe('cancelled');
    // Both steps kept: the union of the histories, as the state machine's join orders them.
    expect(winner?.history).toEqual(mergeFulfillments(ready, gone).history);
    expect(winner?.history.map((s) => s.state)).toEqual(expect.arrayContaining(['ready', 'cancelled']));
    const after = await leaves(id);
    expect(after.filter((d) => d._deleted !== true)).toHaveLength(1);
    expect(after.filter((d) => d._deleted === true)).toHaveLength(1);

    expect(await resolveFulfillmentConflict(couch, DB, id)).toBe('none');
    expect((await leaves(id)).map((d) => d._rev).sort()).toEqual(after.map((d) => d._rev).sort());
  });

  it('after a run stopped between the merge and the deletion, only deletes', async () => {
    const { id, ready, gone } = await conflicted(factId('web'));
    const winner = await couch.get<Stored>(path(id));
    const merged = mergeFulfillments(ready, gone);
    await couch.request('PUT', path(id), { ...merged, _id: id, _rev: winner?._rev });
    const mergedRev = (await couch.get<Stored>(path(id)))?._rev;

    expect(await resolveFulfillmentConflict(couch, DB, id)).toBe('resolved');
    const now = await couch.get<Stored>(`${path(id)}?conflicts=true`);
    expect(now?._rev).toBe(mergedRev);
    expect(now?._conflicts).toBeUndefined();
  });
});
