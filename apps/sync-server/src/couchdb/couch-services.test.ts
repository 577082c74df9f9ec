// Every service of the embedded mode in the `--couch-url` mode, against pouchdb-server standing in for
// Apache CouchDB: HQ's figures after sales replicated to the cluster equal the embedded mode's for the
// same documents; a web order taken by the integration API is routed and reserves stock on the cluster;
// a release published to the update channel passes the terminal's check. Replication passes are run
// explicitly (`replica.sync()`), so no assertion depends on timing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentExamples } from '@store-os/shared/schemas';
import type { WebOrderStatus } from '@store-os/shared/integration';
import { transitionFulfillment } from '@store-os/shared/orders';
import type { FulfillmentDoc } from '@store-os/shared/schemas';
import { builtInTrust, verifyManifest } from '@store-os/shared/updates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webOrder } from '../api/api-test-kit';
import { eventually, WebhookReceiver } from '../api/webhook-receiver';
import { hqOf } from '../hq/hq-service';
import { closeDoc, couchDocs, returnDoc, saleDoc, shiftDoc } from '../hq/hq-fixtures';
import { startHqTestServer, type HqTestServer } from '../hq/hq-test-server';
import { movementDoc } from '../testing/fixtures';
import { generateSigningKey, verifyText } from '../updates/ed25519';
import { publishRelease } from '../updates/publish-release';
import { updatesDirOf } from '../updates/route-updates';
import { buildManifest, signManifest } from '../updates/sign-release';
import { readMergedFulfillment } from '../api/web-order-status';
import { CouchClient } from './couch-client';
import { resolveFulfillmentConflict } from './fulfillment-conflicts';
import type { CouchModeServer } from './couch-mode';
import { startCouchModeFixture, startTestCouchMode, type CouchModeFixture } from './couch-test-kit';

let f: CouchModeFixture;
let server: CouchModeServer;
let cluster: CouchClient;
/** Webhooks to this test's receiver on 127.0.0.1, retried milliseconds apart. */
const WEBHOOKS_TO_LOOPBACK = {
  allowLoopbackWebhooks: true,
  webhooks: { baseDelayMs: 30, maxDelayMs: 200, maxAttempts: 4, timeoutMs: 2000 },
};
/** Left by the web-order test for the restart test. */
let placedOrder: { orderId: string; key: string } | undefined;

beforeAll(async () => {
  f = await startCouchModeFixture(WEBHOOKS_TO_LOOPBACK);
  server = f.server;
  cluster = new CouchClient(f.couch.url);
}, 30_000);
afterAll(() => f.stop());

/** A call to the couch-mode server (pouchdb-server runs as "admin party": every caller is its admin). */
async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Lets every replicated write reach the services, and the services' writes reach the cluster. */
async function settle(): Promise<void> {
  const pass = await server.replica.sync();
  expect([...pass.failed, ...pass.refused]).toEqual([]);
  await server.embedded.rollup.idle();
  await hqOf(server.services).follower.idle();
}

async function createStore(storeId: string, locationId: string): Promise<void> {
  expect((await call('POST', '/_pos/stores', { id: storeId, name: `Store ${storeId}` })).status).toBe(201);
  const storeDoc = {
    ...structuredClone(documentExamples.store),
    _id: `store:${storeId}`,
    id: `store:${storeId}`,
    storeId,
    locations: [{ locationId, name: locationId, kind: 'sales-floor' }],
  };
  await cluster.request('PUT', `/catalog/store:${storeId}`, storeDoc);
}

const DAY = '2026-11-23';
const at = (hhmm: string) => `${DAY}T${hhmm}:00.000Z`;

describe('CouchDB cluster mode: HQ, integration API and update channel', () => {
  let embedded: HqTestServer | undefined;
  afterAll(async () => {
    await embedded?.t.close();
  });

  it('computes the same HQ figures as the embedded mode from sales replicated to the cluster', async () => {
    const reference = await startHqTestServer(['s001', 's002']);
    embedded = reference;
    for (const id of ['s001', 's002']) await createStore(id, `${id}-floor`);
    for (const storeId of ['s001', 's002']) {
      const terminalId = `${storeId}-t01`;
      const shift = shiftDoc({ storeId, terminalId, at: at('08:00') });
      const place = (hhmm: string) => ({ storeId, terminalId, at: at(hhmm), shiftId: shift.id });
      const first = saleDoc(place('09:00'));
      const orders = [first, saleDoc(place('10:30')), returnDoc(place('11:00'), first)];
      const docs = [shift, ...orders, closeDoc(shift, orders, at('18:00'))];
      await reference.write(storeId, docs);
      // As a terminal would: straight into the cluster's store database.
      const written = await cluster.request<{ error?: string }[]>('POST', `/store-${storeId}/_bulk_docs`, {
        docs: couchDocs(docs),
      });
      expect(written.body.filter((r) => r.error)).toEqual([]);
    }
    await settle();

    const range = `from=${DAY}&to=${DAY}`;
    for (const path of [
      `sales/summary?${range}`,
      `sales/summary?${range}&groupBy=hour`,
      `kpis?${range}`,
      `closes?${range}`,
    ]) {
      const inCouchMode = await call<{ rows?: unknown[] }>('GET', `/_hq/api/${path}`);
      const inEmbeddedMode = await reference.api(path);
      expect(inCouchMode.status, path).toBe(200);
      expect(inCouchMode.body, path).toEqual(inEmbeddedMode.body);
    }
    const byStore = await call<{ rows: { key: string; orders: number }[] }>(
      'GET',
      `/_hq/api/sales/summary?${range}`,
    );
    expect(byStore.body.rows.map((r) => [r.key, r.orders])).toEqual([
      ['s001', 3],
      ['s002', 3],
    ]);
  });

  it('signs people in through the cluster and scopes HQ by their CouchDB roles', async () => {
    const manager = { name: 'mgr-s001', password: 'manager-password-1' };
    const created = await call('POST', '/_pos/users', { ...manager, role: 'manager', storeId: 's001' });
    expect(created.status).toBe(201);
    const signIn = await fetch(`${server.url}/_session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(manager),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^AuthSession=/);

    const asManager = { Cookie: cookie };
    const me = await call<{ role: string; storeId?: string }>('GET', '/_hq/api/me', undefined, asManager);
    expect(me.body).toMatchObject({ role: 'manager', storeId: 's001' });
    const range = `from=${DAY}&to=${DAY}`;
    const own = await call<{ rows: { key: string }[] }>(
      'GET',
      `/_hq/api/sales/summary?${range}`,
      undefined,
      asManager,
    );
    expect(own.body.rows.map((r) => r.key)).toEqual(['s001']);
    const other = await call('GET', `/_hq/api/sales/summary?${range}&store=s002`, undefined, asManager);
    expect(other.status).toBe(403);
    const wrong = await call('GET', '/_hq/api/me', undefined, {
      Authorization: `Basic ${Buffer.from(`${manager.name}:not-the-password`).toString('base64')}`,
    });
    expect(wrong.status).toBe(401);
  });

  it('enrolls and revokes terminals from the HQ console in CouchDB _users', async () => {
    const issued = await call<{ enrollmentCode: string }>('POST', '/_hq/api/fleet/stores/s001/terminals', {
      terminalId: 's001-t09',
    });
    expect(issued.status).toBe(201);
    const enrolled = await call<{ name: string; password: string }>('POST', '/_pos/enroll', {
      code: issued.body.enrollmentCode,
    });
    expect(enrolled.status).toBe(201);
    const basic = `Basic ${Buffer.from(`${enrolled.body.name}:${enrolled.body.password}`).toString('base64')}`;
    const session = () => fetch(`${f.couch.url}/_session`, { headers: { Authorization: basic } });
    expect((await session()).status).toBe(200);

    expect((await call('POST', '/_hq/api/fleet/terminals/s001-t09/revoke', {})).status).toBe(200);
    expect((await session()).status).toBe(401);
  });

  it('routes a web order from the integration API and reserves its stock on the cluster', async () => {
    await createStore('s003', 's003-floor');
    const receive = movementDoc('s003', 's003-t01', 'COF', 's003-floor', 5, 'receive');
    await cluster.request('POST', '/store-s003/_bulk_docs', { docs: [receive] });
    await settle();

    const key = await call<{ key: string }>('POST', '/_api/keys', {
      integration: 'webshop',
      scopes: ['orders:write', 'orders:read', 'stock:read'],
    });
    expect(key.status).toBe(201);
    const auth = { Authorization: `Bearer ${key.body.key}` };
    const order = webOrder([{ sku: 'COF', quantity: 2 }], { method: 'pickup', storeId: 's003' });
    const placed = await call<WebOrderStatus>('POST', '/_api/web-orders', order, {
      ...auth,
      'Idempotency-Key': 'couch-1',
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ storeId: 's003', method: 'pickup', state: 'new' });
    // A retry with the same key answers the same order, and writes nothing new.
    placedOrder = { orderId: placed.body.orderId, key: key.body.key };
    const replay = await call<WebOrderStatus>('POST', '/_api/web-orders', order, {
      ...auth,
      'Idempotency-Key': 'couch-1',
    });
    expect(replay.body.orderId).toBe(placed.body.orderId);

    await settle();
    const storeDocs = await cluster.request<{ rows: { doc: Record<string, unknown> }[] }>(
      'GET',
      '/store-s003/_all_docs?include_docs=true',
    );
    const reserves = storeDocs.body.rows
      .map((r) => r.doc)
      .filter((d) => d.type === 'movement' && d.reason === 'reserve');
    expect(reserves).toEqual([expect.objectContaining({ sku: 'COF', locationId: 's003-floor', delta: 2 })]);
    expect(storeDocs.body.rows.some((r) => r.doc._id === placed.body.orderId)).toBe(true);
    expect((await cluster.get(`/web-orders/${placed.body.orderId}`)) !== undefined).toBe(true);
    // The cluster's roll-up (what terminals read) and the services' replica agree on the level.
    await server.rollup.catchUp();
    expect(await cluster.get('/stock-levels/stock-level:COF:s003-floor')).toMatchObject({
      onHand: 5,
      reserved: 2,
    });
    const availability = await call<{ levels: unknown[] }>('GET', '/_api/stock?sku=COF', undefined, auth);
    expect(availability.body.levels).toEqual([
      expect.objectContaining({ locationId: 's003-floor', onHand: 5, reserved: 2, available: 3 }),
    ]);
  });

  it('closes a fulfillment changed on both sides: merged winner written back, losing leaf deleted', async () => {
    const placed = placedOrder;
    if (!placed) throw new Error('the web-order test did not run');
    const id = `fulfillment:${placed.orderId}`;
    const path = `/store-s003/${encodeURIComponent(id)}`;
    // pouchdb-server's validation plugin (pouchdb-validation 4, `validate` in lib/index.js) replaces the
    // `_revisions` of every replicated revision with those of the stored winner, so in a database with a
    // validate_doc_update a revision replicated on top of another is silently dropped (answered as
    // written); CouchDB keeps it. The stand-in's store database loses its design document for this test
    // (the restart test below provisions it again).
    const ddoc = await cluster.get<{ _rev: string }>('/store-s003/_design/store-os');
    await cluster.request('DELETE', `/store-s003/_design/store-os?rev=${ddoc?._rev ?? ''}`);
    type Stored = FulfillmentDoc & { _id: string; _rev: string; _conflicts?: string[]; _deleted?: boolean };
    const base = await cluster.get<Stored>(path);
    if (!base) throw new Error(`${id} is not on the cluster`);
    expect(base.state).toBe('new');
    // A terminal starts picking on the cluster while the web shop cancels on the services node.
    const { _id, _rev, ...body } = base;
    const picking = transitionFulfillment(
      { ...body, id },
      { to: 'picking', at: '2026-11-23T12:00:00.000Z', by: 's003-t01' },
    );
    await cluster.request('PUT', path, { ...picking, _id, _rev });
    const cancelled = await call<WebOrderStatus>(
      'POST',
      `/_api/web-orders/${placed.orderId}/cancel`,
      { reason: 'Customer changed their mind' },
      { Authorization: `Bearer ${placed.key}`, 'Idempotency-Key': 'couch-cancel-1' },
    );
    expect(cancelled.status).toBe(200);

    const pass = await server.replica.sync();
    expect(pass).toMatchObject({ resolved: 1, refused: [], failed: [] });
    const leaves = async () =>
      (await cluster.request<{ ok: Stored }[]>('GET', `${path}?open_revs=all`)).body.map((r) => r.ok);
    const after = await leaves();
    const live = after.filter((d) => d._deleted !== true);
    // One live leaf holding both changes; the other leaf deleted, as CouchDB resolves conflicts.
    expect(live).toHaveLength(1);
    expect(after.length).toBeGreaterThan(1);
    expect(live[0]).toMatchObject({ state: 'cancelled' });
    expect(live[0]?.history.map((step) => step.state)).toEqual(
      expect.arrayContaining(['picking', 'cancelled']),
    );
    expect((await cluster.get<Stored>(`${path}?conflicts=true`))?._conflicts).toBeUndefined();
    // The replica has the same single winner.
    const onReplica = readMergedFulfillment(server.services.store, 's003', placed.orderId);
    expect(onReplica).toMatchObject({ revisions: 1, rev: live[0]?._rev, doc: { state: 'cancelled' } });

    // Idempotent: another pass and another resolution write nothing.
    expect((await server.replica.sync()).resolved).toBe(0);
    expect(await resolveFulfillmentConflict(cluster, 'store-s003', id)).toBe('none');
    expect((await leaves()).map((d) => d._rev).sort()).toEqual(after.map((d) => d._rev).sort());
  });

  it('sends a webhook for a sale a terminal wrote to the cluster', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    try {
      const key = await call<{ key: string }>('POST', '/_api/keys', {
        integration: 'erp',
        scopes: ['webhooks:manage'],
      });
      const sub = await call<{ id: string }>(
        'POST',
        '/_api/webhooks',
        { url: receiver.url, events: ['order.created'] },
        { Authorization: `Bearer ${key.body.key}` },
      );
      expect(sub.status).toBe(201);
      const shift = shiftDoc({ storeId: 's001', terminalId: 's001-t01', at: at('08:00') });
      const sale = saleDoc({ storeId: 's001', terminalId: 's001-t01', at: at('16:00'), shiftId: shift.id });
      await cluster.request('POST', '/store-s001/_bulk_docs', { docs: couchDocs([sale]) });
      await settle();
      const ids = await eventually('the order.created delivery', () => {
        const orders = receiver.received
          .map((r) => JSON.parse(r.body) as { type: string; data: { order?: { id: string } } })
          .filter((e) => e.type === 'order.created')
          .map((e) => e.data.order?.id);
        return orders.length > 0 ? orders : undefined;
      });
      expect(ids).toEqual([sale.id]);
    } finally {
      await receiver.stop();
    }
  });

  it('serves a published release that the terminal check accepts', async () => {
    const key = generateSigningKey('release-couch');
    const build = await mkdtemp(join(tmpdir(), 'couch-updates-'));
    await writeFile(join(build, 'store-os-3.0.0.AppImage'), 'linux 3.0.0 '.repeat(1000));
    const envelope = signManifest(
      await buildManifest({
        version: '3.0.0',
        serial: 1,
        files: [{ path: join(build, 'store-os-3.0.0.AppImage'), platform: 'linux' }],
        releasedAt: new Date('2026-11-23T10:00:00Z'),
        expiresAt: new Date('2026-12-23T10:00:00Z'),
        rollout: { groups: [], percentage: 100 },
        halted: false,
      }),
      key.signing,
    );
    await publishRelease({ dir: updatesDirOf(server.services), envelope, filesFrom: build });

    const served = await call<unknown>('GET', '/_updates/manifest.json');
    expect(served.status).toBe(200);
    const verdict = verifyManifest({
      envelope: served.body,
      trustedKeys: builtInTrust([key.trusted]),
      lastAcceptedSerial: 0,
      now: Date.parse('2026-11-24T00:00:00Z'),
      terminal: { terminalId: 's001-t01', groups: [] },
      verifySignature: verifyText,
    });
    expect(verdict.accepted).toBe(true);
    const file = await fetch(`${server.url}/_updates/store-os-3.0.0.AppImage`);
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBe('linux 3.0.0 '.repeat(1000).length);
    await rm(build, { recursive: true, force: true });
  });

  it('resumes after a restart: API keys and orders kept, only new cluster changes pulled', async () => {
    const before = placedOrder;
    if (!before) throw new Error('the web-order test did not run');
    await server.close();
    // A terminal sells while the services node is down.
    const shift = shiftDoc({ storeId: 's002', terminalId: 's002-t01', at: at('08:00') });
    const sale = saleDoc({ storeId: 's002', terminalId: 's002-t01', at: at('15:00'), shiftId: shift.id });
    await cluster.request('POST', '/store-s002/_bulk_docs', { docs: couchDocs([sale]) });
    server = f.server = await startTestCouchMode(f.couch.url, f.dataDir, WEBHOOKS_TO_LOOPBACK);

    // The first pass reads from the saved checkpoints: just that sale comes in, nothing goes out again.
    expect(await server.firstPass).toMatchObject({
      pullRead: 1,
      pulled: 1,
      pushed: 0,
      refused: [],
      failed: [],
    });
    await hqOf(server.services).follower.idle();
    const s002 = await call<{ rows: { key: string; orders: number }[] }>(
      'GET',
      `/_hq/api/sales/summary?from=${DAY}&to=${DAY}&store=s002`,
    );
    expect(s002.body.rows).toEqual([expect.objectContaining({ key: 's002', orders: 4 })]);
    const order = await call<WebOrderStatus>('GET', `/_api/web-orders/${before.orderId}`, undefined, {
      Authorization: `Bearer ${before.key}`,
    });
    expect(order).toMatchObject({ status: 200, body: { orderId: before.orderId, storeId: 's003' } });
  });
});
