// The directory of stores, credentials and enrollment codes, behind one interface so the same
// administration endpoints run on the embedded store or against a CouchDB cluster (`--couch-url`).
import type { Principal } from './principal';

/** A credential as the directory knows it. */
export interface DirectoryEntry extends Principal {
  revoked: boolean;
}

export interface Directory {
  hasStore(id: string): Promise<boolean>;
  /** Creates the store and its `store-<id>` database with its `_security`; false if it existed. */
  addStore(id: string, name: string): Promise<boolean>;
  getPrincipal(name: string): Promise<DirectoryEntry | undefined>;
  /** Creates or replaces a credential; `generated` marks a server-generated secret. */
  setPrincipal(principal: Principal, password: string, generated: boolean): Promise<void>;
  revoke(name: string): Promise<boolean>;
  issueEnrollment(
    terminal: string,
    storeId: string,
    ttlMs: number,
  ): Promise<{ code: string; expiresAt: number }>;
  consumeEnrollment(code: string): Promise<{ terminal: string; storeId: string } | undefined>;
}
