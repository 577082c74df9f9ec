// After a failed fsync the server refuses writes until it is restarted (deliberate: see
// docs/decisions.md, "fsyncgate"). It must be visible: writers get a 503 naming the failure, reads of
// data the failed commit did not touch keep working, `/_up` reports it, and it is logged once.
import { afterEach, describe, expect, it } from 'vitest';
import { orderDoc, productDoc } from '../testing/fixtures';
import { startTestServer, type TestServer } from '../testing/test-server';
import type { WalSync } from './wal-sync';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('a failed fsync', () => {
  it('answers writers 503 with the failure, keeps reads working, shows in /_up and logs once', async () => {
    let failing = false;
    const sync = (wal: WalSync) =>
      failing ? Promise.reject(new Error('EIO: i/o error, fdatasync')) : wal.sync();
    const lines: string[] = [];
    const t = await startTestServer({ storage: { sync }, log: (line) => lines.push(line) });
    servers.push(t);
    expect((await t.json('/_pos/stores', { method: 'POST', json: { id: 's1', name: 'One' } })).status).toBe(
      201,
    );
    const product = productDoc('kept');
    expect((await t.json('/catalog/_bulk_docs', { method: 'POST', json: { docs: [product] } })).status).toBe(
      201,
    );
    expect(await t.json('/_up')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await t.json<{ storage: unknown }>('/_hq/api/status')).body.storage).toEqual({ status: 'ok' });

    failing = true;
    const order = orderDoc('s1', 't1');
    const push = await t.json<{ error: string; reason: string }>('/store-s1/_bulk_docs', {
      method: 'POST',
      json: { docs: [order] },
    });
    expect(push.status).toBe(503);
    expect(push.body.error).toBe('service_unavailable');
    expect(push.body.reason).toMatch(/storage failed.*EIO: i\/o error, fdatasync.*restart the server/);

    // Every later write is refused the same way, whatever the endpoint, without another fsync.
    failing = false;
    const later = [
      await t.json<{ reason: string }>('/catalog/_bulk_docs', {
        method: 'POST',
        json: { docs: [productDoc('later')] },
      }),
      await t.json<{ reason: string }>('/catalog/_local/checkpoint', { method: 'PUT', json: { seq: 1 } }),
      await t.json<{ reason: string }>('/_pos/stores', { method: 'POST', json: { id: 's2', name: 'Two' } }),
    ];
    for (const refused of later) {
      expect(refused.status).toBe(503);
      expect(refused.body.reason).toContain('EIO');
    }

    // Reads keep working for what the failed commit did not touch; its own database is in doubt.
    expect((await t.json(`/catalog/${encodeURIComponent(String(product._id))}`)).status).toBe(200);
    expect((await t.json('/catalog/_all_docs')).status).toBe(200);
    const csv = await t.call('/_hq/api/catalog/products.csv');
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('kept');
    expect((await t.json('/store-s1/_all_docs')).status).toBe(503);

    const up = await t.json<{ status: string; reason: string }>('/_up');
    expect(up.status).toBe(404);
    expect(up.body.status).toBe('storage_failed');
    expect(up.body.reason).toContain('EIO: i/o error, fdatasync');

    // HQ's status endpoint says so too.
    const status = await t.json<{ storage: { status: string; reason: string } }>('/_hq/api/status');
    expect(status.status).toBe(200);
    expect(status.body.storage.status).toBe('storage_failed');
    expect(status.body.storage.reason).toContain('EIO');

    // Logged once, however many requests were refused.
    expect(lines.filter((line) => line.startsWith('storage failed'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('internal error'))).toEqual([]);
  });
});
