// A small HTTP client for an Apache CouchDB cluster (or anything speaking its API). Credentials come
// from the URL (`http://admin:secret@couch:5984`) and are sent as Basic auth, never logged.
import { isDeepStrictEqual } from 'node:util';

/** A non-2xx answer from CouchDB. */
export class CouchHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`);
  }
}

export class CouchClient {
  readonly base: string;
  private readonly auth: string | undefined;

  constructor(url: string) {
    const parsed = new URL(url);
    this.auth = parsed.username
      ? `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`
      : undefined;
    parsed.username = '';
    parsed.password = '';
    this.base = parsed.toString().replace(/\/$/, '');
  }

  /** Sends a request; resolves `{status, body}` for the statuses in `accept`, throws otherwise. */
  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    accept: number[] = [],
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.auth) headers.Authorization = this.auth;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(this.base + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const parsed = (text ? JSON.parse(text) : undefined) as T;
    if (res.ok || accept.includes(res.status)) return { status: res.status, body: parsed };
    throw new CouchHttpError(res.status, parsed, `${method} ${path}`);
  }

  async get<T>(path: string): Promise<T | undefined> {
    const res = await this.request<T>('GET', path, undefined, [404]);
    return res.status === 404 ? undefined : res.body;
  }

  /** Creates a database; false when it already existed. */
  async createDb(name: string): Promise<boolean> {
    const res = await this.request('PUT', `/${encodeURIComponent(name)}`, undefined, [412]);
    return res.status !== 412;
  }

  /**
   * Writes a document, replacing the current revision whatever it is (admin-side upsert), unless the
   * stored document already has this content: then nothing is written and no revision is made, so
   * provisioning at every start leaves the design documents' revisions (and the feeds) alone.
   */
  async upsert(db: string, doc: Record<string, unknown> & { _id: string }): Promise<void> {
    const path = `/${encodeURIComponent(db)}/${encodeDocId(doc._id)}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.get<Record<string, unknown> & { _rev: string }>(path);
      if (current) {
        const { _rev: _r, ...stored } = current;
        if (isDeepStrictEqual(stored, doc)) return;
      }
      const res = await this.request(
        'PUT',
        path,
        { ...doc, ...(current ? { _rev: current._rev } : {}) },
        [409],
      );
      if (res.status !== 409) return;
    }
    throw new Error(`could not write ${db}/${doc._id}: it kept changing`);
  }
}

/** Encodes a document id for a URL, keeping the `_design/` and `_local/` prefixes as CouchDB expects. */
export function encodeDocId(id: string): string {
  for (const prefix of ['_design/', '_local/'])
    if (id.startsWith(prefix)) return prefix + encodeURIComponent(id.slice(prefix.length));
  return encodeURIComponent(id);
}
