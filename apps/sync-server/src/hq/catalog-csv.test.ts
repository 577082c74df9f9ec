// Catalog CSV: a file with bad rows changes nothing and names every bad row; a good file is written to
// `catalog` (products, their barcodes, prices in minor units) and exports back the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHqTestServer, type HqTestServer } from './hq-test-server';

let s: HqTestServer;
beforeAll(async () => {
  s = await startHqTestServer(['s001']);
});
afterAll(async () => {
  await s.t.close();
});

const upload = (kind: string, csv: string, as = s.hqUser) =>
  s.t.json<{ ok?: boolean; written?: number; rows?: { row: number; column?: string; message: string }[] }>(
    `/_hq/api/catalog/${kind}.csv`,
    { method: 'POST', as, body: csv, headers: { 'Content-Type': 'text/csv' } },
  );

const products = [
  'productId,name,sku,variantName,barcodes,taxCategoryId,unit,groupIds,status,brand',
  'P1,T-shirt,P1-S,Small,4006381333931,standard,each,tshirts|summer,active,Acme',
  'P1,T-shirt,P1-M,Medium,,standard,each,tshirts|summer,active,Acme',
  'P2,"Coffee, 250 g",COF-250,,,reduced,each,coffee,active,',
].join('\n');

describe('catalog CSV', () => {
  it('refuses a file with bad rows as a whole, listing each', async () => {
    const bad = products + '\nP3,Tea,TEA,,,reduced,litre,,active,\nP4,Cup,COF-250,,,standard,each,,active,\n';
    const res = await upload('products', bad);
    expect(res.status).toBe(422);
    expect(res.body.rows).toEqual([
      { row: 4, column: 'unit', message: 'unit must be each or kg.' },
      { row: 5, column: 'sku', message: 'sku COF-250 is also on row 3.' },
    ]);
    expect((await s.t.json('/catalog/product:P1')).status).toBe(404);
    const prices = await upload(
      'prices',
      'priceListId,sku,unitPrice,currency\nbase,P1-S,12.3,EUR\nbase,P1-M,12.345,EUR\nbase,P2,1,XXX\n',
    );
    expect(prices.status).toBe(422);
    expect(prices.body.rows?.map((r) => [r.row, r.column])).toEqual([
      [2, 'unitPrice'],
      [3, 'currency'],
    ]);
    expect((await s.t.json('/catalog/price:base:P1-S')).status).toBe(404);
    expect((await upload('prices', 'sku,price\nA,1\n')).body.rows?.[0]?.message).toMatch(/Missing column/);
  });

  it('imports products with barcodes and prices in minor units, and exports them back', async () => {
    const res = await upload('products', products);
    expect(res.status).toBe(200);
    expect(res.body.written).toBe(3);
    const p1 = await s.t.json<{ variants: { sku: string; barcodes: string[] }[]; groupIds: string[] }>(
      '/catalog/product:P1',
    );
    expect(p1.body.variants.map((v) => v.sku)).toEqual(['P1-S', 'P1-M']);
    expect(p1.body.groupIds).toEqual(['tshirts', 'summer']);
    expect((await s.t.json<{ sku: string }>('/catalog/barcode:4006381333931')).body.sku).toBe('P1-S');
    const prices = await upload(
      'prices',
      'priceListId,sku,unitPrice,currency\nbase,P1-S,12.30,EUR\nbase,COF-250,4.5,EUR\n',
    );
    expect(prices.status).toBe(200);
    expect((await s.t.json<{ unitPrice: unknown }>('/catalog/price:base:P1-S')).body.unitPrice).toEqual({
      amount: 1230,
      currency: 'EUR',
    });
    // Re-importing updates in place (revisions are taken care of).
    expect((await upload('prices', 'priceListId,sku,unitPrice,currency\nbase,P1-S,13.00,EUR\n')).status).toBe(
      200,
    );
    const exported = await s.t.call('/_hq/api/catalog/prices.csv', { as: s.hqUser });
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await exported.text()).toBe(
      'priceListId,sku,unitPrice,currency\nbase,COF-250,4.50,EUR\nbase,P1-S,13.00,EUR\n',
    );
    const productsCsv = await (await s.t.call('/_hq/api/catalog/products.csv', { as: s.hqUser })).text();
    expect(productsCsv.trim().split('\n')).toEqual(products.split('\n'));
    expect((await upload('prices', 'priceListId,sku,unitPrice,currency\n', s.manager)).status).toBe(403);
  });
});
