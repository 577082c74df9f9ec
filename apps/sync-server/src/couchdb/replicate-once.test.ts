// One replication pass between pouchdb-server (standing in for a CouchDB cluster) and this server, both
// over HTTP: conflicting edits end with the same winner and the same conflicts on both sides, deletions
// travel, a revision the target refuses is reported without holding up the rest, and the checkpoint
// makes the next pass read only what is new.
import { documentExamples } from '@store-os/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPouchServer, type PouchServerPeer } from '../testing/pouchdb-server-peer';
import { startTestServer, TEST_ADMIN, type TestServer } from '../testing/test-server';
import { CouchClient } from './couch-client';
import { replicateOnce } from './replicate-once';

/** A client that records the paths it asked for. */
class RecordingClient extends CouchClient {
  readonly asked: string[] = [];
  override request<T>(method: string, path: string, body?: unknown, accept?: number[]) {
    this.asked.push(`${method} ${path.split('?')[0] ?? path}`);
    return super.request<T>(method, path, body, accept);
  }
}

let couch: PouchServerPeer;
let ours: TestServer;
let cluster: CouchClient;
let local: CouchClient;

beforeAll(async () => {
  couch = await startPouchServer({ inMemory: true });
  ours = await startTestServer();
  cluster = new CouchClient(couch.url);
  const url = new URL(ours.url);
  url.username = TEST_ADMIN.name;
  url.password = TEST_ADMIN.password;
  local = new CouchClient(url.toString());
  await cluster.createDb('catalog');
}, 30_000);
afterAll(async () => {
  await ours.close();
  await couch.stop();
});

const product = (productId: string, name: string) => ({
  ...structuredClone(documentExamples.product),
  _id: `product:${productId}`,
  id: `product:${productId}`,
  productId,
  name,
});
type Doc = { _rev: string; name?: string; _conflicts?: string[] };

describe('one replication pass over HTTP', () => {
  it('carries revision trees both ways: the same winner and the same conflicts on each side', async () => {
    await cluster.request('PUT', '/catalog/product:A', product('A', 'Tea'));
    await cluster.request('PUT', '/catalog/product:B', product('B', 'Coffee'));
    const first = await replicateOnce(cluster, local, 'catalog', 'test-pull');
    expect(first).toMatchObject({ written: 2, refused: [] });

    // Both sides change A from the same revision: a conflict once they exchange.
    const base = (await cluster.get<Doc>('/catalog/product:A'))?._rev ?? '';
    await cluster.request('PUT', '/catalog/product:A', { ...product('A', 'Green tea'), _rev: base });
    await local.request('PUT', '/catalog/product:A', { ...product('A', 'Black tea'), _rev: base });
    const b = await cluster.get<Doc>('/catalog/product:B');
    await cluster.request('DELETE', `/catalog/product:B?rev=${b?._rev ?? ''}`);

    await replicateOnce(cluster, local, 'catalog', 'test-pull');
    await replicateOnce(local, cluster, 'catalog', 'test-push');
    const onCluster = await cluster.get<Doc>('/catalog/product:A?conflicts=true');
    const onOurs = await local.get<Doc>('/catalog/product:A?conflicts=true');
    expect(onOurs?._rev).toBe(onCluster?._rev);
    expect(onOurs?.name).toBe(onCluster?.name);
    expect(onOurs?._conflicts).toEqual(onCluster?._conflicts);
    expect(onOurs?._conflicts).toHaveLength(1);
    expect(await local.get('/catalog/product:B')).toBeUndefined();
  });

  it('reports a revision the target refuses, writes the rest, and resumes from its checkpoint', async () => {
    await cluster.request('POST', '/catalog/_bulk_docs', {
      docs: [{ _id: 'nonsense', type: 'no-such-type', schemaVersion: 1 }, product('C', 'Cocoa')],
    });
    const pass = await replicateOnce(cluster, local, 'catalog', 'test-pull');
    expect(pass.refused.map((r) => r.id)).toEqual(['nonsense']);
    expect(pass.written).toBe(1);
    expect((await local.get<Doc>('/catalog/product:C'))?.name).toBe('Cocoa');

    const again = await replicateOnce(cluster, local, 'catalog', 'test-pull');
    expect(again).toMatchObject({ read: 0, written: 0, refused: [], lastSeq: pass.lastSeq });
  });

  it('does not ask the target about revisions it is known to have just sent (no echo)', async () => {
    await replicateOnce(local, cluster, 'catalog', 'test-push');
    await cluster.request('PUT', '/catalog/product:D', product('D', 'Mate'));
    const pulled = await replicateOnce(cluster, local, 'catalog', 'test-pull');
    expect(pulled.writtenRevs).toHaveLength(1);

    const recording = new RecordingClient(couch.url);
    const echo = await replicateOnce(local, recording, 'catalog', 'test-push', {
      known: new Set(pulled.writtenRevs),
    });
    expect(echo.written).toBe(0);
    expect(recording.asked.filter((p) => p.endsWith('/_revs_diff'))).toEqual([]);
  });
});
