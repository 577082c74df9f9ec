import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesPage, StockPage } from '@store-os/shared/integration';
import { returnDoc, saleDoc } from '../hq/hq-fixtures';
import { orderDoc } from '../testing/fixtures';
import type { TestServer } from '../testing/test-server';
import { addStore, api, apiKey, receive, startApiServer } from './api-test-kit';

describe('stock and sales out', () => {
  let t: TestServer;
  let key: string;
  beforeAll(async () => {
    t = await startApiServer();
    key = await apiKey(t, ['stock:read', 'sales:read'], 'erp');
    await addStore(t, 's1', [{ locationId: 's1-floor' }, { locationId: 's1-back', kind: 'backroom' }]);
    await addStore(t, 's2');
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers availability per sku and location with its age', async () => {
    await receive(t, 's1', 'SKU-A', 's1-floor', 4);
    await receive(t, 's1', 'SKU-A', 's1-back', 10);
    await receive(t, 's2', 'SKU-A', 's2-floor', 1);
    await receive(t, 's2', 'SKU-B', 's2-floor', 7);
    const bySku = await api<StockPage>(t, key, 'GET', '/_api/stock?sku=SKU-A');
    expect(bySku.status).toBe(200);
    expect(bySku.body.levels.map((l) => [l.locationId, l.onHand, l.available])).toEqual([
      ['s1-back', 10, 10],
      ['s1-floor', 4, 4],
      ['s2-floor', 1, 1],
    ]);
    for (const l of bySku.body.levels) {
      expect(l.ageMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(bySku.body.asOf) - Date.parse(l.updatedAt)).toBe(l.ageMs);
    }
    const oneStore = await api<StockPage>(t, key, 'GET', '/_api/stock?sku=SKU-A&sku=SKU-B&storeId=s2');
    expect(oneStore.body.levels.map((l) => `${l.sku}@${l.locationId}`)).toEqual([
      'SKU-A@s2-floor',
      'SKU-B@s2-floor',
    ]);

    const page1 = await api<StockPage>(t, key, 'GET', '/_api/stock?limit=3');
    expect(page1.body.levels).toHaveLength(3);
    expect(page1.body.next).toBeDefined();
    const page2 = await api<StockPage>(
      t,
      key,
      'GET',
      `/_api/stock?limit=3&cursor=${encodeURIComponent(page1.body.next ?? '')}`,
    );
    expect(page2.body.levels.map((l) => `${l.sku}@${l.locationId}`)).toEqual(['SKU-B@s2-floor']);
    expect(page2.body.next).toBeUndefined();

    const bad = await api<{ errors: { pointer: string }[] }>(t, key, 'GET', '/_api/stock?limit=0&colour=red');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.pointer).sort()).toEqual(['/colour', '/limit']);
  });

  it('pages every store’s orders by cursor, each exactly once, including late arrivals', async () => {
    const push = async (storeId: string, n: number) => {
      const docs = Array.from({ length: n }, () => orderDoc(storeId, `${storeId}-t01`));
      const res = await t.json(`/store-${storeId}/_bulk_docs`, { method: 'POST', json: { docs } });
      expect(res.status).toBe(201);
      return docs.map((d) => d._id as string);
    };
    const s1 = await push('s1', 3);
    // RxDB's CouchDB replication sends the key as `_id` only; the API still reports the order's id.
    const rx = orderDoc('s1', 's1-t02');
    delete rx.id;
    const rxPush = await t.json('/store-s1/_bulk_docs', { method: 'POST', json: { docs: [rx] } });
    expect(rxPush.status).toBe(201);
    s1.push(rx._id as string);
    const s2 = await push('s2', 2);
    const seen: string[] = [];
    let since: string | undefined;
    for (let i = 0; i < 10; i++) {
      const q = `/_api/sales?limit=2${since ? `&since=${since}` : ''}`;
      const page = await api<SalesPage>(t, key, 'GET', q);
      expect(page.status).toBe(200);
      seen.push(...page.body.orders.map((o) => o.id));
      since = page.body.next;
      if (!page.body.more) break;
    }
    expect(seen.sort()).toEqual([...s1, ...s2].sort());
    // Nothing new: an empty page and the same cursor position.
    const idle = await api<SalesPage>(t, key, 'GET', `/_api/sales?since=${since}`);
    expect(idle.body.orders).toEqual([]);
    // A store that was offline pushes later: only its new orders come.
    const late = await push('s2', 1);
    const next = await api<SalesPage>(t, key, 'GET', `/_api/sales?since=${idle.body.next}`);
    expect(next.body.orders.map((o) => o.id)).toEqual(late);
    const onlyS1 = await api<SalesPage>(t, key, 'GET', '/_api/sales?storeId=s1&limit=100');
    expect(onlyS1.body.orders.map((o) => o.id).sort()).toEqual([...s1].sort());
    const badCursor = await api<{ errors: { pointer: string }[] }>(t, key, 'GET', '/_api/sales?since=zzz');
    expect(badCursor.status).toBe(422);
  });

  it('sends returns out as well as sales, and each kind alone when asked', async () => {
    const place = { storeId: 's1', terminalId: 's1-t03', at: '2026-11-23T10:00:00.000Z' };
    const sale = saleDoc(place);
    const back = returnDoc({ ...place, at: '2026-11-23T11:00:00.000Z' }, sale);
    const res = await t.json('/store-s1/_bulk_docs', {
      method: 'POST',
      json: { docs: [sale, back].map((d) => ({ ...d, _id: d.id })) },
    });
    expect(res.status).toBe(201);
    const ids = async (q: string) =>
      (await api<SalesPage>(t, key, 'GET', `/_api/sales?storeId=s1&limit=100${q}`)).body.orders.map(
        (o) => o.id,
      );
    expect(await ids('')).toEqual(expect.arrayContaining([sale.id, back.id]));
    const returns = await api<SalesPage>(t, key, 'GET', '/_api/sales?storeId=s1&kind=return&limit=100');
    expect(returns.body.orders.map((o) => [o.id, o.kind])).toEqual([[back.id, 'return']]);
    const sales = await ids('&kind=sale');
    expect(sales).toContain(sale.id);
    expect(sales).not.toContain(back.id);
  });
});
