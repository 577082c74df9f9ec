// The directory on the embedded store: credentials in SQLite (AuthStore), store databases created in
// the same file.
import { securityFor, storeDbName } from './access-policy';
import type { AuthStore } from './auth-store';
import type { Directory, DirectoryEntry } from './directory';
import type { Principal } from './principal';
import type { SqliteStore } from '../storage/sqlite-store';

export class EmbeddedDirectory implements Directory {
  constructor(
    private readonly auth: AuthStore,
    private readonly store: SqliteStore,
  ) {}

  hasStore(id: string): Promise<boolean> {
    return Promise.resolve(this.auth.hasStore(id));
  }

  async addStore(id: string, name: string): Promise<boolean> {
    const created = await this.auth.addStore(id, name);
    const db = storeDbName(id);
    await this.store.createDb(db, securityFor(db));
    return created;
  }

  getPrincipal(name: string): Promise<DirectoryEntry | undefined> {
    const p = this.auth.get(name);
    return Promise.resolve(
      p
        ? { name: p.name, role: p.role, ...(p.storeId ? { storeId: p.storeId } : {}), revoked: p.revoked }
        : undefined,
    );
  }

  setPrincipal(principal: Principal, password: string, generated: boolean): Promise<void> {
    return this.auth.setPrincipal(principal, password, generated);
  }

  revoke(name: string): Promise<boolean> {
    return this.auth.revoke(name);
  }

  issueEnrollment(
    terminal: string,
    storeId: string,
    ttlMs: number,
  ): Promise<{ code: string; expiresAt: number }> {
    return this.auth.issueEnrollment(terminal, storeId, ttlMs);
  }

  consumeEnrollment(code: string): Promise<{ terminal: string; storeId: string } | undefined> {
    return this.auth.consumeEnrollment(code);
  }
}
