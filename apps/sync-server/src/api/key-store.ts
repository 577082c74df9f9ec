// API keys of integrations: `sk_<id>_<secret>`. Only a SHA-256 of the secret is stored; the key is shown
// once at creation. Keys are mirrored in memory so every request checks revocation without disk reads.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ApiKeyInfo, ApiScope } from '@store-os/shared/integration';
import type { SqliteStore } from '../storage/sqlite-store';

interface KeyRow {
  id: string;
  integration: string;
  scopes: string;
  description: string | null;
  hash: string;
  created_at: number;
  created_by: string;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A verified key: who calls and what it may do. */
export interface ApiKeyPrincipal {
  keyId: string;
  integration: string;
  scopes: readonly ApiScope[];
}

const KEY_RE = /^sk_([a-f0-9]{20})_([A-Za-z0-9_-]{43})$/;
const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();
const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());
/** last_used_at is written at most this often per key, so reads do not become writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

function toInfo(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    integration: row.integration,
    scopes: JSON.parse(row.scopes) as ApiScope[],
    ...(row.description === null ? {} : { description: row.description }),
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    ...(row.last_used_at === null ? {} : { lastUsedAt: iso(row.last_used_at) }),
    ...(row.revoked_at === null ? {} : { revokedAt: iso(row.revoked_at) }),
  };
}

/** Create, list, revoke and verify API keys. */
export class KeyStore {
  private readonly rows = new Map<string, KeyRow>();
  /** Keys whose last-used time changed since the last flush (written in batches, off the request path). */
  private readonly lastUsedDirty = new Set<string>();
  private readonly sqlite: Database.Database;

  constructor(private readonly store: SqliteStore) {
    this.sqlite = store.sqlite;
    for (const row of this.sqlite.prepare<[], KeyRow>('SELECT * FROM api_keys').all())
      this.rows.set(row.id, row);
  }

  /** Creates a key; the answer holds the only copy of the secret. */
  async create(input: {
    integration: string;
    scopes: readonly ApiScope[];
    description?: string;
    createdBy: string;
  }): Promise<ApiKeyInfo & { key: string }> {
    const id = randomBytes(10).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const row: KeyRow = {
      id,
      integration: input.integration,
      scopes: JSON.stringify([...input.scopes].sort()),
      description: input.description ?? null,
      hash: hashSecret(secret).toString('hex'),
      created_at: Date.now(),
      created_by: input.createdBy,
      last_used_at: null,
      revoked_at: null,
    };
    await this.store.transact(() => {
      this.sqlite
        .prepare(
          `INSERT INTO api_keys (id, integration, scopes, description, hash, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(row.id, row.integration, row.scopes, row.description, row.hash, row.created_at, row.created_by);
    });
    this.rows.set(id, row);
    return { ...toInfo(row), key: `sk_${id}_${secret}` };
  }

  list(): ApiKeyInfo[] {
    return [...this.rows.values()].sort((a, b) => a.created_at - b.created_at).map(toInfo);
  }

  get(id: string): ApiKeyInfo | undefined {
    const row = this.rows.get(id);
    return row ? toInfo(row) : undefined;
  }

  /** Revokes a key at once; false when unknown. Revoking twice keeps the first time. */
  async revoke(id: string): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row) return false;
    if (row.revoked_at !== null) return true;
    const at = Date.now();
    await this.store.transact(() => {
      this.sqlite.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?').run(at, id);
    });
    row.revoked_at = at;
    return true;
  }

  /** Saves last-used times of keys used since the previous flush. */
  async flushLastUsed(): Promise<void> {
    if (this.lastUsedDirty.size === 0) return;
    const ids = [...this.lastUsedDirty];
    this.lastUsedDirty.clear();
    await this.store.transact(() => {
      const update = this.sqlite.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
      for (const id of ids) update.run(this.rows.get(id)?.last_used_at ?? null, id);
    });
  }

  /** The principal of a presented key, or undefined when malformed, unknown, wrong or revoked. */
  verify(presented: string): ApiKeyPrincipal | undefined {
    const m = KEY_RE.exec(presented);
    if (!m?.[1] || !m[2]) return undefined;
    const row = this.rows.get(m[1]);
    if (!row || row.revoked_at !== null) return undefined;
    if (!timingSafeEqual(new Uint8Array(hashSecret(m[2])), new Uint8Array(Buffer.from(row.hash, 'hex'))))
      return undefined;
    const now = Date.now();
    if (row.last_used_at === null || now - row.last_used_at > LAST_USED_RESOLUTION_MS) {
      row.last_used_at = now;
      this.lastUsedDirty.add(row.id);
    }
    return { keyId: row.id, integration: row.integration, scopes: JSON.parse(row.scopes) as ApiScope[] };
  }
}
