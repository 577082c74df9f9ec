import type { Connectivity } from './connectivity';

/** Receives the server's verdict on each pushed document. */
export interface PushObserver {
  pushed(accepted: readonly string[], rejected: readonly { id: string; reason: string }[]): Promise<void>;
  /** Documents the server sent in a pull: the server has them, so any still marked pending is synced. */
  seen(ids: readonly string[]): Promise<void>;
}

type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

interface BulkDocsRow {
  id?: string;
  ok?: boolean;
  rev?: string;
  error?: string;
  reason?: string;
}

/**
 * The fetch RxDB's CouchDB replication uses: it adds the terminal's credentials, records reachability,
 * and reads every `_bulk_docs` answer. RxDB stops the whole push batch on any per-document error other
 * than a conflict (and retries it for ever), so a document the server refuses is recorded as rejected
 * with the server's reason and reported to RxDB as written: one bad document never blocks the others.
 */
export function createTrackingFetch(options: {
  readonly base: FetchFn;
  readonly authorization: string | null;
  readonly connectivity: Connectivity;
  readonly observer: PushObserver;
}): FetchFn {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (options.authorization) headers.set('Authorization', options.authorization);
    let response: Response;
    try {
      response = await options.base(input, { ...init, headers });
    } catch (error) {
      options.connectivity.unreachable(error instanceof Error ? error.message : String(error));
      throw error;
    }
    options.connectivity.reachable();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!response.ok) return response;
    if (url.includes('/_changes?')) {
      const body = (await response.clone().json()) as { results?: { id?: string }[] };
      const ids = (body.results ?? []).flatMap((r) => (r.id ? [r.id] : []));
      if (ids.length > 0) await options.observer.seen(ids);
      return response;
    }
    if (!url.includes('/_bulk_docs')) return response;
    const rows = (await response.json()) as unknown;
    if (!Array.isArray(rows)) return jsonResponse(rows, response);
    const accepted: string[] = [];
    const rejected: { id: string; reason: string }[] = [];
    const rewritten = (rows as BulkDocsRow[]).map((row) => {
      if (row.ok && row.id) accepted.push(row.id);
      if (row.ok || row.error === 'conflict' || !row.id) return row;
      rejected.push({
        id: row.id,
        reason: `${row.error ?? 'error'}: ${row.reason ?? 'refused by the server'}`,
      });
      return { id: row.id, ok: true, rev: row.rev ?? '0-rejected' };
    });
    await options.observer.pushed(accepted, rejected);
    return jsonResponse(rewritten, response);
  };
}

function jsonResponse(body: unknown, original: Response): Response {
  return new Response(JSON.stringify(body), {
    status: original.status,
    headers: { 'content-type': 'application/json' },
  });
}
