// Promotions CSV: every kind round-trips through one JSON `rules` column; a file with a bad row changes
// nothing and names the row and column; managers may not import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHqTestServer, type HqTestServer } from './hq-test-server';

let s: HqTestServer;
beforeAll(async () => {
  s = await startHqTestServer(['s001']);
});
afterAll(async () => {
  await s.t.close();
});

const upload = (csv: string, as = s.hqUser) =>
  s.t.json<{ ok?: boolean; written?: number; rows?: { row: number; column?: string; message: string }[] }>(
    '/_hq/api/catalog/promotions.csv',
    { method: 'POST', as, body: csv, headers: { 'Content-Type': 'text/csv' } },
  );

const HEADER = 'promotionId,name,currency,kind,status,storeIds,couponCode,rules';
const good = [
  HEADER,
  'coffee10,Coffee 10 % off,EUR,percent-off,active,s001|s002,,"{""percent"":""10"",""target"":{""groupIds"":[""coffee""]}}"',
  'tea3for2,Tea 3 for 2,EUR,buy-x-get-y,draft,,TEA32,"{""buy"":{""skus"":[""TEA""]},""buyQuantity"":2,""getPercentOff"":""100"",""getQuantity"":1,""getTarget"":{""skus"":[""TEA""]}}"',
].join('\n');

describe('promotions CSV', () => {
  it('refuses a file with a bad row whole, naming the row and column', async () => {
    const bad = `${good}\nbroken,Broken,EUR,percent-off,active,,,{not json\nsneaky,Sneaky,EUR,percent-off,active,,,"{""status"":""ended""}"\nodd,Odd,EUR,percent-off,paused,,,\n`;
    const res = await upload(bad);
    expect(res.status).toBe(422);
    expect(res.body.rows?.map((r) => [r.row, r.column ?? null])).toEqual([
      [3, 'rules'],
      [4, 'rules'],
      [5, null],
    ]);
    expect(res.body.rows?.[1]?.message).toContain('may not set status');
    expect((await s.t.json('/catalog/promotion:coffee10')).status).toBe(404);
    expect((await upload(`${HEADER}\n`)).body.rows?.[0]?.message).toMatch(/no data rows/);
    expect((await upload('promotionId,name\nx,y\n')).body.rows?.[0]?.message).toMatch(/Missing column/);
  });

  it('imports every kind into the catalog and exports the same rows back', async () => {
    const res = await upload(good);
    expect(res.status).toBe(200);
    expect(res.body.written).toBe(2);
    const coffee = await s.t.json<Record<string, unknown>>('/catalog/promotion:coffee10');
    expect(coffee.body).toMatchObject({
      type: 'promotion',
      promotionId: 'coffee10',
      kind: 'percent-off',
      status: 'active',
      storeIds: ['s001', 's002'],
      percent: '10',
      target: { groupIds: ['coffee'] },
    });
    const tea = await s.t.json<Record<string, unknown>>('/catalog/promotion:tea3for2');
    expect(tea.body).toMatchObject({ couponCode: 'TEA32', buyQuantity: 2, getTarget: { skus: ['TEA'] } });
    // Re-importing edits in place: the draft goes active.
    const edited = good.replace(',draft,', ',active,');
    expect((await upload(edited)).status).toBe(200);
    expect((await s.t.json<{ status: string }>('/catalog/promotion:tea3for2')).body.status).toBe('active');
    const exported = await s.t.call('/_hq/api/catalog/promotions.csv', { as: s.hqUser });
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await exported.text()).trim().split('\n')).toEqual(edited.split('\n'));
    expect((await upload(good, s.manager)).status).toBe(403);
  });
});
