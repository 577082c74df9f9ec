// Sales by store and by day, and the day and hour series the dashboard charts draw, over two days at two
// stores: each sale counted once on its own business day and store, a date range narrowing both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleDoc } from './hq-fixtures';
import { startHqTestServer, type HqTestServer } from './hq-test-server';
import type { SalesRow, SeriesPoint } from './sales-queries';

const MON = '2026-11-22';
const TUE = '2026-11-23';
const place = (storeId: string, day: string, hhmm: string) => ({
  storeId,
  terminalId: `${storeId}-t01`,
  at: `${day}T${hhmm}:00.000Z`,
});

let s: HqTestServer;
beforeAll(async () => {
  s = await startHqTestServer(['s001', 's002']);
  await s.write('s001', [
    saleDoc(place('s001', MON, '09:30')),
    saleDoc(place('s001', MON, '09:45')),
    saleDoc(place('s001', TUE, '10:00')),
  ]);
  await s.write('s002', [saleDoc(place('s002', TUE, '14:00'))]);
});
afterAll(async () => {
  await s.t.close();
});

const both = `from=${MON}&to=${TUE}`;
const rows = async (path: string) => (await s.api<{ rows: SalesRow[] }>(path)).body.rows;
const points = async (path: string) => (await s.api<{ points: SeriesPoint[] }>(path)).body.points;

describe('sales by store and day', () => {
  it('counts each sale once under its store and its business day, and a range narrows them', async () => {
    const byStore = await rows(`sales/summary?${both}&groupBy=store`);
    expect(byStore.map((r) => [r.key, r.orders])).toEqual([
      ['s001', 3],
      ['s002', 1],
    ]);
    // Every sale is the same basket: s001's net is three times s002's.
    const [s001, s002] = byStore;
    expect(s002?.net).toBeGreaterThan(0);
    expect(s001?.net).toBe(3 * (s002?.net ?? 0));

    const byDay = await rows(`sales/summary?${both}&groupBy=day`);
    expect(byDay.map((r) => [r.key, r.orders, r.net])).toEqual([
      [MON, 2, 2 * (s002?.net ?? 0)],
      [TUE, 2, 2 * (s002?.net ?? 0)],
    ]);
    const tuesday = await rows(`sales/summary?from=${TUE}&to=${TUE}&groupBy=store`);
    expect(tuesday.map((r) => [r.key, r.orders])).toEqual([
      ['s001', 1],
      ['s002', 1],
    ]);
  });

  it('draws the day series across stores and the hour series of one store', async () => {
    const days = await points(`sales/series?${both}&interval=day`);
    expect(days.map((p) => [p.t, p.orders])).toEqual([
      [MON, 2],
      [TUE, 2],
    ]);
    const hours = await points(`sales/series?${both}&interval=hour&store=s001`);
    expect(hours.map((p) => p.orders)).toEqual([2, 1]);
    expect(hours[0]?.t.startsWith(`${MON}T`)).toBe(true);
    expect(hours[1]?.t.startsWith(`${TUE}T`)).toBe(true);
    const bad = await s.api(`sales/series?${both}&interval=week`);
    expect(bad.status).toBe(400);
  });
});
