// stock-levels is derived from every store's movements: incrementally, idempotently, after a restart.
import { afterAll, describe, expect, it } from 'vitest';
import { movementDoc } from '../testing/fixtures';
import { startTestServer, tempDataDir, type TestServer } from '../testing/test-server';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
});

async function level(t: TestServer, sku: string, loc: string) {
  const res = await t.json<{ onHand: number; reserved: number; movementCount: number }>(
    `/stock-levels/stock-level:${sku}:${loc}`,
  );
  return res.status === 200 ? res.body : undefined;
}

describe('stock roll-up', () => {
  it('sums movements from several stores, counts a replayed movement once, and survives a restart', async () => {
    const dataDir = tempDataDir();
    let t = await startTestServer({ dataDir });
    servers.push(t);
    for (const id of ['s001', 's002']) await t.call('/_pos/stores', { method: 'POST', json: { id } });
    const m1 = movementDoc('s001', 's001-t01', 'COF-250', 'wh-1', 10);
    const m2 = movementDoc('s001', 's001-t01', 'COF-250', 'wh-1', -3);
    const m3 = movementDoc('s002', 's002-t01', 'COF-250', 'wh-1', -2);
    const r1 = movementDoc('s002', 's002-t01', 'COF-250', 'wh-1', 4, 'reserve');
    await t.call('/store-s001/_bulk_docs', { method: 'POST', json: { docs: [m1, m2] } });
    await t.call('/store-s002/_bulk_docs', { method: 'POST', json: { docs: [m3, r1] } });
    await t.server.rollup.idle();
    expect(await level(t, 'COF-250', 'wh-1')).toMatchObject({ onHand: 5, reserved: 4, movementCount: 4 });

    // Another revision of the same movement replaces its contribution instead of adding to it.
    await t.call('/store-s001/_bulk_docs', {
      method: 'POST',
      json: { docs: [{ ...m1, _rev: '1-x' }], new_edits: false },
    });
    await t.server.rollup.idle();
    expect(await level(t, 'COF-250', 'wh-1')).toMatchObject({ onHand: 5, movementCount: 4 });

    await t.close(true);
    t = await startTestServer({ dataDir });
    servers.push(t);
    const m4 = movementDoc('s001', 's001-t01', 'COF-250', 'wh-1', -1);
    await t.call('/store-s001/_bulk_docs', { method: 'POST', json: { docs: [m4] } });
    await t.server.rollup.idle();
    expect(await level(t, 'COF-250', 'wh-1')).toMatchObject({ onHand: 4, reserved: 4, movementCount: 5 });
  });

  it('rolls up movements written while the roll-up was not running, on the next start', async () => {
    const dataDir = tempDataDir();
    let t = await startTestServer({ dataDir });
    servers.push(t);
    await t.call('/_pos/stores', { method: 'POST', json: { id: 's003' } });
    await t.server.rollup.stop();
    await t.call('/store-s003/_bulk_docs', {
      method: 'POST',
      json: { docs: [movementDoc('s003', 's003-t01', 'TEA', 'shelf', 7)] },
    });
    expect(await level(t, 'TEA', 'shelf')).toBeUndefined();
    await t.close(true);
    t = await startTestServer({ dataDir });
    servers.push(t);
    expect(await level(t, 'TEA', 'shelf')).toMatchObject({ onHand: 7, movementCount: 1 });
  });

  it('changes nothing when a crash loses the cursor and the movements are rolled up again', async () => {
    const dataDir = tempDataDir();
    let t = await startTestServer({ dataDir });
    servers.push(t);
    await t.call('/_pos/stores', { method: 'POST', json: { id: 's004' } });
    const docs = [
      movementDoc('s004', 's004-t01', 'MUG', 'floor', 12),
      movementDoc('s004', 's004-t01', 'MUG', 'floor', -5),
      movementDoc('s004', 's004-t01', 'MUG', 'floor', 2, 'reserve'),
    ];
    await t.call('/store-s004/_bulk_docs', { method: 'POST', json: { docs } });
    await t.server.rollup.idle();
    const revOf = async (server: TestServer) =>
      (await server.json<{ _rev: string }>('/stock-levels/stock-level:MUG:floor')).body._rev;
    expect(await level(t, 'MUG', 'floor')).toMatchObject({ onHand: 7, reserved: 2, movementCount: 3 });
    const before = await revOf(t);
    // A crash after the contributions and levels were written but before the cursor was saved:
    // the next start reads the same movements again.
    await t.server.rollup.stop();
    t.server.services.store.sqlite.prepare('DELETE FROM stock_cursor WHERE store_db = ?').run('store-s004');
    await t.close(true);
    t = await startTestServer({ dataDir });
    servers.push(t);
    await t.server.rollup.idle();
    // The level was written again (the movements really were replayed) with the same figures.
    expect(await revOf(t)).not.toBe(before);
    expect(await level(t, 'MUG', 'floor')).toMatchObject({ onHand: 7, reserved: 2, movementCount: 3 });
  });

  it('takes a movement the admin deleted out of its level', async () => {
    const t = await startTestServer();
    servers.push(t);
    await t.call('/_pos/stores', { method: 'POST', json: { id: 's005' } });
    const kept = movementDoc('s005', 's005-t01', 'PEN', 'floor', 10);
    const mistaken = movementDoc('s005', 's005-t01', 'PEN', 'floor', 100);
    const res = await t.json<{ id: string; rev: string }[]>('/store-s005/_bulk_docs', {
      method: 'POST',
      json: { docs: [kept, mistaken] },
    });
    await t.server.rollup.idle();
    expect(await level(t, 'PEN', 'floor')).toMatchObject({ onHand: 110, movementCount: 2 });
    const rev = res.body.find((r) => r.id === mistaken._id)?.rev ?? '';
    expect(
      (await t.call(`/store-s005/${mistaken._id as string}?rev=${rev}`, { method: 'DELETE' })).status,
    ).toBe(200);
    await t.server.rollup.idle();
    expect(await level(t, 'PEN', 'floor')).toMatchObject({ onHand: 10, movementCount: 1 });
  });

  it('reads only the changes after its cursor when a store is written again (incremental)', async () => {
    const t = await startTestServer();
    servers.push(t);
    await t.call('/_pos/stores', { method: 'POST', json: { id: 's007' } });
    const many = Array.from({ length: 40 }, () => movementDoc('s007', 's007-t01', 'CUP', 'floor', 1));
    await t.call('/store-s007/_bulk_docs', { method: 'POST', json: { docs: many } });
    await t.server.rollup.idle();
    const before = t.server.rollup.applied;
    await t.call('/store-s007/_bulk_docs', {
      method: 'POST',
      json: { docs: [movementDoc('s007', 's007-t01', 'CUP', 'floor', -1)] },
    });
    await t.server.rollup.idle();
    expect(t.server.rollup.applied - before).toBe(1);
    expect(await level(t, 'CUP', 'floor')).toMatchObject({ onHand: 39, movementCount: 41 });
  });
});
