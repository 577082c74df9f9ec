import { resolveStoreConflict } from '@store-os/shared/orders';
import { collectionSchemas, migrateDocument, type JsonDocument } from '@store-os/shared/schemas';
import {
  addRxPlugin,
  createRxDatabase,
  defaultConflictHandler,
  type RxConflictHandler,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { CatalogStore } from './catalog-store';
import type { IndexedDbApi } from './indexed-db';
import { syncStateSchema, type SyncStateDocument } from './sync-state-schema';

addRxPlugin(RxDBMigrationSchemaPlugin);

/** A replicated document as the envelope collections store it; its full shape is its type's schema. */
export type EnvelopeDocument = JsonDocument & {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
};

/** The replicated collections: one per server database the terminal syncs with. */
export const REPLICATED_COLLECTIONS = ['catalog', 'store', 'stock-levels'] as const;

/** Name of a replicated collection (and of the server database kind behind it). */
export type ReplicatedCollection = (typeof REPLICATED_COLLECTIONS)[number];

/** The terminal's collections: the replicated envelopes plus the local-only sync state of each document. */
export interface TerminalCollections {
  catalog: RxCollection<EnvelopeDocument>;
  store: RxCollection<EnvelopeDocument>;
  'stock-levels': RxCollection<EnvelopeDocument>;
  'sync-state': RxCollection<SyncStateDocument>;
}

/** The terminal's local database. */
export type TerminalDatabase = RxDatabase<TerminalCollections>;

/** Where the database lives: IndexedDB through Dexie in Chromium; tests pass fake-indexeddb. */
export interface OpenDatabaseOptions {
  readonly name: string;
  readonly storage?: RxStorage<unknown, unknown>;
  /**
   * The IndexedDB behind the bulk catalog store (products, barcodes, prices); the browser's own by
   * default. `null` (or no IndexedDB, as in Node) keeps every catalog document in RxDB's `catalog`.
   */
  readonly indexedDB?: IndexedDbApi | null;
}

const catalogStores = new WeakMap<TerminalDatabase, CatalogStore>();

/** The bulk catalog store of an open terminal database, or undefined when it keeps the catalog in RxDB. */
export function catalogStoreOf(db: TerminalDatabase): CatalogStore | undefined {
  return catalogStores.get(db);
}

function defaultIndexedDb(): IndexedDbApi | null {
  const g = globalThis as { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };
  return g.indexedDB && g.IDBKeyRange ? { factory: g.indexedDB, keyRange: g.IDBKeyRange } : null;
}

/**
 * Envelope schema version n → n+1 re-runs the domain's per-type migrations, so a document stored by an
 * older terminal arrives at the newest shape whichever of the two versions moved.
 */
export function envelopeMigrations(
  version: number,
): Record<number, (doc: EnvelopeDocument) => EnvelopeDocument> {
  const strategies: Record<number, (doc: EnvelopeDocument) => EnvelopeDocument> = {};
  for (let v = 1; v <= version; v += 1) strategies[v] = (doc) => migrateDocument(doc) as EnvelopeDocument;
  return strategies;
}

function envelopeSchema(collection: ReplicatedCollection): RxJsonSchema<EnvelopeDocument> {
  // The shared schema is deeply readonly and RxDB's type wants mutable arrays; the clone is the same JSON.
  return structuredClone(collectionSchemas[collection]) as unknown as RxJsonSchema<EnvelopeDocument>;
}

/**
 * Store documents are facts (the server's copy wins) except fulfillments, which merge by the shared
 * state machine so neither the terminal's nor the server's step is lost to last-write-wins.
 */
const storeConflictHandler: RxConflictHandler<EnvelopeDocument> = {
  isEqual: (a, b, context) => defaultConflictHandler.isEqual(a, b, context),
  resolve: ({ realMasterState, newDocumentState }) =>
    Promise.resolve(
      realMasterState._deleted || newDocumentState._deleted
        ? realMasterState
        : resolveStoreConflict(realMasterState, newDocumentState),
    ),
};

/** Opens (or creates) the terminal's RxDB database with every collection and its migration strategies. */
export async function openTerminalDatabase(options: OpenDatabaseOptions): Promise<TerminalDatabase> {
  const db = await createRxDatabase<TerminalCollections>({
    name: options.name,
    storage: options.storage ?? getRxStorageDexie(),
    multiInstance: false,
    eventReduce: true,
  });
  const replicated = Object.fromEntries(
    REPLICATED_COLLECTIONS.map((name) => {
      const schema = envelopeSchema(name);
      const conflictHandler = name === 'store' ? { conflictHandler: storeConflictHandler } : {};
      return [name, { schema, migrationStrategies: envelopeMigrations(schema.version), ...conflictHandler }];
    }),
  );
  await db.addCollections({ ...replicated, 'sync-state': { schema: syncStateSchema } });
  const api = options.indexedDB === undefined ? defaultIndexedDb() : options.indexedDB;
  if (api) {
    const store = await CatalogStore.open(`${options.name}-catalog`, api);
    catalogStores.set(db, store);
    db.onClose.push(() => store.close());
    db.catalog.onRemove.push(() => store.delete());
  }
  return db;
}
