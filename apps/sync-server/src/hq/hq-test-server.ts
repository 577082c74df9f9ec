// A test server with stores, people of every role and helpers to write store documents and wait for
// HQ's follower, for the tests beside the HQ code.
import { startTestServer, type TestServer } from '../testing/test-server';
import { hqOf, type Hq } from './hq-service';

/** A credential for `call`/`json`. */
export interface Cred {
  name: string;
  password: string;
}

/** A running test server with HQ people. */
export interface HqTestServer {
  t: TestServer;
  hq: Hq;
  hqUser: Cred;
  it: Cred;
  manager: Cred;
  /** Writes documents into `store-<storeId>` as the admin and waits until HQ has applied them. */
  write(storeId: string, docs: readonly { id: string }[]): Promise<void>;
  /** GET a `/_hq/api/` path as `as` (HQ by default). */
  api<T = unknown>(path: string, as?: Cred | null): Promise<{ status: number; body: T }>;
}

export async function startHqTestServer(
  stores: readonly string[],
  options: { dataDir?: string; fresh?: boolean } = {},
): Promise<HqTestServer> {
  const t = await startTestServer(options.dataDir ? { dataDir: options.dataDir } : {});
  const hqUser = { name: 'hq1', password: 'hq-password-1' };
  const it = { name: 'it1', password: 'it-password-1' };
  const manager = { name: 'mgr1', password: 'manager-password-1' };
  if (options.fresh !== false) {
    for (const id of stores)
      await t.call('/_pos/stores', { method: 'POST', json: { id, name: `Store ${id}` } });
    await t.call('/_pos/users', { method: 'POST', json: { ...hqUser, role: 'hq' } });
    await t.call('/_pos/users', { method: 'POST', json: { ...it, role: 'it' } });
    await t.call('/_pos/users', {
      method: 'POST',
      json: { ...manager, role: 'manager', storeId: stores[0] },
    });
  }
  const hq = hqOf(t.server.services);
  return {
    t,
    hq,
    hqUser,
    it,
    manager,
    async write(storeId, docs) {
      const res = await t.json<{ error?: string; reason?: string; id: string }[]>(
        `/store-${storeId}/_bulk_docs`,
        {
          method: 'POST',
          json: { docs: docs.map((d) => ({ ...d, _id: d.id })) },
        },
      );
      const failed = res.body.filter((r) => r.error);
      if (res.status !== 201 || failed.length > 0)
        throw new Error(`writing to store-${storeId} failed: ${res.status} ${JSON.stringify(failed)}`);
      await t.server.rollup.idle();
      await hq.follower.idle();
    },
    api: (path, as = hqUser) => t.json(`/_hq/api/${path}`, { as }),
  };
}
