// The follower's source in the CouchDB-cluster mode (`--couch-url`): each store database's `_changes`
// feed over HTTP, with documents. Sequences are CouchDB's opaque strings, kept as they are.
import type { CouchClient } from '../couchdb/couch-client';
import type { HqChangesPage, HqSource } from './hq-source';

export class CouchHqSource implements HqSource {
  constructor(private readonly couch: CouchClient) {}

  async storeDatabases(): Promise<string[]> {
    const all = (await this.couch.request<string[]>('GET', '/_all_dbs')).body;
    return all.filter((db) => db.startsWith('store-'));
  }

  async changes(db: string, since: string | undefined, limit: number): Promise<HqChangesPage> {
    const q = `include_docs=true&limit=${limit}&since=${encodeURIComponent(since ?? '0')}`;
    const res = await this.couch.request<{
      results: { id: string; deleted?: boolean; doc?: Record<string, unknown> }[];
      last_seq: unknown;
    }>('GET', `/${encodeURIComponent(db)}/_changes?${q}`, undefined, [404]);
    if (res.status === 404) return { rows: [], lastSeq: since ?? '0' };
    const rows = res.body.results
      .filter((r) => !r.id.startsWith('_design/'))
      .map((r) => ({ id: r.id, deleted: r.deleted === true, doc: r.deleted ? undefined : r.doc }));
    return { rows, lastSeq: String(res.body.last_seq) };
  }

  async updateSeq(db: string): Promise<string | undefined> {
    const res = await this.couch.request<{ update_seq?: unknown }>(
      'GET',
      `/${encodeURIComponent(db)}`,
      undefined,
      [404],
    );
    return res.status === 404 ? undefined : String(res.body.update_seq);
  }
}
