// One pass of the CouchDB replication protocol from one database to another, both reached over HTTP:
// `_changes` (style=all_docs) → `_revs_diff` → `_bulk_get?revs=true` → `_bulk_docs` with
// `new_edits:false`, then a checkpoint in the target's `_local` document. Revision trees are carried as
// they are, so both sides pick the same winner; a document the target refuses is reported, never retried
// forever (CouchDB's replicator counts it as a `doc_write_failure` the same way).
import { CouchHttpError, type CouchClient } from './couch-client';

/** Changes read per batch (CouchDB's replicator reads 500 too). */
export const REPLICATION_BATCH = 500;

export interface ReplicationResult {
  /** Changes read from the source after the checkpoint (design documents, which stay, not counted). */
  read: number;
  /** Documents (revisions) written to the target. */
  written: number;
  /** Revisions the target refused, with its reason. */
  refused: { id: string; error: string }[];
  /** The source sequence the target is now checkpointed at. */
  lastSeq: string;
  /** `revKey(id, rev)` of every revision written to the target. */
  writtenRevs: string[];
}

export interface ReplicateOptions {
  /** Where to start instead of the saved checkpoint (a position kept in memory). */
  since?: string;
  /** Revisions the target is known to have (`revKey`): changes made only of these are not even asked. */
  known?: ReadonlySet<string>;
}

/** The key of one revision of one document in `known` and `writtenRevs`. */
export const revKey = (id: string, rev: string) => `${id}\u0000${rev}`;
/** The document id of a `revKey`. */
export const revKeyId = (key: string) => key.slice(0, key.indexOf('\u0000'));

type ChangeRow = { id: string; seq: unknown; changes: { rev: string }[] };
type BulkGetAnswer = {
  results: { id: string; docs: ({ ok: Record<string, unknown> } | { error: unknown })[] }[];
};

const checkpointPath = (db: string, name: string) =>
  `/${encodeURIComponent(db)}/_local/${encodeURIComponent(name)}`;

/** Where `name` last left off replicating into `db` on `target` (undefined = from the start). */
export async function readCheckpoint(
  target: CouchClient,
  db: string,
  name: string,
): Promise<string | undefined> {
  return (await target.get<{ since: string }>(checkpointPath(db, name)))?.since;
}

/**
 * Copies every change of `db` on `source` after the checkpoint `name` (kept on `target`) to `db` on
 * `target`. Documents whose id starts with `_design/` stay where they are (each side has its own rules).
 */
export async function replicateOnce(
  source: CouchClient,
  target: CouchClient,
  db: string,
  name: string,
  options: ReplicateOptions = {},
): Promise<ReplicationResult> {
  const path = `/${encodeURIComponent(db)}`;
  const known = options.known;
  let from = options.since ?? (await readCheckpoint(target, db, name)) ?? '0';
  const result: ReplicationResult = { read: 0, written: 0, refused: [], lastSeq: from, writtenRevs: [] };
  for (;;) {
    const q = `style=all_docs&limit=${REPLICATION_BATCH}&since=${encodeURIComponent(from)}`;
    const page = (
      await source.request<{ results: ChangeRow[]; last_seq: unknown }>('GET', `${path}/_changes?${q}`)
    ).body;
    const rows = page.results.filter(
      (r) =>
        !r.id.startsWith('_design/') && !(known && r.changes.every((c) => known.has(revKey(r.id, c.rev)))),
    );
    result.read += page.results.filter((r) => !r.id.startsWith('_design/')).length;
    if (rows.length > 0) {
      const asked: Record<string, string[]> = {};
      for (const r of rows) asked[r.id] = [...(asked[r.id] ?? []), ...r.changes.map((c) => c.rev)];
      const diff = (
        await target.request<Record<string, { missing?: string[] }>>('POST', `${path}/_revs_diff`, asked)
      ).body;
      const wanted = Object.entries(diff).flatMap(([id, d]) => (d.missing ?? []).map((rev) => ({ id, rev })));
      if (wanted.length > 0) {
        const got = (
          await source.request<BulkGetAnswer>('POST', `${path}/_bulk_get?revs=true`, { docs: wanted })
        ).body;
        const docs = got.results.flatMap((r) => r.docs.flatMap((d) => ('ok' in d ? [d.ok] : [])));
        const written = await target.request<{ id: string; error?: string; reason?: string }[]>(
          'POST',
          `${path}/_bulk_docs`,
          { docs, new_edits: false },
        );
        const refused = written.body.filter((r) => r.error);
        const refusedIds = new Set(refused.map((r) => r.id));
        for (const w of wanted) if (!refusedIds.has(w.id)) result.writtenRevs.push(revKey(w.id, w.rev));
        result.refused.push(...refused.map((r) => ({ id: r.id, error: `${r.error}: ${r.reason ?? ''}` })));
        result.written += docs.length - refused.length;
      }
    }
    const lastSeq = String(page.last_seq);
    if (page.results.length > 0) {
      await writeCheckpoint(target, db, name, lastSeq);
      result.lastSeq = lastSeq;
    }
    from = lastSeq;
    if (page.results.length < REPLICATION_BATCH) return result;
  }
}

async function writeCheckpoint(target: CouchClient, db: string, name: string, since: string): Promise<void> {
  const path = checkpointPath(db, name);
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await target.get<{ _rev?: string }>(path);
    try {
      await target.request('PUT', path, { since, ...(current?._rev ? { _rev: current._rev } : {}) });
      return;
    } catch (error) {
      if (!(error instanceof CouchHttpError && error.status === 409)) throw error;
    }
  }
  throw new Error(`could not save the replication checkpoint ${name} of ${db}`);
}
