// The `catalog` database through the CouchDB API: HQ edits documents locally, then publishes them in
// one `_bulk_docs` write; terminals replicate the catalog and see the change within seconds.
import { api } from './http';

/** A catalog document as stored (CouchDB `_id`/`_rev` plus the Store OS fields). */
export type CatalogDoc = Record<string, unknown> & { _id: string; _rev?: string; type: string };

interface AllDocs {
  rows: {
    id?: string;
    key: string;
    value?: { rev: string; deleted?: boolean };
    doc?: CatalogDoc | null;
    error?: string;
  }[];
}

/** Documents whose id starts with `prefix` (e.g. `product:`, `promotion:`), at most `limit`. */
export async function listByPrefix(
  prefix: string,
  limit: number,
  signal?: AbortSignal,
): Promise<CatalogDoc[]> {
  const q = new URLSearchParams({
    startkey: JSON.stringify(prefix),
    endkey: JSON.stringify(`${prefix}\ufff0`),
    limit: String(limit),
    include_docs: 'true',
  });
  const r = await api<AllDocs>(`/catalog/_all_docs?${q.toString()}`, signal ? { signal } : {});
  return r.rows.flatMap((row) => (row.doc ? [row.doc] : []));
}

/** The documents with these ids that exist (missing and deleted ones are left out). */
export async function getMany(
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, CatalogDoc>> {
  if (ids.length === 0) return new Map();
  const r = await api<AllDocs>('/catalog/_all_docs?include_docs=true', {
    json: { keys: ids },
    ...(signal ? { signal } : {}),
  });
  return new Map(r.rows.flatMap((row) => (row.doc ? [[row.key, row.doc] as const] : [])));
}

/** What publishing one document gave: its new revision or the server's refusal. */
export interface PublishResult {
  readonly id: string;
  readonly ok: boolean;
  readonly reason?: string;
}

/**
 * Writes the staged documents in one request. The server validates each (schema, type, database) and
 * refuses a bad one without stopping the others, so every result is reported.
 */
export async function publish(docs: readonly CatalogDoc[]): Promise<PublishResult[]> {
  const r = await api<{ id: string; rev?: string; error?: string; reason?: string }[]>(
    '/catalog/_bulk_docs',
    {
      json: { docs },
    },
  );
  return r.map((x) => ({
    id: x.id,
    ok: !x.error,
    ...(x.error ? { reason: x.reason ?? x.error } : {}),
  }));
}
