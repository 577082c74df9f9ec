// Role scoping of the HQ API: hq sees every store, a manager only theirs (403 otherwise), IT only the
// fleet, a terminal nothing but its heartbeat, and nobody without credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleDoc } from './hq-fixtures';
import { startHqTestServer, type HqTestServer } from './hq-test-server';
import type { SalesRow } from './sales-queries';

let s: HqTestServer;
const DAY = '2026-11-23';
beforeAll(async () => {
  s = await startHqTestServer(['s001', 's002']);
  await s.write('s001', [saleDoc({ storeId: 's001', terminalId: 's001-t01', at: `${DAY}T10:00:00.000Z` })]);
  await s.write('s002', [saleDoc({ storeId: 's002', terminalId: 's002-t01', at: `${DAY}T10:00:00.000Z` })]);
});
afterAll(async () => {
  await s.t.close();
});

describe('HQ API access', () => {
  const q = `sales/summary?from=${DAY}&to=${DAY}`;

  it('gives hq every store and a manager only their own', async () => {
    const hq = await s.api<{ rows: SalesRow[] }>(q);
    expect(hq.body.rows.map((r) => r.key)).toEqual(['s001', 's002']);
    const manager = await s.api<{ rows: SalesRow[] }>(q, s.manager);
    expect(manager.body.rows.map((r) => r.key)).toEqual(['s001']);
    const other = await s.api<{ reason: string }>(`${q}&store=s002`, s.manager);
    expect(other.status).toBe(403);
    expect(other.body.reason).toMatch(/s002/);
    for (const path of ['kpis', 'stock/levels', 'closes', 'customers?q=ada&store=s002'])
      expect((await s.api(`${path}${path.includes('?') ? '&' : '?'}store=s002`, s.manager)).status).toBe(403);
  });

  it('tells the console what each role may open', async () => {
    const me = await s.api<{ role: string; storeId?: string; sections: string[] }>('me', s.manager);
    expect(me.body).toMatchObject({ role: 'manager', storeId: 's001', allStores: false });
    expect(me.body.sections).toEqual(['sales', 'stock', 'closes', 'customers', 'fleet']);
    expect((await s.api<{ sections: string[] }>('me', s.it)).body.sections).toEqual(['fleet', 'enrollment']);
    expect((await s.api('me', null)).status).toBe(401);
  });

  it('keeps IT to the fleet and anonymous callers out', async () => {
    expect((await s.api(q, s.it)).status).toBe(403);
    expect((await s.api('fleet', s.it)).status).toBe(200);
    expect((await s.api(q, null)).status).toBe(401);
    expect((await s.api('customers/merge', s.manager)).status).toBe(405);
    expect(
      (await s.t.json('/_hq/api/customers/merge', { method: 'POST', as: s.manager, json: {} })).status,
    ).toBe(403);
  });

  it('answers bad parameters with a 400 that says what to send', async () => {
    const bad = await s.api<{ reason: string }>('sales/summary?from=23/11/2026');
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toMatch(/YYYY-MM-DD/);
    expect((await s.api(`sales/summary?groupBy=week`)).status).toBe(400);
    expect((await s.api('sales/summary?from=2026-12-01&to=2026-11-01')).status).toBe(400);
    expect((await s.api('nowhere')).status).toBe(404);
  });
});
