// Closes (Z reports) with their variances and sign-offs, and the daily check that the sales figures
// agree with the Z reports of the same store and business day.
import type Database from 'better-sqlite3';
import { scopeSql, type StoreScope } from './hq-access';
import type { DateRange } from './query-params';
import { prepared } from './sales-queries';

/** A close as the console lists it. */
export interface CloseRow {
  id: string;
  storeId: string;
  terminalId: string;
  shiftId: string;
  businessDate: string;
  zNumber: number | null;
  closedBy: string;
  approvedBy: string | null;
  signedOff: boolean;
  currency: string;
  net: number;
  transactionCount: number;
  cashVariance: number;
  totalVariance: number;
  createdAt: string;
  tenders: unknown;
  zTotals: unknown;
}

/** Z reports vs figures for one store, day and currency. */
export interface CloseDayCheck {
  storeId: string;
  businessDate: string;
  currency: string;
  zNet: number;
  zTransactions: number;
  figuresNet: number;
  figuresTransactions: number;
  matches: boolean;
}

interface RawClose extends Omit<CloseRow, 'signedOff' | 'tenders' | 'zTotals'> {
  doc: string;
}

export function closes(
  db: Database.Database,
  scope: StoreScope,
  range: DateRange,
  page: { limit: number; offset: number } = { limit: 200, offset: 0 },
): { total: number; rows: CloseRow[]; days: CloseDayCheck[] } {
  const s = scopeSql(scope);
  const raw = prepared(
    db,
    `SELECT id, store_id AS storeId, terminal_id AS terminalId, shift_id AS shiftId, business_date AS businessDate,
       z_number AS zNumber, closed_by AS closedBy, approved_by AS approvedBy, currency, net,
       transaction_count AS transactionCount, cash_variance AS cashVariance, total_variance AS totalVariance,
       created_at AS createdAt, doc FROM hq_close WHERE business_date BETWEEN ? AND ? AND ${s.sql}
     ORDER BY business_date DESC, store_id, created_at LIMIT ? OFFSET ?`,
  ).all(range.from, range.to, ...s.args, page.limit, page.offset) as RawClose[];
  const total = (
    prepared(db, `SELECT COUNT(*) AS n FROM hq_close WHERE business_date BETWEEN ? AND ? AND ${s.sql}`).get(
      range.from,
      range.to,
      ...s.args,
    ) as { n: number }
  ).n;
  const rows = raw.map(({ doc, ...r }) => {
    const parsed = JSON.parse(doc) as { tenders: unknown; zTotals: unknown };
    return { ...r, signedOff: r.approvedBy !== null, tenders: parsed.tenders, zTotals: parsed.zTotals };
  });
  const days = prepared(
    db,
    `SELECT c.store_id AS storeId, c.business_date AS businessDate, c.currency, c.zNet, c.zTransactions,
       COALESCE(f.net, 0) AS figuresNet, COALESCE(f.orders, 0) AS figuresTransactions
     FROM (SELECT store_id, business_date, currency, SUM(net) AS zNet, SUM(transaction_count) AS zTransactions
           FROM hq_close WHERE business_date BETWEEN ? AND ? AND ${s.sql} GROUP BY store_id, business_date, currency) c
     LEFT JOIN (SELECT store_id, day, currency, SUM(net) AS net, SUM(orders) AS orders FROM hq_sales_day
           WHERE day BETWEEN ? AND ? AND channel = 'store' GROUP BY store_id, day, currency) f
       ON f.store_id = c.store_id AND f.day = c.business_date AND f.currency = c.currency
     ORDER BY c.business_date DESC, c.store_id`,
  ).all(range.from, range.to, ...s.args, range.from, range.to) as Omit<CloseDayCheck, 'matches'>[];
  return {
    total,
    rows,
    days: days.map((d) => ({
      ...d,
      matches: d.zNet === d.figuresNet && d.zTransactions === d.figuresTransactions,
    })),
  };
}

/** One close with its full document, if in scope. */
export function closeById(db: Database.Database, scope: StoreScope, id: string): unknown {
  const s = scopeSql(scope);
  const row = prepared(db, `SELECT doc FROM hq_close WHERE id = ? AND ${s.sql}`).get(id, ...s.args) as
    { doc: string } | undefined;
  return row ? (JSON.parse(row.doc) as unknown) : undefined;
}
