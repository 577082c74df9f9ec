// Sales figures for the dashboards, read from the aggregate tables the follower maintains.
import type Database from 'better-sqlite3';
import { scopeSql, type StoreScope } from './hq-access';
import { monthUnion, splitByMonth, type MonthSplit } from './month-split';
import type { DateRange } from './query-params';

/** Grouping of a sales summary. */
export type SalesGroup = 'store' | 'day' | 'hour' | 'channel' | 'none';
export const SALES_GROUPS = ['store', 'day', 'hour', 'channel', 'tender', 'none'] as const;

/** Sales figures of one group and currency. */
export interface SalesRow {
  key: string;
  currency: string;
  orders: number;
  salesCount: number;
  returnCount: number;
  gross: number;
  discounts: number;
  netSales: number;
  returns: number;
  net: number;
  units: number;
  returnedUnits: number;
}

/** Tender totals of one type and currency (refunds negative). */
export interface TenderRow {
  key: string;
  currency: string;
  count: number;
  amount: number;
}

const SUMS = `SUM(orders) AS orders, SUM(sales_count) AS salesCount, SUM(return_count) AS returnCount,
  SUM(gross) AS gross, SUM(discounts) AS discounts, SUM(net_sales) AS netSales, SUM(returns) AS returns,
  SUM(net) AS net, SUM(units) AS units, SUM(returned_units) AS returnedUnits`;

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
/** Prepared once per SQL text (the dashboards ask the same few questions over and over). */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let st = cache.get(sql);
  if (!st) {
    st = db.prepare(sql);
    cache.set(sql, st);
  }
  return st;
}

const MEASURE_COLS = `orders, sales_count, return_count, gross, discounts, net_sales, returns, net, units,
  returned_units`;

const GROUP_KEY: Record<SalesGroup, string> = {
  store: 'store_id',
  day: 'day',
  hour: 'hour',
  channel: 'channel',
  none: "'all'",
};

/** Sales summed by store, day, hour of day or channel (or not grouped), per currency. */
export function salesSummary(
  db: Database.Database,
  scope: StoreScope,
  range: DateRange,
  groupBy: SalesGroup,
  channel?: string,
): SalesRow[] {
  const key = GROUP_KEY[groupBy];
  const s = scopeSql(scope);
  const where = {
    sql: `${s.sql}${channel ? ' AND channel = ?' : ''}`,
    args: [...s.args, ...(channel ? [channel] : [])],
  };
  const columns = `${key} AS key, currency, ${MEASURE_COLS}`;
  // Days are listed day by day; every other grouping reads whole months from the month tables.
  const split: MonthSplit =
    groupBy === 'day' ? { months: undefined, days: [[range.from, range.to]] } : splitByMonth(range);
  const tables =
    groupBy === 'hour'
      ? { month: 'hq_sales_month_hour', day: 'hq_sales_hour' }
      : { month: 'hq_sales_month', day: 'hq_sales_day' };
  const union = monthUnion(split, tables, columns, where);
  const sql = `SELECT key, currency, ${SUMS} FROM (${union.sql}) GROUP BY key, currency
    HAVING SUM(orders) <> 0 ORDER BY key, currency`;
  return prepared(db, sql).all(...union.args) as SalesRow[];
}

/** Tender totals by type, per currency. */
export function tenderSummary(db: Database.Database, scope: StoreScope, range: DateRange): TenderRow[] {
  const s = scopeSql(scope);
  const union = monthUnion(
    splitByMonth(range),
    { month: 'hq_tender_month', day: 'hq_tender_day' },
    'tender, currency, count, amount',
    s,
  );
  const sql = `SELECT tender AS key, currency, SUM(count) AS count, SUM(amount) AS amount FROM (${union.sql})
    GROUP BY tender, currency HAVING SUM(count) <> 0 ORDER BY tender, currency`;
  return prepared(db, sql).all(...union.args) as TenderRow[];
}

/** One point of a sales time series. */
export interface SeriesPoint {
  t: string;
  currency: string;
  net: number;
  netSales: number;
  orders: number;
  units: number;
}

/** Net sales per day or per hour (`YYYY-MM-DDTHH`) over the range; periods without sales are absent. */
export function salesSeries(
  db: Database.Database,
  scope: StoreScope,
  range: DateRange,
  interval: 'day' | 'hour',
  channel?: string,
): SeriesPoint[] {
  const s = scopeSql(scope);
  const t = interval === 'day' ? 'day' : "day || 'T' || hour";
  const table = interval === 'day' ? 'hq_sales_day' : 'hq_sales_hour';
  const channelSql = channel ? 'AND channel = ?' : '';
  const sql = `SELECT ${t} AS t, currency, SUM(net) AS net, SUM(net_sales) AS netSales, SUM(orders) AS orders,
    SUM(units) AS units FROM ${table} WHERE day BETWEEN ? AND ? AND ${s.sql} ${channelSql}
    GROUP BY t, currency HAVING SUM(orders) <> 0 ORDER BY t, currency`;
  const args = [range.from, range.to, ...s.args, ...(channel ? [channel] : [])];
  return prepared(db, sql).all(...args) as SeriesPoint[];
}
