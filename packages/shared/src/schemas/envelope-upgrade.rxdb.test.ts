import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { collectionSchemas } from './collection-schemas';
import { documentExamples } from './document-examples';
import { migrateDocument, type JsonDocument } from './migrations';

addRxPlugin(RxDBMigrationSchemaPlugin);

// A terminal that stored documents under the version-1 store envelope (before fulfillment `shipTo` and
// customer `preferences` were top-level fields) must still open its database after the upgrade.
const current = collectionSchemas.store;
const { shipTo: _s, preferences: _p, ...v1Properties } = current.properties;
const storeEnvelopeV1 = {
  ...structuredClone(current),
  version: 1,
  properties: structuredClone(v1Properties),
};
const fulfillmentV1: JsonDocument = { ...documentExamples.fulfillment, schemaVersion: 1 };

/** What the test reads of the collection (its schema is cast, so RxDB cannot type it). */
type Readable = { find(): { exec(): Promise<unknown> } };

async function storeV1Database(name: string, storage: ReturnType<typeof getRxStorageMemory>) {
  const db = await createRxDatabase({ name, storage });
  const { store } = await db.addCollections({ store: { schema: storeEnvelopeV1 as never } });
  await store.insert(fulfillmentV1);
  await db.close();
}

describe('the store envelope after new top-level fields', () => {
  it('is a new version: an old database opens, migrated by migrateDocument; the same version would be refused', async () => {
    expect(current.version).toBeGreaterThan(1);
    const storage = getRxStorageMemory();
    await storeV1Database('upgrade-refused', storage);
    // Same version, different schema: RxDB refuses to open it (why the version moves).
    const same = await createRxDatabase({ name: 'upgrade-refused', storage });
    await expect(
      same.addCollections({ store: { schema: { ...structuredClone(current), version: 1 } as never } }),
    ).rejects.toThrow(/DB6/);
    await same.close();

    await storeV1Database('upgrade', storage);
    const db = await createRxDatabase({ name: 'upgrade', storage });
    const strategies: Record<number, (doc: JsonDocument) => JsonDocument> = {};
    for (let v = 1; v <= current.version; v += 1) strategies[v] = (doc) => migrateDocument(doc);
    const { store } = await db.addCollections({
      store: { schema: structuredClone(current) as never, migrationStrategies: strategies },
    });
    const docs = (await (store as Readable).find().exec()) as { toJSON(): unknown }[];
    const found = docs.map((d) => d.toJSON());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: fulfillmentV1['id'], type: 'fulfillment', schemaVersion: 2 });
    await db.close();
  });
});
