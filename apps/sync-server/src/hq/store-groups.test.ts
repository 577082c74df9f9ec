// Store groups live in each store's `store` document (v2 `groups`); IT sets them through the HQ API,
// the fleet view lists them, and a v1 store document is migrated when its groups are set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentExamples } from '@store-os/shared/schemas';
import { startHqTestServer, type HqTestServer } from './hq-test-server';

let s: HqTestServer;
beforeAll(async () => {
  s = await startHqTestServer(['s001', 's002', 's003', 's004']);
  for (const storeId of ['s001', 's002', 's003']) {
    const v1: Record<string, unknown> = { ...structuredClone(documentExamples.store), schemaVersion: 1 };
    delete v1['groups'];
    const doc = { ...v1, _id: `store:${storeId}`, id: `store:${storeId}`, storeId };
    const put = await s.t.call(`/catalog/store:${storeId}`, { method: 'PUT', json: doc });
    expect(put.status).toBe(201);
  }
});
afterAll(async () => {
  await s.t.close();
});

type Fleet = {
  stores: { id: string; groups: string[] }[];
  storeGroups: { group: string; storeIds: string[] }[];
};
const setGroups = (storeId: string, groups: unknown, as = s.it) =>
  s.t.json<{ ok?: boolean; groups?: string[]; rev?: string }>(`/_hq/api/fleet/stores/${storeId}/groups`, {
    method: 'PUT',
    as,
    json: { groups },
  });

describe('store groups', () => {
  it('IT puts stores in groups; the fleet lists each store with its groups and each group with its stores', async () => {
    expect((await setGroups('s001', ['north-pilot', 'north'])).body).toMatchObject({
      ok: true,
      groups: ['north', 'north-pilot'],
    });
    expect((await setGroups('s003', ['north-pilot'])).status).toBe(200);
    const fleet = await s.api<Fleet>('/fleet', s.it);
    expect(fleet.body.stores.map((st) => [st.id, st.groups])).toEqual([
      ['s001', ['north', 'north-pilot']],
      ['s002', []],
      ['s003', ['north-pilot']],
      ['s004', []],
    ]);
    expect(fleet.body.storeGroups).toEqual([
      { group: 'north', storeIds: ['s001'] },
      { group: 'north-pilot', storeIds: ['s001', 's003'] },
    ]);
    // The store document is now v2 with its groups, so terminals replicate their store's groups.
    const doc = await s.t.json<Record<string, unknown>>('/catalog/store:s003');
    expect(doc.body).toMatchObject({ schemaVersion: 2, groups: ['north-pilot'], storeId: 's003' });
    // A manager sees their own store's groups only.
    const mine = await s.api<Fleet>('/fleet', s.manager);
    expect(mine.body.storeGroups).toEqual([
      { group: 'north', storeIds: ['s001'] },
      { group: 'north-pilot', storeIds: ['s001'] },
    ]);
  });

  it('refuses bad names, managers, and a store without a store document', async () => {
    expect((await setGroups('s002', ['has space'])).status).toBe(400);
    expect((await setGroups('s002', 'north')).status).toBe(400);
    expect((await setGroups('s001', ['x'], s.manager)).status).toBe(403);
    expect((await setGroups('s004', ['north'])).status).toBe(404);
    expect((await setGroups('s999', ['north'])).status).toBe(403);
    const doc = await s.t.json<Record<string, unknown>>('/catalog/store:s002');
    expect(doc.body['schemaVersion']).toBe(1);
    // Removing every group is allowed.
    expect((await setGroups('s001', [])).body.groups).toEqual([]);
  });
});
