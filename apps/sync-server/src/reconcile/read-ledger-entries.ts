// Reads every ledger entry the server holds in the store databases a caller may see, through HQ's
// read-only source (the embedded store or a CouchDB cluster), page by page.
import type { StoreScope } from '../hq/hq-access';
import type { HqSource } from '../hq/hq-source';
import type { StoredLedgerEntry } from './ledger-report';

const PAGE = 1000;

/** The store id of a `store-<id>` database. */
const storeOf = (db: string) => db.slice('store-'.length);

/**
 * Every current (not deleted) `ledger-entry` document of the scoped stores. A document's id is taken
 * from its row when the body carries only `_id` (as RxDB pushes it).
 */
export async function readLedgerEntries(source: HqSource, scope: StoreScope): Promise<StoredLedgerEntry[]> {
  const dbs = (await source.storeDatabases())
    .filter((db) => scope.all || scope.storeIds.includes(storeOf(db)))
    .sort();
  const entries: StoredLedgerEntry[] = [];
  for (const db of dbs) {
    let since: string | undefined;
    for (;;) {
      const page = await source.changes(db, since, PAGE);
      for (const row of page.rows) {
        const doc = row.doc;
        if (row.deleted || !doc || doc['type'] !== 'ledger-entry') continue;
        entries.push({ ...(doc as unknown as StoredLedgerEntry), id: row.id });
      }
      if (page.rows.length < PAGE || page.lastSeq === since) break;
      since = page.lastSeq;
    }
  }
  return entries;
}
