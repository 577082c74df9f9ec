// Accepts a web order inside one transaction: route it, write the order to `web-orders` and to its home
// store, and to every store that serves a part its fulfillment document and reserve movements. Any
// refusal throws and nothing is written; the routing is remembered for GET and cancel.
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { IdFactory } from '@store-os/shared/ids';
import type { WebOrderRequest, WebOrderStatus } from '@store-os/shared/integration';
import { newFulfillment } from '@store-os/shared/orders';
import { orderLineMovement } from '@store-os/shared/stock';
import type { FulfillmentDoc, OrderDoc, StockLevelDoc } from '@store-os/shared/schemas';
import { storeDbName } from '../auth/access-policy';
import { shipToOf, shipToRefusal, withShipTo } from '../omni/ship-to';
import type { SqliteStore } from '../storage/sqlite-store';
import type { ValidateDocument } from '../validation/write-validator';
import { ApiProblem, validationFailed } from './api-problem';
import type { AtomicWriter } from './atomic-writer';
import { planWebOrder, type WebOrderPlan } from './web-order-plan';
import { statusFromDocs } from './web-order-status';

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A pickup code a person can read out: 6 characters without 0/O or 1/I. */
export function newPickupCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length));
  return code;
}

/** What intake needs from the server. */
export interface IntakeDeps {
  store: SqliteStore;
  writer: AtomicWriter;
  validate: ValidateDocument;
  newId: IdFactory;
  now: number;
  staleAfterMs: number;
  adjustLevels?: (levels: StockLevelDoc[]) => StockLevelDoc[];
}

/** Builds, checks and writes the documents of a new web order; answers its status. */
export function acceptWebOrder(request: WebOrderRequest, deps: IntakeDeps): WebOrderStatus {
  // A ship order's delivery address: `fulfillment.shipTo`, or else its note after "Ship to: " (as the
  // till writes an endless-aisle sale's).
  const explicitShipTo =
    request.fulfillment.method === 'ship' ? request.fulfillment.shipTo?.trim() : undefined;
  const shipToProblem =
    request.fulfillment.method === 'ship' && explicitShipTo === undefined
      ? shipToRefusal(request.note)
      : undefined;
  if (shipToProblem !== undefined)
    throw validationFailed(`The delivery address cannot be used: ${shipToProblem}`, [
      { pointer: '/note', detail: shipToProblem, code: 'order.ship-to-invalid' },
    ]);
  const plan = planWebOrder(deps.store, request, deps.now, deps.staleAfterMs, deps.adjustLevels);
  if (request.onShortage === 'reject' && plan.backorders.length > 0) {
    throw new ApiProblem(
      409,
      'conflict',
      'Not enough stock to fill every unit and onShortage is "reject"; nothing was written.',
      plan.backorders.map((b) => ({
        pointer: `/lines/${request.lines.findIndex((l) => l.lineId === b.lineId)}/quantity`,
        detail: `${b.quantity} unit(s) of ${b.sku} cannot be filled now.`,
        code: 'insufficient-stock',
      })),
    );
  }
  const at = new Date(deps.now).toISOString();
  const order: OrderDoc = {
    id: deps.newId(),
    type: 'order',
    schemaVersion: 1,
    storeId: plan.homeStoreId,
    kind: 'sale',
    channel: 'web',
    fulfillment: request.fulfillment.method,
    createdAt: request.placedAt,
    externalRef: request.externalRef,
    currency: request.currency,
    pricesIncludeTax: request.pricesIncludeTax,
    lines: request.lines,
    returnLines: [],
    taxes: request.taxes,
    totals: request.totals,
    tenders: request.tenders,
    ...(request.customer === undefined ? {} : { customer: request.customer }),
    ...(request.note === undefined ? {} : { note: request.note }),
  };
  const verdict = deps.validate(order);
  if (!verdict.ok) {
    throw validationFailed(`The order does not add up: ${verdict.reason}`, [
      { pointer: pointerIn(verdict.reason), detail: verdict.reason, code: verdict.code },
    ]);
  }
  const pickupCode =
    request.fulfillment.method === 'pickup' ? (request.fulfillment.pickupCode ?? newPickupCode()) : undefined;
  const units = new Map(request.lines.map((l) => [l.lineId, l]));

  deps.writer.write('web-orders', [{ _id: order.id, ...order }], '/order');
  const fulfillments: FulfillmentDoc[] = [];
  for (const part of plan.parts) {
    const db = storeDbName(part.storeId);
    part.sinceSeq = deps.store.info(db)?.updateSeq ?? 0;
    const base = newFulfillment({
      order: { ...order, storeId: part.storeId },
      at,
      ...(pickupCode === undefined ? {} : { pickupCode }),
    });
    // Every shipping store's fulfillment carries the address, so its tills have it offline too.
    const fulfillment =
      order.fulfillment === 'ship' ? withShipTo(base, explicitShipTo ?? shipToOf(order)) : base;
    fulfillments.push(fulfillment);
    const docs: Record<string, unknown>[] = [];
    if (part.storeId === plan.homeStoreId) docs.push({ _id: order.id, ...order });
    docs.push({ _id: fulfillment.id, ...fulfillment });
    for (const allocation of part.allocations) {
      for (const line of allocation.lines) {
        const unit = units.get(line.lineId)?.unit ?? 'each';
        const movement = orderLineMovement({
          order: { id: order.id, storeId: part.storeId },
          line: { lineId: line.lineId, sku: line.sku, unit },
          locationId: allocation.locationId,
          reason: 'reserve',
          delta: line.quantity,
          newId: deps.newId,
          createdAt: at,
        });
        docs.push({ _id: movement.id, ...movement });
      }
    }
    deps.writer.write(db, docs, `/stores/${part.storeId}`);
  }
  rememberPlan(deps.store.sqlite, order, plan, deps.now);
  return statusFromDocs(
    order,
    plan,
    deps.now,
    fulfillments.map((f) => ({ doc: f, revisions: 1 })),
  );
}

/** The JSON Pointer a shared validator reason names (`order /totals/total …`), or the whole body. */
function pointerIn(reason: string): string {
  const m = /\s(\/[A-Za-z0-9/_-]+)/.exec(reason);
  return m?.[1] ?? '';
}

function rememberPlan(db: Database.Database, order: OrderDoc, plan: WebOrderPlan, now: number): void {
  db.prepare(
    'INSERT INTO api_web_orders (order_id, external_ref, store_id, method, plan, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(order.id, order.externalRef ?? '', order.storeId, order.fulfillment, JSON.stringify(plan), now);
}

/** A remembered web order: its routing and the order document's key facts. */
export interface StoredWebOrder {
  orderId: string;
  externalRef: string;
  storeId: string;
  method: 'pickup' | 'ship';
  plan: WebOrderPlan;
  receivedAt: number;
}

/** Reads a remembered web order by id. */
export function readWebOrder(db: Database.Database, orderId: string): StoredWebOrder | undefined {
  const row = db
    .prepare<
      [string],
      {
        order_id: string;
        external_ref: string;
        store_id: string;
        method: string;
        plan: string;
        received_at: number;
      }
    >('SELECT * FROM api_web_orders WHERE order_id = ?')
    .get(orderId);
  if (!row) return undefined;
  return {
    orderId: row.order_id,
    externalRef: row.external_ref,
    storeId: row.store_id,
    method: row.method === 'ship' ? 'ship' : 'pickup',
    plan: JSON.parse(row.plan) as WebOrderPlan,
    receivedAt: row.received_at,
  };
}

/** Order ids of web orders with the shop's reference, newest first. */
export function webOrderIdsByRef(db: Database.Database, externalRef: string): string[] {
  return db
    .prepare<[string], { order_id: string }>(
      'SELECT order_id FROM api_web_orders WHERE external_ref = ? ORDER BY received_at DESC LIMIT 20',
    )
    .all(externalRef)
    .map((r) => r.order_id);
}
