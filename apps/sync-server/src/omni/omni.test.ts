import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReturnLookupAnswer } from '@store-os/shared/omnichannel';
import type { OrderDoc } from '@store-os/shared/schemas';
import { addStore, level, receive, startApiServer, webOrder } from '../api/api-test-kit';
import { factId } from '../testing/fixtures';
import { startTestServer, type TestServer } from '../testing/test-server';
import { omniOf } from './omni-service';

type Doc = Record<string, unknown> & { _id: string };
type Cred = { name: string; password: string };

async function storeDocs(t: TestServer, storeId: string): Promise<Doc[]> {
  const res = await t.json<{ rows: { doc: Doc }[] }>(`/store-${storeId}/_all_docs?include_docs=true`);
  return res.body.rows.map((r) => r.doc);
}

async function terminalOf(t: TestServer, storeId: string, terminalId: string): Promise<Cred> {
  const enrol = await t.json<{ enrollmentCode: string }>(`/_pos/stores/${storeId}/terminals`, {
    method: 'POST',
    json: { terminalId },
  });
  const cred = await t.json<Cred>('/_pos/enroll', {
    method: 'POST',
    as: null,
    json: { code: enrol.body.enrollmentCode },
  });
  return cred.body;
}

/** An endless-aisle sale written at `terminalId` of `storeId`: paid at the counter, to be shipped. */
function aisleOrder(
  storeId: string,
  terminalId: string,
  lines: { sku: string; quantity: number }[],
  extra: Partial<OrderDoc> = {},
): OrderDoc & { _id: string } {
  const w = webOrder(lines, { method: 'ship' });
  const id = factId(terminalId);
  const order: OrderDoc & { _id: string } = {
    _id: id,
    id,
    type: 'order',
    schemaVersion: 1,
    storeId,
    terminalId,
    kind: 'sale',
    channel: 'store',
    fulfillment: 'ship',
    createdAt: new Date().toISOString(),
    currency: w.currency,
    pricesIncludeTax: w.pricesIncludeTax,
    lines: w.lines,
    returnLines: [],
    taxes: w.taxes,
    totals: w.totals,
    tenders: [{ tenderId: 't1', type: 'cash', amount: w.totals.total }],
    customer: { customerId: 'cust-1' },
  };
  return { ...order, ...extra };
}

async function push(t: TestServer, storeId: string, docs: object[], as: Cred): Promise<void> {
  const res = await t.json<{ error?: string; reason?: string }[]>(`/store-${storeId}/_bulk_docs`, {
    method: 'POST',
    as,
    json: { docs },
  });
  if (res.status !== 201 || res.body.some((r) => r.error)) throw new Error(JSON.stringify(res.body));
}

describe('endless-aisle orders are routed by the server when the selling terminal syncs', () => {
  let t: TestServer;
  let till: Cred;
  beforeEach(async () => {
    t = await startApiServer();
    await addStore(t, 's1', [{ locationId: 's1-floor' }]);
    await addStore(t, 's2', [{ locationId: 's2-floor' }]);
    await addStore(t, 's3', [{ locationId: 's3-floor' }]);
    till = await terminalOf(t, 's1', 's1-t01');
  });
  afterEach(async () => {
    await t.close();
  });

  it('an item only store s2 has: s2 gets the fulfillment and the reservation, once, even when pushed again', async () => {
    await receive(t, 's2', 'COF', 's2-floor', 4);
    const order = aisleOrder('s1', 's1-t01', [{ sku: 'COF', quantity: 3 }], {
      note: 'Ship to: 12 Rue de la Paix, Paris',
    });
    await push(t, 's1', [order], till);
    await omniOf(t.server.services)?.catchUp();

    const s2 = await storeDocs(t, 's2');
    expect(s2.filter((d) => d['type'] === 'fulfillment')).toMatchObject([
      {
        _id: `fulfillment:${order.id}`,
        orderId: order.id,
        storeId: 's2',
        method: 'ship',
        state: 'new',
        // Replicated to the shipping store's tills with the fulfillment: readable offline there.
        schemaVersion: 2,
        shipTo: '12 Rue de la Paix, Paris',
      },
    ]);
    expect(s2.filter((d) => d['reason'] === 'reserve')).toMatchObject([
      { sku: 'COF', locationId: 's2-floor', delta: 3, ref: { kind: 'order', id: order.id, lineId: '1' } },
    ]);
    // The selling store keeps only its order: nothing is backordered, so it owns no fulfillment part.
    expect((await storeDocs(t, 's1')).filter((d) => d['type'] === 'fulfillment')).toEqual([]);
    expect(await level(t, 'COF', 's2-floor')).toEqual({ onHand: 4, reserved: 3 });

    // Read again from the start (a restart that lost its place): the order is seen again, routed never twice.
    t.server.services.store.sqlite.prepare('DELETE FROM omni_cursors').run();
    const dataDir = t.dataDir;
    await t.close(true);
    t = await startApiServer({ dataDir });
    await omniOf(t.server.services)?.catchUp();
    expect((await storeDocs(t, 's2')).filter((d) => d['reason'] === 'reserve')).toHaveLength(1);

    const routing = await t.json<{ status: string; plan: { parts: { storeId: string }[] } }>(
      `/_omni/ship-orders/${order.id}`,
      { as: till },
    );
    expect(routing.body).toMatchObject({
      storeId: 's1',
      status: 'routed',
      plan: { parts: [{ storeId: 's2' }] },
      shipTo: '12 Rue de la Paix, Paris',
    });
    // The shipping store's till reads where the parcel goes; a store with no part in the order does not.
    const shipper = await terminalOf(t, 's2', 's2-t01');
    const bystander = await terminalOf(t, 's3', 's3-t01');
    expect((await t.json(`/_omni/ship-orders/${order.id}`, { as: shipper })).body).toMatchObject({
      shipTo: '12 Rue de la Paix, Paris',
    });
    expect((await t.json(`/_omni/ship-orders/${order.id}`, { as: bystander })).body).not.toHaveProperty(
      'shipTo',
    );
  });

  it('splits over two stores when neither has everything, and backorders what nobody has (selling store owns it)', async () => {
    await receive(t, 's2', 'COF', 's2-floor', 2);
    await receive(t, 's3', 'TEA', 's3-floor', 1);
    const order = aisleOrder('s1', 's1-t01', [
      { sku: 'COF', quantity: 3 },
      { sku: 'TEA', quantity: 1 },
    ]);
    await push(t, 's1', [order], till);
    await omniOf(t.server.services)?.catchUp();

    expect((await storeDocs(t, 's2')).filter((d) => d['reason'] === 'reserve')).toMatchObject([
      { sku: 'COF', delta: 2 },
    ]);
    expect((await storeDocs(t, 's3')).filter((d) => d['reason'] === 'reserve')).toMatchObject([
      { sku: 'TEA', delta: 1 },
    ]);
    expect((await storeDocs(t, 's1')).filter((d) => d['type'] === 'fulfillment')).toMatchObject([
      { storeId: 's1', method: 'ship', state: 'new' },
    ]);
    const routing = await t.json<{ plan: { backorders: unknown[] } }>(`/_omni/ship-orders/${order.id}`, {
      as: till,
    });
    expect(routing.body.plan.backorders).toEqual([{ lineId: '1', sku: 'COF', quantity: 1 }]);
  });

  it('a web order arriving right after does not get the units the endless-aisle order reserved', async () => {
    await receive(t, 's2', 'COF', 's2-floor', 1);
    const order = aisleOrder('s1', 's1-t01', [{ sku: 'COF', quantity: 1 }]);
    await push(t, 's1', [order], till);
    await omniOf(t.server.services)?.catchUp();
    // No wait for the roll-up: the web order may arrive before, between or after its two steps
    // (contributions recorded, level document rewritten); the reservation overlay covers all three.
    const key = await t.json<{ key: string }>('/_api/keys', {
      method: 'POST',
      json: { integration: 'shop', scopes: ['orders:write'] },
    });
    const res = await fetch(`${t.url}/_api/web-orders`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${key.body.key}`,
        'Idempotency-Key': 'after-aisle',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(webOrder([{ sku: 'COF', quantity: 1 }], { method: 'ship' })),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { backorders: unknown[] }).backorders).toHaveLength(1);
    expect(await level(t, 'COF', 's2-floor')).toEqual({ onHand: 1, reserved: 1 });
  });
});

describe('order look-up for returns across the chain', () => {
  let t: TestServer;
  let till: Cred;
  let sale: OrderDoc & { _id: string };
  beforeEach(async () => {
    t = await startTestServer();
    await addStore(t, 's1');
    await addStore(t, 's2');
    till = await terminalOf(t, 's1', 's1-t01');
    const other = await terminalOf(t, 's2', 's2-t01');
    sale = aisleOrder('s2', 's2-t01', [{ sku: 'COF', quantity: 2 }], {
      fulfillment: 'take-now',
      note: 'gift wrap',
      cashierId: 'u-anna',
      customer: { customerId: 'cust-9', loyaltyAccountId: 'LOY-777' },
      tenders: [
        {
          tenderId: 't1',
          type: 'card',
          amount: { amount: 1000, currency: 'EUR' },
          token: 'psp_tok_abcd',
          maskedPan: '**** 4242',
          brand: 'VISA',
          authCode: 'A1B2C3',
        },
      ],
    });
    const ret = {
      ...aisleOrder('s2', 's2-t01', [{ sku: 'COF', quantity: 1 }], { fulfillment: 'take-now' }),
      kind: 'return',
      lines: [],
      returnLines: [
        {
          ...sale.lines[0],
          quantity: 1,
          grossAmount: { amount: 500, currency: 'EUR' },
          total: { amount: 500, currency: 'EUR' },
          originalOrderId: sale.id,
          originalLineId: '1',
          restock: true,
        },
      ],
      totals: {
        subtotal: { amount: -500, currency: 'EUR' },
        discountTotal: { amount: 0, currency: 'EUR' },
        taxTotal: { amount: 0, currency: 'EUR' },
        total: { amount: -500, currency: 'EUR' },
      },
      tenders: [{ tenderId: 'r1', type: 'cash', amount: { amount: -500, currency: 'EUR' } }],
    };
    await push(t, 's2', [sale, ret], other);
  });
  afterEach(async () => {
    await t.close();
  });

  it('a till of s1 finds an s2 sale by receipt barcode, number, loyalty account or card token, with its earlier returns', async () => {
    for (const q of [sale.id, sale.id.slice(-20), 'LOY-777', 'cust-9', 'psp_tok_abcd']) {
      const res = await t.json<ReturnLookupAnswer>(`/_omni/orders?q=${encodeURIComponent(q)}`, { as: till });
      expect(res.status, q).toBe(200);
      expect(
        res.body.orders.map((o) => o.order.id),
        q,
      ).toEqual([sale.id]);
      expect(res.body.orders[0]?.earlierReturns.map((r) => r.returnLines[0]?.originalOrderId)).toEqual([
        sale.id,
      ]);
    }
    const res = await t.json<ReturnLookupAnswer>(`/_omni/orders?q=${sale.id}`, { as: till });
    const found = res.body.orders[0]?.order as unknown as Record<string, unknown>;
    // Only what a return needs: no cashier, till, shift or note, no CouchDB envelope.
    for (const field of ['cashierId', 'terminalId', 'shiftId', 'note', '_id', '_rev'])
      expect(found).not.toHaveProperty(field);
    expect(found).toMatchObject({
      storeId: 's2',
      tenders: [{ token: 'psp_tok_abcd', maskedPan: '**** 4242' }],
    });
    expect(
      (await t.json<ReturnLookupAnswer>('/_omni/orders?q=nothing-like-it', { as: till })).body.orders,
    ).toEqual([]);
  });

  it('needs a store or HQ credential, and a real query', async () => {
    expect((await t.call(`/_omni/orders?q=${sale.id}`, { as: null })).status).toBe(401);
    expect((await t.call('/_omni/orders?q=ab', { as: till })).status).toBe(400);
    expect((await t.call(`/_omni/orders?q=${sale.id}`, { method: 'POST', as: till })).status).toBe(405);
  });

  it('counts a customer no-receipt returns chain-wide', async () => {
    const noReceipt = {
      ...aisleOrder('s2', 's2-t01', [{ sku: 'COF', quantity: 1 }], { fulfillment: 'take-now' }),
      kind: 'return',
      customer: { customerId: 'cust-9' },
      lines: [],
      returnLines: [
        {
          ...sale.lines[0],
          quantity: 1,
          grossAmount: { amount: 500, currency: 'EUR' },
          total: { amount: 500, currency: 'EUR' },
          restock: true,
          approvedBy: 'u-boss',
        },
      ],
      totals: {
        subtotal: { amount: -500, currency: 'EUR' },
        discountTotal: { amount: 0, currency: 'EUR' },
        taxTotal: { amount: 0, currency: 'EUR' },
        total: { amount: -500, currency: 'EUR' },
      },
      tenders: [
        {
          tenderId: 'r1',
          type: 'store-credit',
          accountId: 'SC-1',
          amount: { amount: -500, currency: 'EUR' },
        },
      ],
    };
    await push(t, 's2', [noReceipt], { name: 'admin', password: 'admin-password-1' });
    const res = await t.json<{ returns: unknown[] }>('/_omni/no-receipt-returns?customerId=cust-9', {
      as: till,
    });
    expect(res.body.returns).toEqual([
      { orderId: noReceipt.id, storeId: 's2', at: noReceipt.createdAt, amount: 500 },
    ]);
  });
});
