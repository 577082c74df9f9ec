// KPIs over a period, from the aggregates, the fulfillment records, the loyalty ledger and the mirrored
// stock levels. Definitions are in docs/specs/hq-api.md; ratios are 4-place decimal strings.
import type Database from 'better-sqlite3';
import { scopeSql, type StoreScope } from './hq-access';
import { daysIn, ratio, type DateRange } from './query-params';
import { prepared, salesSummary, tenderSummary } from './sales-queries';

/** Pickup-order service figures. */
export interface PickupKpis {
  orders: number;
  ready: number;
  collected: number;
  cycleTimeMinutes: { avg: number; p50: number } | null;
  onTimeRate: string;
  slaMinutes: number;
}

/** The KPIs of one currency. */
export interface CurrencyKpis {
  currency: string;
  averageTransactionValue: number;
  unitsPerTransaction: string;
  returnRate: string;
  discountRate: string;
  netSales: number;
  loyaltyRedeemedAmount: number;
}

/** The dashboard's KPI block. */
export interface Kpis {
  from: string;
  to: string;
  byCurrency: CurrencyKpis[];
  sellThrough: string;
  stockTurns: string;
  pickup: PickupKpis;
  loyalty: { pointsEarned: number; pointsRedeemed: number; redemptionRate: string };
}

const halfUp = (n: number, d: number) =>
  d === 0 ? 0 : Math.sign(n) * Math.floor((2 * Math.abs(n) + d) / (2 * d));

export function kpis(db: Database.Database, scope: StoreScope, range: DateRange, slaMinutes: number): Kpis {
  const totals = salesSummary(db, scope, range, 'none');
  const loyaltyTender = new Map(
    tenderSummary(db, scope, range)
      .filter((t) => t.key === 'loyalty-points')
      .map((t) => [t.currency, t.amount]),
  );
  const byCurrency = totals.map((t) => ({
    currency: t.currency,
    averageTransactionValue: halfUp(t.netSales, t.salesCount),
    unitsPerTransaction: ratio(t.units, t.salesCount),
    returnRate: ratio(t.returns, t.netSales),
    discountRate: ratio(t.discounts, t.gross),
    netSales: t.netSales,
    loyaltyRedeemedAmount: loyaltyTender.get(t.currency) ?? 0,
  }));
  const unitsSold = totals.reduce((s, t) => s + t.units - t.returnedUnits, 0);
  const stock = scopeSql(scope);
  const onHand =
    (
      prepared(db, `SELECT SUM(MAX(on_hand, 0)) AS n FROM hq_stock_level WHERE ${stock.sql}`).get(
        ...stock.args,
      ) as { n: number | null }
    ).n ?? 0;
  const days = daysIn(range);
  return {
    from: range.from,
    to: range.to,
    byCurrency,
    sellThrough: ratio(unitsSold, unitsSold + onHand),
    stockTurns: ratio(unitsSold * 365, onHand * days),
    pickup: pickupKpis(db, scope, range, slaMinutes),
    loyalty: loyaltyKpis(db, scope, range),
  };
}

function pickupKpis(
  db: Database.Database,
  scope: StoreScope,
  range: DateRange,
  slaMinutes: number,
): PickupKpis {
  const s = scopeSql(scope);
  const rows = prepared(
    db,
    `SELECT created_at AS createdAt, ready_at AS readyAt, collected_at AS collectedAt FROM hq_fulfillment
     WHERE method = 'pickup' AND created_at >= ? AND created_at < ? AND ${s.sql}`,
  ).all(`${range.from}T00:00:00`, `${range.to}T99`, ...s.args) as {
    createdAt: string;
    readyAt: string | null;
    collectedAt: string | null;
  }[];
  const cycles = rows
    .filter((r) => r.readyAt !== null)
    .map((r) => Math.max(0, Math.round((Date.parse(r.readyAt ?? '') - Date.parse(r.createdAt)) / 60_000)))
    .sort((a, b) => a - b);
  const onTime = cycles.filter((m) => m <= slaMinutes).length;
  return {
    orders: rows.length,
    ready: cycles.length,
    collected: rows.filter((r) => r.collectedAt !== null).length,
    cycleTimeMinutes:
      cycles.length === 0
        ? null
        : {
            avg: Math.round(cycles.reduce((a, b) => a + b, 0) / cycles.length),
            p50: cycles[Math.floor((cycles.length - 1) / 2)] ?? 0,
          },
    onTimeRate: ratio(onTime, cycles.length),
    slaMinutes,
  };
}

function loyaltyKpis(db: Database.Database, scope: StoreScope, range: DateRange) {
  const s = scopeSql(scope);
  const row = prepared(
    db,
    `SELECT SUM(earned) AS earned, SUM(redeemed) AS redeemed FROM hq_loyalty_day
     WHERE day BETWEEN ? AND ? AND ${s.sql}`,
  ).get(range.from, range.to, ...s.args) as { earned: number | null; redeemed: number | null };
  const earned = row.earned ?? 0;
  const redeemed = row.redeemed ?? 0;
  return { pointsEarned: earned, pointsRedeemed: redeemed, redemptionRate: ratio(redeemed, earned) };
}
