// Valid store documents for HQ's tests and bench: sales, returns and web orders built from the shared
// example order (so they pass the server's validation), shifts and their closes built with the shared
// close functions, fulfillments, loyalty entries and customers.
import {
  buildCloseDoc,
  type CashEventDoc,
  type CloseDoc,
  type CustomerDoc,
  type FulfillmentDoc,
  type LedgerEntryDoc,
  type OrderDoc,
  type ShiftDoc,
} from '@store-os/shared';
import { documentExamples, exampleOrder } from '@store-os/shared/schemas';
import { factId } from '../testing/fixtures';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** Where and when a fact happens. */
export interface FactPlace {
  storeId: string;
  terminalId: string;
  /** ISO date-time (UTC). */
  at: string;
  shiftId?: string;
}

const withCouchId = <T extends { id: string }>(doc: T) => ({ ...doc, _id: doc.id });

/** A shift opened at `place` with a €150 float. */
export function shiftDoc(place: FactPlace): ShiftDoc {
  return {
    ...(structuredClone(documentExamples.shift) as unknown as ShiftDoc),
    id: factId(place.terminalId),
    storeId: place.storeId,
    terminalId: place.terminalId,
    businessDate: place.at.slice(0, 10),
    createdAt: place.at,
  };
}

/** The example sale (2 coffees with a promotion, 0.5 kg apples; card + cash; €10.50). */
export function saleDoc(
  place: FactPlace,
  opts: { channel?: 'store' | 'web'; customerId?: string } = {},
): OrderDoc {
  const base = structuredClone(exampleOrder) as unknown as OrderDoc;
  const { customer: _customer, ...rest } = base;
  return {
    ...rest,
    id: factId(place.terminalId),
    storeId: place.storeId,
    terminalId: place.terminalId,
    channel: opts.channel ?? 'store',
    fulfillment: opts.channel === 'web' ? 'pickup' : 'take-now',
    createdAt: place.at,
    businessDate: place.at.slice(0, 10),
    ...(place.shiftId ? { shiftId: place.shiftId } : {}),
    ...(opts.customerId ? { customer: { customerId: opts.customerId } } : {}),
  };
}

/** A return of one coffee from `original` (€4.50 refunded in cash). */
export function returnDoc(place: FactPlace, original: OrderDoc): OrderDoc {
  const line = original.lines[0];
  if (!line) throw new Error('the original order has no line to return');
  return {
    ...original,
    id: factId(place.terminalId),
    kind: 'return',
    createdAt: place.at,
    businessDate: place.at.slice(0, 10),
    ...(place.shiftId ? { shiftId: place.shiftId } : {}),
    lines: [],
    returnLines: [
      {
        ...line,
        lineId: 'r1',
        quantity: 1,
        grossAmount: eur(500),
        discounts: [{ name: 'Coffee −10 %', amount: eur(50) }],
        taxes: [{ rateId: 'FR-R', percent: '5.5', taxable: eur(426), tax: eur(24) }],
        total: eur(450),
        restock: true,
        originalOrderId: original.id,
        originalLineId: line.lineId,
      },
    ],
    taxes: [
      {
        rateId: 'FR-R',
        name: 'TVA 5,5 %',
        percent: '5.5',
        taxable: eur(-426),
        tax: eur(-24),
        gross: eur(-450),
      },
    ],
    totals: { subtotal: eur(-500), discountTotal: eur(-50), taxTotal: eur(-24), total: eur(-450) },
    tenders: [{ tenderId: 't1', type: 'cash', amount: eur(-450), refundOf: `${original.id}/t2` }],
  };
}

/** The close of `shift` over `orders`, counted exactly (no variance) unless `cashShort` is given. */
export function closeDoc(
  shift: ShiftDoc,
  orders: readonly OrderDoc[],
  at: string,
  opts: { cashShort?: number; approvedBy?: string; cashEvents?: CashEventDoc[] } = {},
): CloseDoc {
  const input = {
    shift,
    orders,
    cashEvents: opts.cashEvents ?? [],
    counted: { cash: [] as { denomination: number; count: number }[] },
  };
  // Count the expected cash in cents of 1 (the table's smallest coin) minus any shortfall.
  const probe = buildCloseDoc(input, { newId: () => 'x', closedBy: 'm1', createdAt: at });
  const expectedCash = probe.tenders.find((t) => t.tenderType === 'cash')?.expected.amount ?? 0;
  const cash = expectedCash - (opts.cashShort ?? 0);
  input.counted.cash = [{ denomination: 1, count: Math.max(0, cash) }];
  return buildCloseDoc(input, {
    newId: () => factId(shift.terminalId),
    closedBy: 'm1',
    ...(opts.approvedBy ? { approvedBy: opts.approvedBy } : {}),
    createdAt: at,
  });
}

/** A pickup fulfillment of `orderId`, created at `at`, ready after `readyAfterMinutes` (if given). */
export function pickupDoc(
  storeId: string,
  orderId: string,
  at: string,
  readyAfterMinutes?: number,
): FulfillmentDoc {
  const history: FulfillmentDoc['history'] = [{ state: 'new', at }];
  if (readyAfterMinutes !== undefined)
    history.push({ state: 'ready', at: new Date(Date.parse(at) + readyAfterMinutes * 60_000).toISOString() });
  return {
    id: `fulfillment:${orderId}`,
    type: 'fulfillment',
    schemaVersion: 1,
    storeId,
    orderId,
    method: 'pickup',
    state: readyAfterMinutes === undefined ? 'new' : 'ready',
    history,
    createdAt: at,
    updatedAt: at,
  };
}

/** A loyalty ledger entry: earn (positive) or redeem (negative) points. */
export function loyaltyDoc(place: FactPlace, accountId: string, delta: number): LedgerEntryDoc {
  return {
    id: factId(place.terminalId),
    type: 'ledger-entry',
    schemaVersion: 1,
    storeId: place.storeId,
    terminalId: place.terminalId,
    ledger: 'loyalty',
    accountId,
    entryKind: delta >= 0 ? 'earn' : 'redeem',
    delta,
    offline: false,
    createdAt: place.at,
  };
}

/** A customer known to `storeId`. */
export function customerDoc(
  storeId: string,
  id: string,
  fields: Partial<Pick<CustomerDoc, 'givenName' | 'familyName' | 'email' | 'phone' | 'loyaltyAccountId'>>,
  at = '2026-11-20T10:00:00.000Z',
): CustomerDoc {
  return { id, type: 'customer', schemaVersion: 1, storeId, ...fields, createdAt: at, updatedAt: at };
}

/** Documents in CouchDB form (`_id`) for `_bulk_docs`. */
export const couchDocs = (docs: readonly { id: string }[]) => docs.map((d) => withCouchId(d));
