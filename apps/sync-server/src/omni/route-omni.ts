// `/_omni/...`: what terminals ask the server for beyond their own store's data. Any store credential
// (terminal or manager) and HQ or admin may ask; answers carry only what the task needs.
//   GET /_omni/orders?q=                     sales of any store or the web shop for a return, by order
//                                            number, receipt barcode, web reference, customer, loyalty
//                                            account or card token, each with the returns already made
//   GET /_omni/no-receipt-returns?customerId= the customer's no-receipt returns chain-wide (the limits)
//   GET /_omni/ship-orders/{orderId}         how an endless-aisle order was routed, and (for the selling and
//                                            the shipping stores, HQ, admin) where it goes
import {
  orderForReturn,
  type NoReceiptReturnRecord,
  type ReturnLookupAnswer,
} from '@store-os/shared/omnichannel';
import type { OrderDoc } from '@store-os/shared/schemas';
import type { Ctx } from '../http/context';
import { badRequest, forbidden, methodNotAllowed, notFound } from '../http/couch-error';
import { requireUser } from '../http/guards';
import { sendJson } from '../http/respond';
import { storeDbName } from '../auth/access-policy';
import type { WebOrderPlan } from '../api/web-order-plan';
import type { SqliteStore } from '../storage/sqlite-store';
import { findSales, noReceiptReturnsOf, returnsAgainst, type IndexedOrder } from './order-index';
import { omniOf } from './omni-service';
import { shipToOf } from './ship-to';

const ALLOWED_ROLES = new Set(['terminal', 'manager', 'hq', 'admin']);
const MAX_ORDERS = 20;
/** How the till writes the delivery address on an endless-aisle order's note. */

function readOrder(store: SqliteStore, row: IndexedOrder): OrderDoc | undefined {
  const info = store.info(row.db);
  const doc = info ? store.getWinner(info, row.orderId) : undefined;
  if (!doc?.body || doc.deleted === 1) return undefined;
  return { ...(JSON.parse(doc.body) as OrderDoc & { _id?: string; _rev?: string }), id: row.orderId };
}

/** Drops the CouchDB envelope and what a return does not need. */
function forReturn(order: OrderDoc) {
  const { _id: _i, _rev: _r, ...doc } = order as OrderDoc & { _id?: string; _rev?: string };
  return orderForReturn(doc);
}

function param(ctx: Ctx, name: string, max = 200): string {
  const v = ctx.url.searchParams.get(name)?.trim() ?? '';
  if (v.length < 4 || v.length > max)
    throw badRequest(
      `Query parameter ${name} must be 4 to ${max} characters (an order number, receipt or id).`,
    );
  return v;
}

/** Handles `/_omni/<seg…>`. */
export async function routeOmni(ctx: Ctx, seg: string[]): Promise<void> {
  const p = requireUser(ctx);
  if (!ALLOWED_ROLES.has(p.role))
    throw forbidden('Only store terminals, store managers and HQ may look up orders across the chain.');
  const omni = omniOf(ctx.services);
  if (!omni) throw notFound('The omnichannel service is not running on this server.');
  if ((ctx.req.method ?? 'GET') !== 'GET') throw methodNotAllowed('GET');
  // Answers reflect everything committed before the request.
  await omni.catchUp();
  const { store } = ctx.services;
  const [a, b, c] = seg;
  if (a === 'orders' && b === undefined) {
    const q = param(ctx, 'q');
    const answer: ReturnLookupAnswer = {
      orders: findSales(store.sqlite, q, MAX_ORDERS).flatMap((row) => {
        const order = readOrder(store, row);
        if (!order || order.lines.length === 0) return [];
        const earlier = returnsAgainst(store.sqlite, order.id).flatMap((r) => {
          const o = readOrder(store, r);
          return o ? [forReturn(o)] : [];
        });
        return [{ order: forReturn(order), earlierReturns: earlier }];
      }),
    };
    return sendJson(ctx.res, 200, answer);
  }
  if (a === 'no-receipt-returns' && b === undefined) {
    const returns: NoReceiptReturnRecord[] = noReceiptReturnsOf(store.sqlite, param(ctx, 'customerId'));
    return sendJson(ctx.res, 200, { returns });
  }
  if (a === 'ship-orders' && b !== undefined && c === undefined) {
    const row = store.sqlite
      .prepare<
        [string],
        { store_id: string; status: string; plan: string | null; reason: string | null; routed_at: number }
      >('SELECT store_id, status, plan, reason, routed_at FROM omni_ship_orders WHERE order_id = ?')
      .get(b);
    if (!row) throw notFound(`Endless-aisle order ${b} has not reached the server yet (or is not one).`);
    const plan = row.plan ? (JSON.parse(row.plan) as WebOrderPlan) : undefined;
    // The selling store and the stores that ship a part may read where it goes; others see only the routing.
    const involved =
      p.storeId === undefined ||
      p.storeId === row.store_id ||
      (plan?.parts.some((part) => part.storeId === p.storeId) ?? false);
    const order = involved ? readOrder(store, { orderId: b, db: storeDbName(row.store_id) }) : undefined;
    const shipTo = shipToOf(order);
    return sendJson(ctx.res, 200, {
      orderId: b,
      storeId: row.store_id,
      status: row.status,
      routedAt: new Date(row.routed_at).toISOString(),
      ...(plan ? { plan } : {}),
      ...(row.reason ? { reason: row.reason } : {}),
      ...(shipTo === undefined ? {} : { shipTo }),
    });
  }
  throw notFound(`Unknown endpoint /_omni/${seg.join('/')}.`);
}
