// What one replicated store document adds to HQ's figures. Pure: the same document always gives the
// same contribution, which is what makes the follower idempotent (it subtracts a document's previous
// contribution before adding the new one). Sales measures follow shifts/reportTotals exactly, so the
// figures of a day equal the sum of that day's Z reports.
import type {
  CloseDoc,
  CustomerDoc,
  FulfillmentDoc,
  LedgerEntryDoc,
  MovementDoc,
  OrderDoc,
} from '@store-os/shared/schemas';

/** Additive sales measures of one (store, day, hour, channel, currency) cell. */
export interface SalesMeasures {
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

export const SALES_MEASURES: readonly (keyof SalesMeasures)[] = [
  'orders',
  'salesCount',
  'returnCount',
  'gross',
  'discounts',
  'netSales',
  'returns',
  'net',
  'units',
  'returnedUnits',
];

/** Sales of one order in its hour cell. */
export interface SalesCell extends SalesMeasures {
  storeId: string;
  day: string;
  hour: string;
  channel: string;
  currency: string;
}

/** Tenders of one order by type (refunds negative). */
export interface TenderCell {
  storeId: string;
  day: string;
  channel: string;
  tender: string;
  currency: string;
  count: number;
  amount: number;
}

/** Loyalty points earned and redeemed by one ledger entry. */
export interface LoyaltyCell {
  storeId: string;
  day: string;
  earned: number;
  redeemed: number;
  entries: number;
}

/** The additive part: subtracted and re-added when a document changes. */
export interface AdditiveContribution {
  sales: SalesCell[];
  tenders: TenderCell[];
  loyalty: LoyaltyCell[];
}

/** A close as HQ lists it. */
export interface CloseRecord {
  id: string;
  storeId: string;
  terminalId: string;
  shiftId: string;
  businessDate: string;
  zNumber: number | null;
  closedBy: string;
  approvedBy: string | null;
  currency: string;
  net: number;
  transactionCount: number;
  cashVariance: number;
  totalVariance: number;
  createdAt: string;
  doc: string;
}

/** A fulfillment as the pickup KPIs need it. */
export interface FulfillmentRecord {
  id: string;
  storeId: string;
  orderId: string;
  method: string;
  state: string;
  createdAt: string;
  readyAt: string | null;
  collectedAt: string | null;
}

/** One stock movement for the per-sku history. */
export interface MovementRecord {
  id: string;
  storeId: string;
  terminalId: string | null;
  sku: string;
  locationId: string;
  delta: number;
  reason: string;
  ref: string | null;
  createdAt: string;
}

/** A customer as HQ searches them (email lower-cased, phone reduced to digits). */
export interface CustomerRecord {
  id: string;
  storeId: string;
  name: string;
  email: string | null;
  phone: string | null;
  loyaltyAccountId: string | null;
  updatedAt: string;
  doc: string;
}

/** An order that names a customer, for their history. */
export interface CustomerOrderRecord {
  orderId: string;
  customerId: string;
  storeId: string;
  createdAt: string;
  kind: string;
  channel: string;
  currency: string;
  total: number;
}

/** Everything a document contributes; records are replaced by document id. */
export interface Contribution extends AdditiveContribution {
  close?: CloseRecord;
  fulfillment?: FulfillmentRecord;
  movement?: MovementRecord;
  customer?: CustomerRecord;
  customerOrder?: CustomerOrderRecord;
}

export const emptyContribution = (): Contribution => ({ sales: [], tenders: [], loyalty: [] });

/** The business day of a fact: its `businessDate`, else the UTC date of `createdAt`. */
export function dayOf(doc: { businessDate?: string; createdAt: string }): string {
  return doc.businessDate ?? isoUtc(doc.createdAt).slice(0, 10);
}

function isoUtc(at: string): string {
  // Timestamps are written in UTC by the terminals; an offset is normalised rather than trusted.
  return at.endsWith('Z') ? at : new Date(at).toISOString();
}

const unitsOf = (line: { unit: string; quantity: number }) => (line.unit === 'kg' ? 1 : line.quantity);
const sumDiscounts = (line: { discounts: readonly { amount: { amount: number } }[] }) =>
  line.discounts.reduce((s, d) => s + d.amount.amount, 0);

function orderContribution(order: OrderDoc): Contribution {
  const cell: SalesCell = {
    storeId: order.storeId,
    day: dayOf(order),
    hour: isoUtc(order.createdAt).slice(11, 13),
    channel: order.channel,
    currency: order.currency,
    orders: 1,
    salesCount: order.lines.length > 0 ? 1 : 0,
    returnCount: order.returnLines.length > 0 ? 1 : 0,
    gross: 0,
    discounts: 0,
    netSales: 0,
    returns: 0,
    net: order.totals.total.amount,
    units: 0,
    returnedUnits: 0,
  };
  for (const line of order.lines) {
    cell.gross += line.grossAmount.amount;
    cell.netSales += line.total.amount;
    cell.units += unitsOf(line);
    cell.discounts += sumDiscounts(line);
  }
  for (const line of order.returnLines) {
    cell.returns += line.total.amount;
    cell.returnedUnits += unitsOf(line);
    cell.discounts -= sumDiscounts(line);
  }
  const tenders = new Map<string, TenderCell>();
  for (const t of order.tenders) {
    const entry = tenders.get(t.type) ?? {
      storeId: order.storeId,
      day: cell.day,
      channel: order.channel,
      tender: t.type,
      currency: t.amount.currency,
      count: 0,
      amount: 0,
    };
    entry.count += 1;
    entry.amount += t.amount.amount;
    tenders.set(t.type, entry);
  }
  const result: Contribution = { sales: [cell], tenders: [...tenders.values()], loyalty: [] };
  if (order.customer) {
    result.customerOrder = {
      orderId: order.id,
      customerId: order.customer.customerId,
      storeId: order.storeId,
      createdAt: order.createdAt,
      kind: order.kind,
      channel: order.channel,
      currency: order.currency,
      total: order.totals.total.amount,
    };
  }
  return result;
}

function closeRecord(close: CloseDoc): CloseRecord {
  const cash = close.tenders.find((t) => t.tenderType === 'cash');
  return {
    id: close.id,
    storeId: close.storeId,
    terminalId: close.terminalId,
    shiftId: close.shiftId,
    businessDate: dayOf(close),
    zNumber: close.zNumber ?? null,
    closedBy: close.closedBy,
    approvedBy: close.approvedBy ?? null,
    currency: close.currency,
    net: close.zTotals.net.amount,
    transactionCount: close.zTotals.transactionCount,
    cashVariance: cash?.variance.amount ?? 0,
    totalVariance: close.tenders.reduce((s, t) => s + t.variance.amount, 0),
    createdAt: close.createdAt,
    doc: JSON.stringify(close),
  };
}

function fulfillmentRecord(f: FulfillmentDoc): FulfillmentRecord {
  const firstAt = (state: string) => f.history.find((h) => h.state === state)?.at ?? null;
  return {
    id: f.id,
    storeId: f.storeId,
    orderId: f.orderId,
    method: f.method,
    state: f.state,
    createdAt: f.createdAt,
    readyAt: firstAt('ready'),
    collectedAt: firstAt('collected'),
  };
}

function loyaltyCell(entry: LedgerEntryDoc): LoyaltyCell[] {
  if (entry.ledger !== 'loyalty') return [];
  const earned = entry.entryKind === 'earn' ? entry.delta : 0;
  const redeemed = entry.entryKind === 'redeem' ? -entry.delta : 0;
  return [{ storeId: entry.storeId, day: dayOf(entry), earned, redeemed, entries: 1 }];
}

/** Lower-cased, trimmed email; digits of a phone number (so "+33 6 12" and "0033612" compare by digits). */
export const normaliseEmail = (email: string | undefined) => email?.trim().toLowerCase() || null;
export const normalisePhone = (phone: string | undefined) => phone?.replace(/[^0-9]/g, '') || null;

function customerRecord(c: CustomerDoc): CustomerRecord {
  return {
    id: c.id,
    storeId: c.storeId,
    name: [c.givenName, c.familyName].filter(Boolean).join(' '),
    email: normaliseEmail(c.email),
    phone: normalisePhone(c.phone),
    loyaltyAccountId: c.loyaltyAccountId ?? null,
    updatedAt: c.updatedAt,
    doc: JSON.stringify(c),
  };
}

/**
 * The contribution of a document as stored (the server validated it on write, so its shape is the
 * schema's); a deleted document or a type HQ does not count contributes nothing.
 */
export function docContribution(doc: Record<string, unknown> | undefined): Contribution {
  if (!doc) return emptyContribution();
  switch (doc.type) {
    case 'order':
      return orderContribution(doc as unknown as OrderDoc);
    case 'close':
      return { ...emptyContribution(), close: closeRecord(doc as unknown as CloseDoc) };
    case 'fulfillment':
      return { ...emptyContribution(), fulfillment: fulfillmentRecord(doc as unknown as FulfillmentDoc) };
    case 'ledger-entry':
      return { ...emptyContribution(), loyalty: loyaltyCell(doc as unknown as LedgerEntryDoc) };
    case 'customer':
      return { ...emptyContribution(), customer: customerRecord(doc as unknown as CustomerDoc) };
    case 'movement': {
      const m = doc as unknown as MovementDoc;
      return {
        ...emptyContribution(),
        movement: {
          id: m.id,
          storeId: m.storeId,
          terminalId: m.terminalId ?? null,
          sku: m.sku,
          locationId: m.locationId,
          delta: m.delta,
          reason: m.reason,
          ref: m.ref ? JSON.stringify(m.ref) : null,
          createdAt: m.createdAt,
        },
      };
    }
    default:
      return emptyContribution();
  }
}
