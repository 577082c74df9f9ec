// The roll-up's state on a CouchDB cluster: one contribution document per movement in `pos-rollup`
// (id = store database + movement id, so a replay overwrites instead of adding), a `_sum` view over
// them for the levels, cursors as documents, and level documents upserted into `stock-levels`.
import type { CouchClient } from '../couchdb/couch-client';
import {
  type Contribution,
  type LevelKey,
  type LevelSums,
  type MovementChange,
  type RollupBackend,
} from './rollup-backend';

export const ROLLUP_DB = 'pos-rollup';
const DDOC = {
  _id: '_design/rollup',
  views: {
    levels: {
      map: "function (doc) { if (doc.kind === 'contribution') emit([doc.sku, doc.locationId, doc.storeId], [doc.onHand, doc.reserved, 1]); }",
      reduce: '_sum',
    },
  },
};

const contribId = (storeDb: string, movementId: string) => `c:${storeDb}:${movementId}`;
type Row<T> = {
  id?: string;
  key: unknown;
  value?: { rev: string; deleted?: boolean };
  doc?: T | null;
  error?: string;
};

export class CouchRollupBackend implements RollupBackend {
  constructor(private readonly couch: CouchClient) {}

  async prepare(): Promise<void> {
    await this.couch.createDb(ROLLUP_DB);
    await this.couch.request('PUT', `/${ROLLUP_DB}/_security`, {
      admins: { names: [], roles: ['_admin'] },
      members: { names: [], roles: ['_admin'] },
    });
    await this.couch.upsert(ROLLUP_DB, DDOC);
  }

  async storeDatabases(): Promise<string[]> {
    const all = (await this.couch.request<string[]>('GET', '/_all_dbs')).body;
    return all.filter((db) => db.startsWith('store-'));
  }

  async readCursor(storeDb: string): Promise<string | undefined> {
    return (await this.couch.get<{ seq: string }>(`/${ROLLUP_DB}/cursor:${encodeURIComponent(storeDb)}`))
      ?.seq;
  }

  writeCursor(storeDb: string, seq: string): Promise<void> {
    return this.couch.upsert(ROLLUP_DB, { _id: `cursor:${storeDb}`, kind: 'cursor', seq });
  }

  async changes(
    storeDb: string,
    since: string | undefined,
    limit: number,
  ): Promise<{ rows: MovementChange[]; lastSeq: string }> {
    const q = `include_docs=true&limit=${limit}&since=${encodeURIComponent(since ?? '0')}`;
    const res = await this.couch.request<{
      results: { id: string; deleted?: boolean; doc?: Record<string, unknown> }[];
      last_seq: unknown;
    }>('GET', `/${encodeURIComponent(storeDb)}/_changes?${q}`);
    const rows = res.body.results
      .filter((r) => !r.id.startsWith('_design/'))
      .map((r) => ({ id: r.id, deleted: r.deleted === true, doc: r.doc }));
    return { rows, lastSeq: String(res.body.last_seq) };
  }

  private async contributions(ids: string[]): Promise<Row<Contribution & { _rev: string }>[]> {
    const res = await this.couch.request<{ rows: Row<Contribution & { _rev: string }>[] }>(
      'POST',
      `/${ROLLUP_DB}/_all_docs?include_docs=true`,
      { keys: ids },
    );
    return res.body.rows;
  }

  async keysOf(storeDb: string, movementIds: string[]): Promise<LevelKey[]> {
    const rows = await this.contributions(movementIds.map((id) => contribId(storeDb, id)));
    return rows.flatMap((r) => (r.doc ? [{ sku: r.doc.sku, locationId: r.doc.locationId }] : []));
  }

  async recordContributions(
    storeDb: string,
    changes: { movementId: string; contribution: Contribution | null }[],
  ): Promise<void> {
    const ids = changes.map((c) => contribId(storeDb, c.movementId));
    const current = new Map((await this.contributions(ids)).map((r) => [r.key as string, r.value?.rev]));
    const docs = changes.flatMap(({ movementId, contribution }): Record<string, unknown>[] => {
      const _id = contribId(storeDb, movementId);
      const rev = current.get(_id);
      if (!contribution) return rev ? [{ _id, _rev: rev, _deleted: true }] : [];
      return [{ _id, ...(rev ? { _rev: rev } : {}), kind: 'contribution', ...contribution }];
    });
    const res = await this.couch.request<{ id: string; error?: string }[]>(
      'POST',
      `/${ROLLUP_DB}/_bulk_docs`,
      { docs },
    );
    const failed = res.body.find((r) => r.error);
    if (failed) throw new Error(`recording contribution ${failed.id}: ${failed.error}`);
  }

  async sums(keys: LevelKey[]): Promise<LevelSums[]> {
    const out: LevelSums[] = [];
    for (const k of keys) {
      const q = `group=true&startkey=${encodeURIComponent(JSON.stringify([k.sku, k.locationId]))}&endkey=${encodeURIComponent(JSON.stringify([k.sku, k.locationId, {}]))}`;
      const res = await this.couch.request<{
        rows: { key: [string, string, string]; value: [number, number, number] }[];
      }>('GET', `/${ROLLUP_DB}/_design/rollup/_view/levels?${q}`);
      const sum: LevelSums = {
        ...k,
        storeId: undefined,
        onHand: 0,
        reserved: 0,
        movementCount: 0,
        lastMovementId: undefined,
      };
      for (const row of res.body.rows) {
        sum.storeId ??= row.key[2] || undefined;
        sum.onHand += row.value[0];
        sum.reserved += row.value[1];
        sum.movementCount += row.value[2];
      }
      out.push(sum);
    }
    return out;
  }

  async writeLevels(docs: Record<string, unknown>[]): Promise<void> {
    const ids = docs.map((d) => d._id as string);
    const res = await this.couch.request<{ rows: Row<unknown>[] }>('POST', '/stock-levels/_all_docs', {
      keys: ids,
    });
    const revs = new Map(res.body.rows.map((r) => [r.key as string, r.value?.rev]));
    const withRevs = docs.map((d) => {
      const rev = revs.get(d._id as string);
      return rev ? { ...d, _rev: rev } : d;
    });
    const written = await this.couch.request<{ id: string; error?: string }[]>(
      'POST',
      '/stock-levels/_bulk_docs',
      { docs: withRevs },
    );
    const failed = written.body.find((r) => r.error);
    if (failed) throw new Error(`writing ${failed.id}: ${failed.error}`);
  }
}
