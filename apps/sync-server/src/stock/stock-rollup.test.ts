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
});
