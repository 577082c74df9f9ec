import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBDevModePlugin, checkSchema } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, describe, expect, it } from 'vitest';
import type { CollectionDatabase } from './collection-schemas';
import { collectionSchemas } from './collection-schemas';
import { documentExamples } from './document-examples';
import { documentTypesIn } from './document-types';

// The envelopes are checked by RxDB itself (dev-mode schema rules, then real inserts through its
// ajv-validated memory storage), so a change that RxDB would refuse fails here, not in the terminal.

addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

describe('collection schemas in RxDB 17', () => {
  const databases: { close: () => Promise<unknown> }[] = [];
  afterAll(async () => {
    for (const db of databases) await db.close();
  });

  it.each(Object.keys(collectionSchemas) as CollectionDatabase[])(
    '%s passes RxDB’s schema checks',
    (name) => {
      expect(() => checkSchema(structuredClone(collectionSchemas[name]) as never)).not.toThrow();
    },
  );

  it('stores every example document in its database’s collection', async () => {
    const db = await createRxDatabase({
      name: 'envelopes',
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
      ignoreDuplicate: true,
    });
    databases.push(db);
    const names = Object.keys(collectionSchemas) as CollectionDatabase[];
    const collections = await db.addCollections(
      Object.fromEntries(
        names.map((n) => [
          n.replace('-', '_'),
          // Version 1 of the envelopes only added fields: the identity strategy is what RxDB needs to open v0 data.
          {
            schema: structuredClone(collectionSchemas[n]) as never,
            migrationStrategies: Object.fromEntries(
              Array.from({ length: collectionSchemas[n].version }, (_, i) => [i + 1, (d: unknown) => d]),
            ),
          },
        ]),
      ),
    );
    for (const name of names) {
      const collection = collections[name.replace('-', '_')]!;
      const docs = documentTypesIn(name).map((type) => structuredClone(documentExamples[type]));
      const result = await collection.bulkInsert(docs);
      expect(result.error, `${name}: ${JSON.stringify(result.error[0])}`).toEqual([]);
      expect(await collection.count().exec()).toBe(docs.length);
    }
    // An envelope still refuses a document without its indexed fields.
    const bad = await collections['store']!.bulkInsert([{ id: 'x', type: 'order', schemaVersion: 1 }]);
    expect(bad.error).toHaveLength(1);
  });
});
