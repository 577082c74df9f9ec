// PouchDB 9 for Node tests and benches, with the in-memory adapter for local databases.
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';

PouchDB.plugin(memoryAdapter);

let counter = 0;

/** A fresh in-memory local database. */
export function memoryDb<T extends object = object>(): PouchDB.Database<T> {
  counter += 1;
  return new PouchDB<T>(`local-${process.pid}-${counter}-${Date.now()}`, { adapter: 'memory' });
}

/** A remote database handle with Basic auth; never creates the database. */
export function remoteDb<T extends object = object>(
  url: string,
  user?: { name: string; password: string },
  fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>,
): PouchDB.Database<T> {
  const auth = user ? { auth: { username: user.name, password: user.password } } : {};
  return new PouchDB<T>(url, { ...auth, skip_setup: true, ...(fetch ? { fetch } : {}) });
}

export { PouchDB };
