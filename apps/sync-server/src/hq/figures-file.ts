// HQ's tables in a SQLite file of their own, for the CouchDB-cluster mode where the documents live in
// the cluster and the server has no embedded store. WAL and synchronous=FULL, as the embedded store.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FiguresStore } from './figures-store';

/** Opens (or creates) `<dir>/hq.sqlite` with HQ's tables. */
export function openFiguresFile(dir: string): { figures: FiguresStore; close(): void } {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'hq.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const figures = new FiguresStore(db, (job) => Promise.resolve(db.transaction(job)()));
  return { figures, close: () => db.close() };
}
