// Credentials, stores and enrollment codes, kept in the same SQLite file as the documents. Principals
// are mirrored in memory so every request checks revocation without touching the disk.
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { SqliteStore } from '../storage/sqlite-store';
import { hashPassword, randomSecret, verifyPassword, type PasswordHash } from './password';
import type { Principal, Role } from './principal';

interface PrincipalRow {
  name: string;
  role: Role;
  store_id: string | null;
  salt: string;
  hash: string;
  revoked: number;
}

/** A stored credential. */
export interface StoredPrincipal extends Principal, PasswordHash {
  revoked: boolean;
}

const schema = [
  `CREATE TABLE IF NOT EXISTS principals (name TEXT PRIMARY KEY, role TEXT NOT NULL, store_id TEXT,
     salt TEXT NOT NULL, hash TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS stores (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS enrollments (code_hash TEXT PRIMARY KEY, terminal TEXT NOT NULL, store_id TEXT NOT NULL,
     expires_at INTEGER NOT NULL, used_at INTEGER) WITHOUT ROWID`,
];

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

export class AuthStore {
  private readonly principals = new Map<string, StoredPrincipal>();
  private readonly sqlite: Database.Database;

  constructor(private readonly store: SqliteStore) {
    this.sqlite = store.sqlite;
    for (const sql of schema) this.sqlite.exec(sql);
    for (const row of this.sqlite.prepare<[], PrincipalRow>('SELECT * FROM principals').all()) {
      this.principals.set(row.name, {
        name: row.name,
        role: row.role,
        ...(row.store_id ? { storeId: row.store_id } : {}),
        salt: row.salt,
        hash: row.hash,
        revoked: row.revoked === 1,
      });
    }
  }

  get(name: string): StoredPrincipal | undefined {
    return this.principals.get(name);
  }

  /** An active (not revoked) principal by name. */
  active(name: string): Principal | undefined {
    const p = this.principals.get(name);
    if (!p || p.revoked) return undefined;
    return { name: p.name, role: p.role, ...(p.storeId ? { storeId: p.storeId } : {}) };
  }

  /** Whether any admin credential exists (after the first start, the admin variables are optional). */
  hasActiveAdmin(): boolean {
    for (const p of this.principals.values()) if (p.role === 'admin' && !p.revoked) return true;
    return false;
  }

  async checkPassword(name: string, password: string): Promise<Principal | undefined> {
    const p = this.principals.get(name);
    if (!p || p.revoked) return undefined;
    return (await verifyPassword(password, p)) ? this.active(name) : undefined;
  }

  /** Creates or replaces a credential (durable before it resolves). */
  async setPrincipal(principal: Principal, password: string, generated = false): Promise<void> {
    const hashed = await hashPassword(password, generated);
    await this.store.transact(() => {
      this.sqlite
        .prepare(
          'INSERT OR REPLACE INTO principals (name, role, store_id, salt, hash, revoked, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)',
        )
        .run(principal.name, principal.role, principal.storeId ?? null, hashed.salt, hashed.hash, Date.now());
    });
    this.principals.set(principal.name, { ...principal, ...hashed, revoked: false });
  }

  async revoke(name: string): Promise<boolean> {
    const p = this.principals.get(name);
    if (!p) return false;
    await this.store.transact(() => {
      this.sqlite.prepare('UPDATE principals SET revoked = 1 WHERE name = ?').run(name);
    });
    p.revoked = true;
    return true;
  }

  hasStore(id: string): boolean {
    return this.sqlite.prepare('SELECT 1 FROM stores WHERE id = ?').get(id) !== undefined;
  }

  listStores(): { id: string; name: string }[] {
    return this.sqlite
      .prepare<[], { id: string; name: string }>('SELECT id, name FROM stores ORDER BY id')
      .all();
  }

  async addStore(id: string, name: string): Promise<boolean> {
    return this.store.transact(() => {
      const r = this.sqlite
        .prepare('INSERT OR IGNORE INTO stores (id, name, created_at) VALUES (?, ?, ?)')
        .run(id, name, Date.now());
      return r.changes === 1;
    });
  }

  /** Issues a one-time enrollment code for a terminal of a store; only its hash is stored. */
  async issueEnrollment(
    terminal: string,
    storeId: string,
    ttlMs: number,
  ): Promise<{ code: string; expiresAt: number }> {
    const code = randomSecret(18);
    const expiresAt = Date.now() + ttlMs;
    await this.store.transact(() => {
      this.sqlite
        .prepare(
          'INSERT INTO enrollments (code_hash, terminal, store_id, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)',
        )
        .run(hashCode(code), terminal, storeId, expiresAt);
    });
    return { code, expiresAt };
  }

  /** Consumes a code: the terminal and store it was issued for, or undefined if unknown, used or expired. */
  async consumeEnrollment(code: string): Promise<{ terminal: string; storeId: string } | undefined> {
    return this.store.transact(() => {
      const row = this.sqlite
        .prepare<
          [string],
          { terminal: string; store_id: string; expires_at: number; used_at: number | null }
        >('SELECT terminal, store_id, expires_at, used_at FROM enrollments WHERE code_hash = ?')
        .get(hashCode(code));
      if (!row || row.used_at !== null || row.expires_at < Date.now()) return undefined;
      this.sqlite
        .prepare('UPDATE enrollments SET used_at = ? WHERE code_hash = ?')
        .run(Date.now(), hashCode(code));
      return { terminal: row.terminal, storeId: row.store_id };
    });
  }

  /** The secret that signs session cookies, created on first start. */
  cookieSecret(): string {
    const get = this.sqlite.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    const existing = get.get('cookie_secret')?.value;
    if (existing) return existing;
    const secret = randomSecret(32);
    this.sqlite
      .prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')
      .run('cookie_secret', secret);
    return secret;
  }
}
