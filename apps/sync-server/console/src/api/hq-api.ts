// Typed calls to the HQ data API (`/_hq/api/`, docs/specs/hq-api.md). Only the fields the console shows
// are typed; the server may send more.
import { api, apiText } from './http';

/** Money as the API sends it: integer minor units with the currency. */
export interface ApiMoney {
  readonly amount: number;
  readonly currency: string;
}

/** Filters every figure takes: business dates (inclusive) and stores. */
export interface Range {
  readonly from: string;
  readonly to: string;
  readonly stores: readonly string[];
}

function query(params: Record<string, string | number | undefined | readonly string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length > 0) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const rangeQuery = (r: Range) => ({ from: r.from, to: r.to, store: r.stores });

/** One row of `/sales/summary` (groupBy store|day|hour|channel). */
export interface SalesRow {
  readonly key: string;
  readonly currency: string;
  readonly orders: number;
  readonly salesCount: number;
  readonly returnCount: number;
  readonly gross: number;
  readonly discounts: number;
  readonly netSales: number;
  readonly returns: number;
  readonly net: number;
  readonly units: number;
}
/** One row of `/sales/summary?groupBy=tender`. */
export interface TenderRow {
  readonly key: string;
  readonly currency: string;
  readonly count: number;
  readonly amount: number;
}
export type GroupBy = 'store' | 'day' | 'hour' | 'channel' | 'none';

export const salesSummary = (r: Range, groupBy: GroupBy, signal?: AbortSignal) =>
  api<{ rows: SalesRow[] }>(
    `/_hq/api/sales/summary${query({ ...rangeQuery(r), groupBy })}`,
    signalOnly(signal),
  );
export const tenderSummary = (r: Range, signal?: AbortSignal) =>
  api<{ rows: TenderRow[] }>(
    `/_hq/api/sales/summary${query({ ...rangeQuery(r), groupBy: 'tender' })}`,
    signalOnly(signal),
  );

/** KPIs of one currency (money KPIs cannot mix currencies). */
export interface CurrencyKpis {
  readonly currency: string;
  readonly averageTransactionValue?: number;
  readonly unitsPerTransaction?: string;
  readonly returnRate?: string;
  readonly discountRate?: string;
  readonly netSales?: number;
}
/** `/kpis`: ratios are 4-place decimal strings computed by the server. */
export interface Kpis extends Partial<CurrencyKpis> {
  readonly byCurrency?: readonly CurrencyKpis[];
  readonly sellThrough?: string;
  readonly stockTurns?: string;
  readonly pickup?: {
    readonly orders: number;
    readonly cycleTimeMinutes?: { readonly avg?: number; readonly p50?: number } | null;
    readonly onTimeRate?: string;
    readonly slaMinutes?: number;
  };
  readonly loyalty?: {
    readonly pointsEarned: number;
    readonly pointsRedeemed: number;
    readonly redemptionRate?: string;
  };
}
export const kpis = (r: Range, signal?: AbortSignal) =>
  api<Kpis>(`/_hq/api/kpis${query(rangeQuery(r))}`, signalOnly(signal));

/** A stock level row with its alert. */
export interface StockRow {
  readonly sku: string;
  readonly locationId: string;
  readonly storeId: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
  readonly alert: 'negative' | 'low' | null;
  readonly updatedAt?: string;
}
export const stockLevels = (
  p: { stores: readonly string[]; sku?: string; alert?: 'low' | 'negative'; low?: number; offset?: number },
  signal?: AbortSignal,
) =>
  api<{ total: number; rows: StockRow[] }>(
    `/_hq/api/stock/levels${query({ store: p.stores, sku: p.sku, alert: p.alert, low: p.low, limit: 100, offset: p.offset })}`,
    signalOnly(signal),
  );
type RowsOrList<T> = readonly T[] | { readonly rows: readonly T[] };
const rowsOf = <T>(x: RowsOrList<T> | undefined): readonly T[] => (!x ? [] : 'rows' in x ? x.rows : x);

/** Negative and low levels (the API may send each as a list or as a page `{total, rows}`). */
export async function stockAlerts(
  stores: readonly string[],
  low: number,
  signal?: AbortSignal,
): Promise<{ negative: readonly StockRow[]; low: readonly StockRow[] }> {
  const r = await api<{ negative?: RowsOrList<StockRow>; low?: RowsOrList<StockRow> }>(
    `/_hq/api/stock/alerts${query({ store: stores, low })}`,
    signalOnly(signal),
  );
  return { negative: rowsOf(r.negative), low: rowsOf(r.low) };
}

/** One movement of the stock ledger. */
export interface MovementRow {
  readonly id: string;
  readonly storeId: string;
  readonly locationId: string;
  readonly delta: number;
  readonly reason: string;
  readonly ref?: unknown;
  readonly createdAt: string;
  readonly terminalId?: string;
}
export const movements = (sku: string, stores: readonly string[], signal?: AbortSignal) =>
  api<{ rows: MovementRow[] }>(
    `/_hq/api/stock/movements${query({ sku, store: stores, limit: 100 })}`,
    signalOnly(signal),
  );

/** A Z report as the closes list shows it. */
export interface CloseRow {
  readonly id: string;
  readonly storeId: string;
  readonly terminalId: string;
  readonly businessDate?: string;
  readonly zNumber?: number;
  readonly closedBy: string;
  readonly approvedBy?: string;
  readonly signedOff: boolean;
  readonly currency: string;
  readonly net: number | ApiMoney;
  readonly transactionCount: number;
  readonly cashVariance: number | ApiMoney;
  readonly totalVariance?: number | ApiMoney;
  readonly tenders: readonly {
    tenderType: string;
    expected: ApiMoney;
    counted: ApiMoney;
    variance: ApiMoney;
  }[];
  readonly createdAt: string;
}
/** Per store and day: the Z reports' net against the sales figures' net. */
export interface CloseDay {
  readonly storeId: string;
  readonly businessDate: string;
  readonly currency: string;
  readonly zNet: number | ApiMoney;
  readonly zTransactions?: number;
  readonly figuresNet: number | ApiMoney;
  readonly figuresTransactions?: number;
  readonly matches: boolean;
}
export const closes = (r: Range, signal?: AbortSignal) =>
  api<{ rows: CloseRow[]; days: CloseDay[]; total?: number }>(
    `/_hq/api/closes${query(rangeQuery(r))}`,
    signalOnly(signal),
  );

/** A customer in search results. */
export interface CustomerRow {
  readonly id: string;
  readonly storeId: string;
  /** Display name as HQ keeps it (given and family names joined). */
  readonly name?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly orders?: number;
  readonly spent?: number | ApiMoney;
  readonly lastOrderAt?: string;
}
export const customers = (q: string, signal?: AbortSignal) =>
  api<{ rows: CustomerRow[] }>(`/_hq/api/customers${query({ q, limit: 50 })}`, signalOnly(signal));
export const customer = (id: string, signal?: AbortSignal) =>
  api<{
    customer: CustomerRow;
    aliases?: string[];
    orders: {
      id: string;
      storeId: string;
      createdAt: string;
      kind?: string;
      channel?: string;
      currency?: string;
      total: number | ApiMoney;
    }[];
  }>(`/_hq/api/customers/${encodeURIComponent(id)}`, signalOnly(signal));
export const duplicates = (signal?: AbortSignal) =>
  api<{ groups: { match: string; value: string; customers: CustomerRow[] }[] }>(
    '/_hq/api/customers/duplicates',
    signalOnly(signal),
  );
export const mergeCustomers = (survivor: string, dups: readonly string[]) =>
  api<{ ok: boolean; merged: string[] }>('/_hq/api/customers/merge', {
    json: { survivor, duplicates: dups },
  });

/** The last heartbeat a terminal sent. */
export interface HeartbeatView {
  readonly appVersion: string;
  readonly lastSyncAt?: string;
  readonly pendingDocs: number;
  readonly devices: Readonly<Record<string, string>>;
  /** Periods the terminal could not reach the server since its previous heartbeat (`to` absent: still). */
  readonly offlinePeriods?: readonly { readonly from: string; readonly to?: string }[];
  readonly receivedAt?: string;
}
/** `/fleet`: stores, terminals with health, users. */
export interface Fleet {
  readonly now?: string;
  readonly staleAfterMinutes?: number;
  /** `groups`: the store groups each store belongs to (rollout cohorts name them). */
  readonly stores: readonly { id: string; name: string; groups?: readonly string[] }[];
  /** Every store group with its stores. */
  readonly storeGroups?: readonly { group: string; storeIds: readonly string[] }[];
  readonly terminals: readonly {
    terminalId: string;
    storeId: string;
    revoked: boolean;
    lastHeartbeat?: HeartbeatView | null;
    stale: boolean;
    problems: readonly string[];
  }[];
  readonly users: readonly { name: string; role: string; storeId?: string; revoked?: boolean }[];
}
export const fleet = (signal?: AbortSignal) => api<Fleet>('/_hq/api/fleet', signalOnly(signal));

export const productsCsv = () => apiText('/_hq/api/catalog/products.csv');
export const pricesCsv = () => apiText('/_hq/api/catalog/prices.csv');
export const promotionsCsv = () => apiText('/_hq/api/catalog/promotions.csv');
export const importCsv = (kind: 'products' | 'prices' | 'promotions', csv: string) =>
  api<{ ok: boolean; written: number }>(`/_hq/api/catalog/${kind}.csv`, {
    text: csv,
    contentType: 'text/csv',
  });

function signalOnly(signal: AbortSignal | undefined) {
  return signal ? { signal } : {};
}

/** Money fields arrive as minor units beside a currency or as `{amount, currency}`: one shape for the page. */
export function asMoney(value: number | ApiMoney | undefined, currency: string): ApiMoney {
  if (value === undefined) return { amount: 0, currency };
  return typeof value === 'number' ? { amount: value, currency } : value;
}

/** One ledger entry behind a reconciliation finding. */
export interface ReconciledEntry {
  readonly id: string;
  readonly storeId: string | null;
  readonly terminalId: string | null;
  readonly entryKind: string;
  readonly delta: number;
  readonly offline: boolean;
  readonly createdAt: string;
  readonly ref: { readonly kind: string; readonly id: string } | null;
}

/** `GET /_hq/api/reconciliation/ledgers`: gift-card, store-credit and loyalty accounts after offline tills. */
export interface LedgerReconciliation {
  readonly entryCount: number;
  readonly accountCount: number;
  readonly overRedemptions: readonly {
    readonly ledger: string;
    readonly accountId: string;
    readonly currency: string | null;
    readonly balance: number;
    readonly overRedeemedBy: number;
    readonly entries: readonly ReconciledEntry[];
    readonly offlineEntryIds: readonly string[];
  }[];
  readonly capBreaches: readonly {
    readonly ledger: string;
    readonly accountId: string;
    readonly terminalId: string;
    readonly redeemedOffline: number;
    readonly cap: number;
  }[];
  readonly idConflicts: readonly { readonly id: string }[];
}

export const ledgerReconciliation = (stores: readonly string[], signal?: AbortSignal) =>
  api<LedgerReconciliation>(`/_hq/api/reconciliation/ledgers${query({ store: stores })}`, signalOnly(signal));
