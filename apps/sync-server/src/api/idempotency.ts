// Idempotency-Key handling (draft-ietf-httpapi-idempotency-key-header): a write applied once per key per
// caller; the same key with the same body answers the stored response, with another body a 422. The
// record is written in the same transaction as the write it covers, so "applied" and "remembered" can
// never disagree after a crash. Only successful answers are remembered: a refused request may be
// fixed and sent again under the same key.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiProblem } from './api-problem';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const KEY_RE = /^[\x21-\x7e]{1,255}$/;

/** An answer the API sends: status, JSON body, extra headers. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** JSON with object keys sorted, so the same content always hashes the same. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = stable((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Fingerprint of a request: route and body content (key order and whitespace do not matter). */
export function requestFingerprint(route: string, body: unknown): string {
  return createHash('sha256')
    .update(route)
    .update('\n')
    .update(JSON.stringify(stable(body)) ?? '')
    .digest('hex');
}

/** Reads and checks the Idempotency-Key header of a write. */
export function idempotencyKeyOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') {
    throw new ApiProblem(
      400,
      'idempotency-key-missing',
      'Send an Idempotency-Key header (a UUID per logical request, reused on retries) with every write.',
    );
  }
  if (!KEY_RE.test(value)) {
    throw new ApiProblem(
      400,
      'malformed-request',
      'Idempotency-Key must be 1-255 printable ASCII characters.',
    );
  }
  return value;
}

interface Row {
  route: string;
  body_hash: string;
  status: number;
  response: string;
}

/** The idempotency records table. */
export class IdempotencyStore {
  private readonly find: Database.Statement<[string, string], Row>;
  private readonly insert: Database.Statement<[string, string, string, string, number, string, number]>;
  private readonly purgeOld: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.find = db.prepare(
      'SELECT route, body_hash, status, response FROM api_idempotency WHERE caller = ? AND key = ?',
    );
    this.insert = db.prepare(
      'INSERT INTO api_idempotency (caller, key, route, body_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.purgeOld = db.prepare('DELETE FROM api_idempotency WHERE created_at < ?');
  }

  /** Inside a transaction: the stored answer for a replay, or undefined for a first request. */
  replay(caller: string, key: string, route: string, fingerprint: string): ApiAnswer | undefined {
    const row = this.find.get(caller, key);
    if (!row) return undefined;
    if (row.route !== route || row.body_hash !== fingerprint) {
      throw new ApiProblem(
        422,
        'idempotency-key-reused',
        `Idempotency-Key "${key}" was already used for a different request (${row.route}); use a new key for a new request.`,
      );
    }
    return {
      status: row.status,
      body: JSON.parse(row.response) as unknown,
      headers: { 'Idempotent-Replayed': 'true' },
    };
  }

  /** Inside the same transaction as the write: remembers its answer. */
  remember(
    caller: string,
    key: string,
    route: string,
    fingerprint: string,
    answer: ApiAnswer,
    now: number,
  ): void {
    this.insert.run(caller, key, route, fingerprint, answer.status, JSON.stringify(answer.body), now);
  }

  /** Forgets records older than the TTL. */
  purge(now: number): number {
    return this.purgeOld.run(now - IDEMPOTENCY_TTL_MS).changes;
  }
}
