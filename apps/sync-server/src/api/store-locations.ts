// Which stock locations exist and which store each belongs to, from the `store` documents HQ publishes
// in `catalog`. A store without a published document is assumed to sell from `<storeId>-floor`, the
// same default the terminal uses, so a chain that has not published store documents still works.
import type { StoreDoc } from '@store-os/shared/schemas';
import type { LocationKind } from '@store-os/shared/omnichannel';
import type { SqliteStore } from '../storage/sqlite-store';
import { storeDbName } from '../auth/access-policy';

/** A location that can hold stock for the API: its store and its routing kind. */
export interface KnownLocation {
  locationId: string;
  storeId: string;
  kind: LocationKind;
}

function locationsOf(doc: StoreDoc): KnownLocation[] {
  return doc.locations.map((l) => ({
    locationId: l.locationId,
    storeId: doc.storeId,
    kind: l.kind === 'warehouse' ? 'warehouse' : 'store',
  }));
}

/** Every location of every store that has a database on this server, by location id. */
export function knownLocations(store: SqliteStore): Map<string, KnownLocation> {
  const catalog = store.info('catalog');
  const out = new Map<string, KnownLocation>();
  const documented = new Set<string>();
  if (catalog) {
    const rows = store.range(
      catalog,
      {
        startkey: 'store:',
        endkey: 'store:\uffff',
        inclusiveEnd: true,
        descending: false,
        limit: 10_000,
        skip: 0,
      },
      true,
    );
    for (const row of rows) {
      if (!row.body) continue;
      const doc = JSON.parse(row.body) as StoreDoc;
      if (doc.type !== 'store' || !store.info(storeDbName(doc.storeId))) continue;
      documented.add(doc.storeId);
      for (const loc of locationsOf(doc)) out.set(loc.locationId, loc);
    }
  }
  for (const db of store.listDbs()) {
    if (!db.startsWith('store-')) continue;
    const storeId = db.slice('store-'.length);
    if (documented.has(storeId)) continue;
    out.set(`${storeId}-floor`, { locationId: `${storeId}-floor`, storeId, kind: 'store' });
  }
  return out;
}

/** The locations of one store (empty when the store has no database). */
export function storeLocations(all: Map<string, KnownLocation>, storeId: string): KnownLocation[] {
  return [...all.values()].filter((l) => l.storeId === storeId);
}
