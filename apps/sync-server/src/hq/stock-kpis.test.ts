// Stock levels with the offline-oversell (negative) and low-stock alerts, movement history per sku, and
// the KPIs that need more than sales: pickup cycle time and on-time rate, loyalty, sell-through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movementDoc } from '../testing/fixtures';
import { loyaltyDoc, pickupDoc, returnDoc, saleDoc } from './hq-fixtures';
import { startHqTestServer, type HqTestServer } from './hq-test-server';
import type { Kpis } from './kpi-queries';
import type { LevelRow, MovementRow } from './stock-queries';

let s: HqTestServer;
const DAY = '2026-11-23';
const at = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;

beforeAll(async () => {
  s = await startHqTestServer(['s001', 's002']);
  const m = (sku: string, loc: string, delta: number, reason?: string) =>
    movementDoc('s001', 's001-t01', sku, loc, delta, reason) as unknown as { id: string };
  await s.write('s001', [
    m('COF-250', 's001-shelf', 10),
    m('COF-250', 's001-shelf', -6),
    m('TEA', 's001-shelf', 1),
    m('TEA', 's001-shelf', -2), // the last unit sold at two offline tills
    m('MUG', 's001-shelf', 50),
  ]);
  await s.write('s002', [
    movementDoc('s002', 's002-t01', 'COF-250', 's002-shelf', 3) as unknown as { id: string },
  ]);
  // Pickup orders: one ready in 30 min, one in 3 h, one not ready yet; loyalty earned and redeemed.
  const place = { storeId: 's001', terminalId: 's001-t01', at: at('10:00') };
  const sale = saleDoc(place);
  await s.write('s001', [
    sale,
    returnDoc({ ...place, at: at('11:00') }, sale),
    pickupDoc('s001', 's001-t01-01JD5ZZ000AAAAAAAAAAAAAAA1', at('09:00'), 30),
    pickupDoc('s001', 's001-t01-01JD5ZZ000AAAAAAAAAAAAAAA2', at('09:10'), 180),
    pickupDoc('s001', 's001-t01-01JD5ZZ000AAAAAAAAAAAAAAA3', at('09:20')),
    loyaltyDoc(place, 'L1', 400),
    loyaltyDoc(place, 'L1', -100),
  ]);
});
afterAll(async () => {
  await s.t.close();
});

describe('stock', () => {
  it('lists levels with negative and low alerts, scoped to the store', async () => {
    const levels = await s.api<{ total: number; rows: LevelRow[] }>('stock/levels?store=s001&low=5');
    expect(levels.body.rows.map((r) => [r.sku, r.onHand, r.alert])).toEqual([
      ['COF-250', 4, 'low'],
      ['MUG', 50, null],
      ['TEA', -1, 'negative'],
    ]);
    const alerts = await s.api<{ negative: { rows: LevelRow[] }; low: { rows: LevelRow[] } }>(
      'stock/alerts',
      s.manager,
    );
    expect(alerts.body.negative.rows.map((r) => r.sku)).toEqual(['TEA']);
    expect(alerts.body.low.rows.map((r) => r.sku)).toEqual(['COF-250']);
    const all = await s.api<{ total: number }>('stock/levels?sku=COF-250');
    expect(all.body.total).toBe(2);
  });

  it('shows the movement history of a sku, newest first', async () => {
    const history = await s.api<{ rows: MovementRow[] }>('stock/movements?sku=COF-250&store=s001');
    expect(history.body.rows.map((r) => r.delta)).toEqual([-6, 10]);
    expect((await s.api('stock/movements?sku=COF-250&store=s002', s.manager)).status).toBe(403);
  });
});

describe('KPIs', () => {
  it('computes pickup cycle time and on-time rate, loyalty redemption, return and discount rates', async () => {
    const k = await s.api<Kpis>(`kpis?from=${DAY}&to=${DAY}&store=s001&sla=120`);
    expect(k.body.pickup).toEqual({
      orders: 3,
      ready: 2,
      collected: 0,
      cycleTimeMinutes: { avg: 105, p50: 30 },
      onTimeRate: '0.5000',
      slaMinutes: 120,
    });
    expect(k.body.loyalty).toEqual({ pointsEarned: 400, pointsRedeemed: 100, redemptionRate: '0.2500' });
    // One sale (net 1050, gross 1150, discount 100) and a return of 450 (its 50 discount given back).
    expect(k.body.byCurrency).toEqual([
      {
        currency: 'EUR',
        averageTransactionValue: 1050,
        unitsPerTransaction: '3.0000',
        returnRate: '0.4286',
        discountRate: '0.0435',
        netSales: 1050,
        loyaltyRedeemedAmount: 0,
      },
    ]);
    // Units sold net of returns: 3 − 1 = 2; on hand at s001 counts positive levels only: 4 + 50.
    expect(k.body.sellThrough).toBe('0.0357');
    // Stock turns annualised: 2 units in 1 day × 365 / 54 on hand = 13.5185…
    expect(k.body.stockTurns).toBe('13.5185');
  });
});
