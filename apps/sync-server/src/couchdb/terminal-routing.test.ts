// The cluster deployment of docs/specs/couchdb-cluster.md "One address for the terminals", end to end:
// a proxy routes by the nginx rules printed in that document (read from it, so the test and the
// document cannot drift apart) to the services node (couch mode) and to pouchdb-server standing in for
// the CouchDB cluster. A terminal that knows only the proxy's address enrolls, replicates with PouchDB's
// replicator (catalog pull, live push and pull of its store), signs in, sends its heartbeat, looks an
// order up across the chain and checks for updates, each request reaching the side that serves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../api/webhook-receiver';
import { memoryDb, remoteDb } from '../testing/pouch';
import { orderDoc, productDoc } from '../testing/fixtures';
import { basicAuth } from '../testing/test-server';
import { CouchClient } from './couch-client';
import { SERVICE_PREFIXES } from './couch-mode';
import { startCouchModeFixture, type CouchModeFixture } from './couch-test-kit';
import { clusterDocRules, startRoutingProxy, upstreamFor, type RoutingProxy } from './routing-proxy';

let f: CouchModeFixture;
let proxy: RoutingProxy;
let cluster: CouchClient;

beforeAll(async () => {
  f = await startCouchModeFixture();
  cluster = new CouchClient(f.couch.url);
  proxy = await startRoutingProxy(clusterDocRules(), {
    'services-node': f.server.url,
    'couch-cluster': f.couch.url,
  });
}, 30_000);
afterAll(async () => {
  await proxy.close();
  await f.stop();
});

type Cred = { name: string; password: string };
/** A call to the one address the terminal knows (pouchdb-server is an "admin party" for anonymous). */
async function viaProxy<T>(
  method: string,
  path: string,
  init: { json?: unknown; as?: Cred; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.json !== undefined) headers['Content-Type'] = 'application/json';
  if (init.as) headers.Authorization = basicAuth(init.as);
  const res = await fetch(proxy.url + path, {
    method,
    headers,
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

describe('terminals behind one address in the CouchDB cluster deployment', () => {
  it('routes every path the services node serves to it, and the rest to the cluster', () => {
    const rules = clusterDocRules();
    // `/_session` may go to either (the services node forwards it); the document sends it to the cluster.
    expect(upstreamFor(rules, '/_session')).toBe('couch-cluster');
    for (const prefix of SERVICE_PREFIXES.filter((p) => p !== '/_session'))
      for (const path of [prefix, `${prefix}/x`])
        expect(upstreamFor(rules, path), path).toBe('services-node');
    for (const path of ['/', '/store-s001/_changes', '/catalog/', '/_users/x', '/_hqx', '/_all_dbs'])
      expect(upstreamFor(rules, path), path).toBe('couch-cluster');
  });

  it('enrolls, replicates, signs in, sends heartbeats, looks orders up and checks updates through it', async () => {
    await f.server.firstPass;
    // IT's side (pouchdb-server's admin party makes the anonymous caller its admin).
    expect((await viaProxy('POST', '/_pos/stores', { json: { id: 's001', name: 'Store 1' } })).status).toBe(
      201,
    );
    const issued = await viaProxy<{ enrollmentCode: string }>('POST', '/_pos/stores/s001/terminals', {
      json: { terminalId: 's001-t01' },
    });
    expect(issued.status).toBe(201);
    await cluster.request('PUT', '/catalog/product:TEA', productDoc('TEA'));

    // The terminal: enrollment answers the credential and the databases to replicate with.
    const grant = await viaProxy<{
      name: string;
      password: string;
      databases: { store: string; catalog: string; stockLevels: string };
    }>('POST', '/_pos/enroll', { json: { code: issued.body.enrollmentCode } });
    expect(grant.status).toBe(201);
    const me: Cred = { name: grant.body.name, password: grant.body.password };
    const { store, catalog } = grant.body.databases;

    const localCatalog = memoryDb();
    const localStore = memoryDb<Record<string, unknown>>();
    const pulled = await localCatalog.replicate.from(remoteDb(`${proxy.url}/${catalog}/`, me));
    expect(pulled.ok).toBe(true);
    expect(await localCatalog.get('product:TEA')).toMatchObject({ productId: 'TEA' });

    const live = localStore.sync(remoteDb(`${proxy.url}/${store}/`, me), { live: true, retry: true });
    try {
      const sale = orderDoc('s001', 's001-t01');
      await localStore.put(sale);
      const saleId = sale._id as string;
      await eventually('the sale on the cluster', () =>
        cluster.get(`/${store}/${encodeURIComponent(saleId)}`),
      );
      // Another terminal's sale written to the cluster arrives through the live pull.
      const other = orderDoc('s001', 's001-t02');
      await cluster.request('PUT', `/${store}/${encodeURIComponent(other._id as string)}`, other);
      await eventually('the other sale at this terminal', () =>
        localStore.get(other._id as string).then(
          () => true,
          () => false,
        ),
      );

      // Sign-in goes to the cluster; its cookie authenticates replication requests there.
      const session = await viaProxy<{ ok: boolean; roles: string[] }>('POST', '/_session', { json: me });
      expect(session.body.roles).toContain('store:s001');
      const cookie = session.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      expect(cookie).toMatch(/^AuthSession=/);
      const byCookie = await viaProxy<{ rows: unknown[] }>('GET', `/${store}/_all_docs`, {
        headers: { Cookie: cookie },
      });
      expect(byCookie.status).toBe(200);

      // The services node: the heartbeat, the chain-wide order look-up, the update channel, health.
      const pass = await f.server.replica.sync();
      expect([...pass.failed, ...pass.refused]).toEqual([]);
      const heartbeat = await viaProxy('POST', '/_hq/api/heartbeat', {
        as: me,
        json: {
          terminalId: me.name,
          storeId: 's001',
          appVersion: '1.4.0',
          lastSyncAt: new Date().toISOString(),
          pendingDocs: 0,
          devices: { printer: 'ok', drawer: 'ok', paymentTerminal: 'ok' },
          offlinePeriods: [],
          sentAt: new Date().toISOString(),
        },
      });
      expect(heartbeat.status).toBe(202);
      const lookup = await viaProxy<{ orders: { order: { id: string } }[] }>(
        'GET',
        `/_omni/orders?q=${encodeURIComponent(saleId)}`,
        { as: me },
      );
      expect(lookup.status).toBe(200);
      expect(lookup.body.orders.map((o) => o.order.id)).toEqual([saleId]);
      const manifest = await viaProxy<{ reason: string }>('GET', '/_updates/manifest.json');
      expect(manifest.status).toBe(404);
      expect(manifest.body.reason).toMatch(/release CLI/);
      expect((await viaProxy<{ mode: string }>('GET', '/_up')).body.mode).toBe('couchdb');
    } finally {
      live.cancel();
    }

    // Replication never passed through the services node; the services' paths never reached the cluster.
    const toServices = proxy.routed.filter((r) => r.upstream === 'services-node').map((r) => r.path);
    expect(toServices.every((p) => SERVICE_PREFIXES.some((s) => p === s || p.startsWith(`${s}/`)))).toBe(
      true,
    );
    const toCluster = proxy.routed.filter((r) => r.upstream === 'couch-cluster').map((r) => r.path);
    expect(toCluster.some((p) => p.startsWith(`/${store}/`))).toBe(true);
    expect(toCluster.some((p) => /^\/_(pos|hq|api|omni|updates|up)(\/|$)/.test(p))).toBe(false);
  });
});
