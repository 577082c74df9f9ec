// The directory on a CouchDB cluster: stores are `store-<id>` databases with `_security` and the
// validation design document; credentials are `_users` documents (roles `terminal`, `store:<id>`...);
// enrollment codes (hashed) live in the admin-only `pos-enrollments` database.
import { createHash } from 'node:crypto';
import { securityFor, storeDbName } from '../auth/access-policy';
import type { Directory, DirectoryEntry } from '../auth/directory';
import { randomSecret } from '../auth/password';
import { isRole, type Principal } from '../auth/principal';
import type { CouchClient } from './couch-client';
import { validationDesignDoc } from './validate-doc-update';

export const ENROLLMENTS_DB = 'pos-enrollments';
const ADMIN_ONLY = { admins: { names: [], roles: ['_admin'] }, members: { names: [], roles: ['_admin'] } };
const REVOKED = 'revoked';

interface UserDoc {
  _id: string;
  _rev?: string;
  name: string;
  type: 'user';
  roles: string[];
  password?: string;
}

const userPath = (name: string) => `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
const codePath = (code: string) =>
  `/${ENROLLMENTS_DB}/code-${createHash('sha256').update(code).digest('hex')}`;

/** Creates a Store OS database on the cluster with its `_security` and validation rules. */
export async function provisionDatabase(couch: CouchClient, db: string): Promise<boolean> {
  const created = await couch.createDb(db);
  await couch.request('PUT', `/${encodeURIComponent(db)}/_security`, securityFor(db));
  await couch.upsert(db, validationDesignDoc(db));
  return created;
}

export class CouchDirectory implements Directory {
  constructor(private readonly couch: CouchClient) {}

  /** Creates `_users` (a single-node CouchDB may lack it) and the enrollment database. */
  async prepare(): Promise<void> {
    await this.couch.createDb('_users');
    await this.couch.createDb(ENROLLMENTS_DB);
    await this.couch.request('PUT', `/${ENROLLMENTS_DB}/_security`, ADMIN_ONLY);
  }

  async hasStore(id: string): Promise<boolean> {
    return (await this.couch.get(`/${encodeURIComponent(storeDbName(id))}`)) !== undefined;
  }

  addStore(id: string): Promise<boolean> {
    return provisionDatabase(this.couch, storeDbName(id));
  }

  async getPrincipal(name: string): Promise<DirectoryEntry | undefined> {
    const doc = await this.couch.get<UserDoc>(userPath(name));
    if (!doc) return undefined;
    const role = doc.roles.find(isRole);
    if (!role) return doc.roles.includes(REVOKED) ? { name, role: 'terminal', revoked: true } : undefined;
    const store = doc.roles.find((r) => r.startsWith('store:'))?.slice('store:'.length);
    return { name, role, ...(store ? { storeId: store } : {}), revoked: doc.roles.includes(REVOKED) };
  }

  async setPrincipal(principal: Principal, password: string): Promise<void> {
    const roles = principal.storeId ? [principal.role, `store:${principal.storeId}`] : [principal.role];
    if (principal.role === 'manager' || principal.role === 'terminal') roles.push('store');
    const current = await this.couch.get<UserDoc>(userPath(principal.name));
    const doc: UserDoc = {
      _id: `org.couchdb.user:${principal.name}`,
      name: principal.name,
      type: 'user',
      roles,
      password,
    };
    await this.couch.request('PUT', userPath(principal.name), {
      ...doc,
      ...(current?._rev ? { _rev: current._rev } : {}),
    });
  }

  /** Drops every role and replaces the password with an unknown one: CouchDB refuses it at once. */
  async revoke(name: string): Promise<boolean> {
    const current = await this.couch.get<UserDoc>(userPath(name));
    if (!current) return false;
    await this.couch.request('PUT', userPath(name), {
      ...current,
      roles: [REVOKED],
      password: randomSecret(32),
    });
    return true;
  }

  async issueEnrollment(
    terminal: string,
    storeId: string,
    ttlMs: number,
  ): Promise<{ code: string; expiresAt: number }> {
    const code = randomSecret(18);
    const expiresAt = Date.now() + ttlMs;
    await this.couch.request('PUT', codePath(code), { terminal, storeId, expiresAt, usedAt: null });
    return { code, expiresAt };
  }

  async consumeEnrollment(code: string): Promise<{ terminal: string; storeId: string } | undefined> {
    const doc = await this.couch.get<{
      _rev: string;
      terminal: string;
      storeId: string;
      expiresAt: number;
      usedAt: number | null;
    }>(codePath(code));
    if (!doc || doc.usedAt !== null || doc.expiresAt < Date.now()) return undefined;
    // The revision check makes the code single-use even with two terminals racing for it.
    const res = await this.couch.request('PUT', codePath(code), { ...doc, usedAt: Date.now() }, [409]);
    return res.status === 409 ? undefined : { terminal: doc.terminal, storeId: doc.storeId };
  }
}
