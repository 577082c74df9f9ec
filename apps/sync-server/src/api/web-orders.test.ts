import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebOrderStatus } from '@store-os/shared/integration';
import type { TestServer } from '../testing/test-server';
import { addStore, api, apiKey, level, receive, startApiServer, webOrder } from './api-test-kit';

type Doc = Record<string, unknown> & { _id: string; _rev: string };

async function storeDocs(t: TestServer, storeId: string): Promise<Doc[]> {
  const res = await t.json<{ rows: { doc: Doc }[] }>(`/store-${storeId}/_all_docs?include_docs=true`);
  return res.body.rows.map((r) => r.doc);
}

async function docCount(t: TestServer, db: string): Promise<number> {
  return (await t.json<{ doc_count: number }>(`/${db}`)).body.doc_count;
}

describe('web orders through the integration API', () => {
  let t: TestServer;
  let key: string;
  beforeEach(async () => {
    t = await startApiServer();
    key = await apiKey(t, ['orders:write', 'orders:read']);
  });
  afterEach(async () => {
    await t.close();
  });

  it('routes a pickup order to the pickup store: fulfillment, reserve movements, stock-levels', async () => {
    await addStore(t, 's1', [{ locationId: 's1-floor' }]);
    await addStore(t, 's2', [{ locationId: 's2-floor' }]);
    await receive(t, 's1', 'COF', 's1-floor', 5);
    await receive(t, 's2', 'COF', 's2-floor', 50);

    const order = webOrder([{ sku: 'COF', quantity: 2 }], { method: 'pickup', storeId: 's1' });
    const res = await api<WebOrderStatus>(t, key, 'POST', '/_api/web-orders', order, 'k-pickup-1');
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/_api/web-orders/${res.body.orderId}`);
    expect(res.body.orderId).toMatch(/^web-[0-9A-Z]{26}$/);
    expect(res.body).toMatchObject({ storeId: 's1', method: 'pickup', state: 'new', backorders: [] });
    expect(res.body.shipments).toHaveLength(1);
    expect(res.body.shipments[0]).toMatchObject({
      storeId: 's1',
      allocations: [{ locationId: 's1-floor', lines: [{ lineId: '1', sku: 'COF', quantity: 2 }] }],
    });
    const code = res.body.shipments[0]?.pickupCode;
    expect(code).toMatch(/^[0-9A-Z]{6}$/);

    const docs = await storeDocs(t, 's1');
    const fulfillment = docs.find((d) => d._id === `fulfillment:${res.body.orderId}`);
    expect(fulfillment).toMatchObject({ state: 'new', method: 'pickup', storeId: 's1', pickupCode: code });
    expect(docs.find((d) => d._id === res.body.orderId)).toMatchObject({ channel: 'web', storeId: 's1' });
    const reserves = docs.filter((d) => d.type === 'movement' && d.reason === 'reserve');
    expect(reserves).toEqual([
      expect.objectContaining({
        sku: 'COF',
        locationId: 's1-floor',
        delta: 2,
        ref: { kind: 'order', id: res.body.orderId, lineId: '1' },
      }),
    ]);
    expect(await level(t, 'COF', 's1-floor')).toEqual({ onHand: 5, reserved: 2 });
    // The other store is untouched even though it has more stock: pickup happens where the customer chose.
    expect(await level(t, 'COF', 's2-floor')).toEqual({ onHand: 50, reserved: 0 });
    expect((await storeDocs(t, 's2')).filter((d) => d.type !== 'movement')).toEqual([]);
    const webOrders = await t.json<Doc>(`/web-orders/${res.body.orderId}`);
    expect(webOrders.body).toMatchObject({
      externalRef: order.externalRef,
      channel: 'web',
      fulfillment: 'pickup',
    });
  });

  it('splits a ship order across two locations and backorders what nobody has', async () => {
    await addStore(t, 'a', [{ locationId: 'a-floor' }]);
    await addStore(t, 'b', [{ locationId: 'b-floor' }]);
    await receive(t, 'a', 'A', 'a-floor', 3);
    await receive(t, 'b', 'A', 'b-floor', 1);
    await receive(t, 'b', 'B', 'b-floor', 1);

    const order = webOrder(
      [
        { sku: 'A', quantity: 5 },
        { sku: 'B', quantity: 1 },
      ],
      {
        method: 'ship',
        locations: [
          { locationId: 'a-floor', rank: 1 },
          { locationId: 'b-floor', rank: 2 },
        ],
      },
    );
    const res = await api<WebOrderStatus>(t, key, 'POST', '/_api/web-orders', order, 'k-ship-1');
    expect(res.status).toBe(201);
    expect(res.body.storeId).toBe('a');
    expect(res.body.backorders).toEqual([{ lineId: '1', sku: 'A', quantity: 1 }]);
    expect(res.body.shipments.map((s) => [s.storeId, s.allocations])).toEqual([
      ['a', [{ locationId: 'a-floor', stale: false, lines: [{ lineId: '1', sku: 'A', quantity: 3 }] }]],
      [
        'b',
        [
          {
            locationId: 'b-floor',
            stale: false,
            lines: [
              { lineId: '1', sku: 'A', quantity: 1 },
              { lineId: '2', sku: 'B', quantity: 1 },
            ],
          },
        ],
      ],
    ]);
    expect(await level(t, 'A', 'a-floor')).toEqual({ onHand: 3, reserved: 3 });
    expect(await level(t, 'A', 'b-floor')).toEqual({ onHand: 1, reserved: 1 });
    expect(await level(t, 'B', 'b-floor')).toEqual({ onHand: 1, reserved: 1 });
    const a = await storeDocs(t, 'a');
    const b = await storeDocs(t, 'b');
    // The order belongs to store a (the first shipment); store b sees its part: fulfillment and reservations.
    expect(a.some((d) => d._id === res.body.orderId)).toBe(true);
    expect(b.some((d) => d._id === res.body.orderId)).toBe(false);
    expect(b.find((d) => d.type === 'fulfillment')).toMatchObject({
      storeId: 'b',
      method: 'ship',
      state: 'new',
    });
    expect(b.filter((d) => d.reason === 'reserve').map((d) => [d.sku, d.delta])).toEqual([
      ['A', 1],
      ['B', 1],
    ]);
  });

  it('carries a ship order’s delivery address to every shipping store’s fulfillment, like an endless-aisle sale', async () => {
    await addStore(t, 'a', [{ locationId: 'a-floor' }]);
    await addStore(t, 'b', [{ locationId: 'b-floor' }]);
    await receive(t, 'a', 'A', 'a-floor', 1);
    await receive(t, 'b', 'B', 'b-floor', 1);
    const address = 'Ada Lovelace, 12 Rue de la Paix, 75002 Paris';
    const ship = {
      method: 'ship' as const,
      locations: [
        { locationId: 'a-floor', rank: 1 },
        { locationId: 'b-floor', rank: 2 },
      ],
    };
    const lines = [
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 1 },
    ];
    const res = await api<WebOrderStatus>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder(lines, ship, { note: `Ship to: ${address}  ` }),
      'k-ship-to-1',
    );
    expect(res.status).toBe(201);
    expect(res.body.shipments.map((s) => s.storeId)).toEqual(['a', 'b']);
    // Each shipping store's tills replicate the address with their part (fulfillment v2), so offline too.
    for (const storeId of ['a', 'b'])
      expect(
        (await storeDocs(t, storeId)).find((d) => d.type === 'fulfillment'),
        storeId,
      ).toMatchObject({
        _id: `fulfillment:${res.body.orderId}`,
        storeId,
        method: 'ship',
        schemaVersion: 2,
        shipTo: address,
      });

    // A pickup order has no delivery address, whatever its note says.
    await addStore(t, 'c', [{ locationId: 'c-floor' }]);
    const pickup = await api<WebOrderStatus>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder(
        [{ sku: 'A', quantity: 1 }],
        { method: 'pickup', storeId: 'c' },
        { note: `Ship to: ${address}` },
      ),
      'k-ship-to-2',
    );
    expect(pickup.status).toBe(201);
    expect((await storeDocs(t, 'c')).find((d) => d.type === 'fulfillment')).not.toHaveProperty('shipTo');
  });

  it('takes the delivery address from fulfillment.shipTo before the note, and refuses a blank one at /fulfillment/shipTo', async () => {
    await addStore(t, 'a', [{ locationId: 'a-floor' }]);
    await receive(t, 'a', 'A', 'a-floor', 5);
    const blank = await api<{ errors: { pointer: string }[] }>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'A', quantity: 1 }], { method: 'ship', shipTo: '   ' }),
      'k-ship-field-blank',
    );
    expect(blank.status).toBe(422);
    expect(blank.body.errors.map((e) => e.pointer)).toContain('/fulfillment/shipTo');
    expect(await docCount(t, 'web-orders')).toBe(0);

    const address = 'Grace Hopper, 3 Quai Perrache, 69002 Lyon';
    const res = await api<WebOrderStatus>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder(
        [{ sku: 'A', quantity: 1 }],
        { method: 'ship', shipTo: `  ${address} ` },
        { note: 'Ship to: an older address in the note' },
      ),
      'k-ship-field',
    );
    expect(res.status).toBe(201);
    expect((await storeDocs(t, 'a')).find((d) => d.type === 'fulfillment')).toMatchObject({
      method: 'ship',
      schemaVersion: 2,
      shipTo: address,
    });
  });

  it('refuses a ship order whose delivery address cannot go on the fulfillment, naming /note, and writes nothing', async () => {
    await addStore(t, 'a', [{ locationId: 'a-floor' }]);
    await receive(t, 'a', 'A', 'a-floor', 5);
    const cases: [string, RegExp][] = [
      [`Ship to: ${'x'.repeat(501)}`, /501 characters; at most 500/],
      ['Ship to:    ', /gives no address/],
      ['ship to: 12 Rue de la Paix, Paris', /exactly that prefix/],
      ['Ship to:12 Rue de la Paix, Paris', /exactly that prefix/],
    ];
    for (const [note, why] of cases) {
      const res = await api<{ errors: { pointer: string; code: string; detail: string }[] }>(
        t,
        key,
        'POST',
        '/_api/web-orders',
        webOrder([{ sku: 'A', quantity: 1 }], { method: 'ship' }, { note }),
        `k-bad-ship-to-${note.length}-${note.charAt(0)}-${note.charAt(8)}`,
      );
      expect(res.status, note).toBe(422);
      expect(res.body.errors, note).toEqual([
        expect.objectContaining({ pointer: '/note', code: 'order.ship-to-invalid' }),
      ]);
      expect(res.body.errors[0]?.detail, note).toMatch(why);
    }
    expect(await docCount(t, 'web-orders')).toBe(0);
    expect(await level(t, 'A', 'a-floor')).toEqual({ onHand: 5, reserved: 0 });
    // The longest address that fits is taken whole.
    const longest = 'y'.repeat(500);
    const ok = await api<WebOrderStatus>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'A', quantity: 1 }], { method: 'ship' }, { note: `Ship to: ${longest}` }),
      'k-ship-to-longest',
    );
    expect(ok.status).toBe(201);
    expect((await storeDocs(t, 'a')).find((d) => d.type === 'fulfillment')).toMatchObject({
      shipTo: longest,
    });
  });

  it('replays the same answer for the same Idempotency-Key and refuses the key with another body', async () => {
    await addStore(t, 's1');
    await receive(t, 's1', 'COF', 's1-floor', 5);
    const order = webOrder([{ sku: 'COF', quantity: 1 }], { method: 'pickup', storeId: 's1' });
    const first = await api<WebOrderStatus>(t, key, 'POST', '/_api/web-orders', order, 'same-key');
    // Same content with keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(order).reverse());
    const again = await api<WebOrderStatus>(t, key, 'POST', '/_api/web-orders', reordered, 'same-key');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await docCount(t, 'web-orders')).toBe(1);
    expect(await level(t, 'COF', 's1-floor')).toEqual({ onHand: 5, reserved: 1 });

    const other = await api<{ type: string; status: number }>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      { ...order, note: 'different' },
      'same-key',
    );
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(other.body.type).toBe('/_api/problems/idempotency-key-reused');

    const missing = await api<{ type: string }>(t, key, 'POST', '/_api/web-orders', order);
    expect(missing.status).toBe(400);
    expect(missing.body.type).toBe('/_api/problems/idempotency-key-missing');
    expect(await docCount(t, 'web-orders')).toBe(1);
  });

  it('refuses a bad order whole, with per-field errors, and writes nothing', async () => {
    await addStore(t, 's1');
    await receive(t, 's1', 'COF', 's1-floor', 1);
    const good = webOrder(
      [
        { sku: 'COF', quantity: 1 },
        { sku: 'TEA', quantity: 1 },
      ],
      { method: 'pickup', storeId: 's1' },
    );
    const [l1, l2] = good.lines;
    if (!l1 || !l2) throw new Error('fixture');
    const badLine = { ...good, lines: [l1, { ...l2, quantity: 0, color: 'red' }] };
    const res = await api<{ status: number; errors: { pointer: string }[]; detail: string }>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      badLine,
      'bad-1',
    );
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => e.pointer).sort()).toEqual(['/lines/1/color', '/lines/1/quantity']);

    const wrongTotal = { ...good, totals: { ...good.totals, total: { amount: 1, currency: 'EUR' } } };
    const arithmetic = await api<{ errors: { pointer: string; code: string }[] }>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      wrongTotal,
      'bad-2',
    );
    expect(arithmetic.status).toBe(422);
    expect(arithmetic.body.errors[0]).toMatchObject({
      pointer: '/totals/total',
      code: 'order.totals-mismatch',
    });

    const strict = await api<{ errors: { pointer: string }[] }>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      { ...good, onShortage: 'reject' },
      'bad-3',
    );
    expect(strict.status).toBe(409);
    expect(strict.body.errors).toEqual([expect.objectContaining({ pointer: '/lines/1/quantity' })]);

    const unknownStore = await api<{ errors: { pointer: string }[] }>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      { ...good, fulfillment: { method: 'pickup', storeId: 'nowhere' } },
      'bad-4',
    );
    expect(unknownStore.status).toBe(422);
    expect(unknownStore.body.errors[0]?.pointer).toBe('/fulfillment/storeId');

    expect(await docCount(t, 'web-orders')).toBe(0);
    expect((await storeDocs(t, 's1')).filter((d) => d.type !== 'movement' || d.reason !== 'receive')).toEqual(
      [],
    );
    expect(await level(t, 'COF', 's1-floor')).toEqual({ onHand: 1, reserved: 0 });
    // A refused request is not remembered: fixed, it may be sent again under the same key.
    const fixed = await api(t, key, 'POST', '/_api/web-orders', good, 'bad-1');
    expect(fixed.status).toBe(201);
  });

  it('shows fulfillment state written by a terminal, merged with a conflicting revision by the state machine', async () => {
    await addStore(t, 's1');
    await receive(t, 's1', 'COF', 's1-floor', 5);
    const created = await api<WebOrderStatus>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'COF', quantity: 1 }], { method: 'pickup', storeId: 's1' }),
      'k-term',
    );
    const orderId = created.body.orderId;
    const enrol = await t.json<{ enrollmentCode: string }>('/_pos/stores/s1/terminals', {
      method: 'POST',
      json: { terminalId: 's1-t09' },
    });
    const cred = await t.json<{ name: string; password: string }>('/_pos/enroll', {
      method: 'POST',
      as: null,
      json: { code: enrol.body.enrollmentCode },
    });
    const terminal = { name: cred.body.name, password: cred.body.password };
    const id = `fulfillment:${orderId}`;
    const current = await t.json<Doc & { history: unknown[] }>(`/store-s1/${id}`, { as: terminal });
    const picking = {
      ...current.body,
      state: 'picking',
      history: [...current.body.history, { state: 'picking', at: '2030-01-01T10:00:00.000Z', by: 'u7' }],
      updatedAt: '2030-01-01T10:00:00.000Z',
    };
    const put1 = await t.json<{ rev: string }>(`/store-s1/${id}`, {
      method: 'PUT',
      as: terminal,
      json: picking,
    });
    expect(put1.status).toBe(201);
    const ready = {
      ...picking,
      _rev: put1.body.rev,
      state: 'ready',
      history: [...picking.history, { state: 'ready', at: '2030-01-01T10:05:00.000Z', by: 'u7' }],
      updatedAt: '2030-01-01T10:05:00.000Z',
    };
    const put2 = await t.json<{ rev: string }>(`/store-s1/${id}`, {
      method: 'PUT',
      as: terminal,
      json: ready,
    });
    expect(put2.status).toBe(201);

    const seen = await api<WebOrderStatus>(t, key, 'GET', `/_api/web-orders/${orderId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.state).toBe('ready');
    expect(seen.body.shipments[0]?.history.map((h) => h.state)).toEqual(['new', 'picking', 'ready']);
    expect(seen.body.shipments[0]?.mergedRevisions).toBe(1);

    // A second till, offline, recorded the collection on top of "picking": a conflict in the store db.
    const [pos, hash] = put1.body.rev.split('-');
    const firstHash = current.body._rev.split('-')[1];
    const collected = {
      ...picking,
      _id: id,
      _rev: `3-${'c'.repeat(32)}`,
      _revisions: { start: 3, ids: ['c'.repeat(32), hash, firstHash] },
      state: 'collected',
      history: [...picking.history, { state: 'collected', at: '2030-01-01T10:03:00.000Z', by: 'u8' }],
      updatedAt: '2030-01-01T10:03:00.000Z',
    };
    expect(pos).toBe('2');
    const bulk = await t.json('/store-s1/_bulk_docs', {
      method: 'POST',
      as: terminal,
      json: { docs: [collected], new_edits: false },
    });
    expect(bulk.status).toBe(201);
    const merged = await api<WebOrderStatus>(t, key, 'GET', `/_api/web-orders/${orderId}`);
    expect(merged.body.state).toBe('collected');
    expect(merged.body.shipments[0]?.mergedRevisions).toBe(2);
    expect(merged.body.shipments[0]?.history.map((h) => h.state)).toEqual([
      'new',
      'picking',
      'collected',
      'ready',
    ]);
  });

  it('never promises the last unit twice to orders that arrive together (before the roll-up runs)', async () => {
    await addStore(t, 's1');
    await receive(t, 's1', 'LAST', 's1-floor', 1);
    const order = () =>
      webOrder([{ sku: 'LAST', quantity: 1 }], { method: 'pickup', storeId: 's1' }, { onShortage: 'reject' });
    const answers = await Promise.all([
      api(t, key, 'POST', '/_api/web-orders', order(), 'race-1'),
      api(t, key, 'POST', '/_api/web-orders', order(), 'race-2'),
      api(t, key, 'POST', '/_api/web-orders', order(), 'race-3'),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(await level(t, 'LAST', 's1-floor')).toEqual({ onHand: 1, reserved: 1 });
    // Once rolled up, the level itself says it: a later order is refused too.
    const later = await api(t, key, 'POST', '/_api/web-orders', order(), 'race-4');
    expect(later.status).toBe(409);
  });

  it('cancels through the API: state cancelled, reservations released once', async () => {
    await addStore(t, 's1');
    await receive(t, 's1', 'COF', 's1-floor', 5);
    const created = await api<WebOrderStatus>(
      t,
      key,
      'POST',
      '/_api/web-orders',
      webOrder([{ sku: 'COF', quantity: 3 }], { method: 'pickup', storeId: 's1' }),
      'k-c',
    );
    expect(await level(t, 'COF', 's1-floor')).toEqual({ onHand: 5, reserved: 3 });
    const path = `/_api/web-orders/${created.body.orderId}/cancel`;
    const cancelled = await api<WebOrderStatus>(t, key, 'POST', path, { reason: 'customer' }, 'cancel-1');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect(await level(t, 'COF', 's1-floor')).toEqual({ onHand: 5, reserved: 0 });
    const again = await api<WebOrderStatus>(t, key, 'POST', path, {}, 'cancel-2');
    expect(again.status).toBe(200);
    expect(await level(t, 'COF', 's1-floor')).toEqual({ onHand: 5, reserved: 0 });
    const releases = (await storeDocs(t, 's1')).filter((d) => d.reason === 'release');
    expect(releases.map((d) => d.delta)).toEqual([-3]);
    const missing = await api<{ type: string }>(
      t,
      key,
      'GET',
      '/_api/web-orders/web-01JD5Z8Q2W3E4R5T6Y7V8X9A0B',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('/_api/problems/not-found');
  });
});
