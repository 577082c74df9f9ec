import { documentExamples } from '@store-os/shared/schemas';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import {
  envelopeMigrations,
  openTerminalDatabase,
  REPLICATED_COLLECTIONS,
  type EnvelopeDocument,
} from './terminal-database';

describe('openTerminalDatabase', () => {
  it('has one collection per server database plus the local sync state', async () => {
    const db = await openTerminalDatabase({
      name: `schema-test-${Date.now()}`,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    });
    try {
      expect(Object.keys(db.collections).sort()).toEqual([...REPLICATED_COLLECTIONS, 'sync-state'].sort());
      await db.catalog.insert(documentExamples.product as EnvelopeDocument);
      expect((await db.catalog.findOne('product:P100').exec())?.get('name')).toBe('T-shirt');
    } finally {
      await db.remove();
    }
  });
});

describe('envelopeMigrations', () => {
  it('has a strategy for every envelope version, each bringing documents to their current type version', () => {
    const strategies = envelopeMigrations(2);
    expect(Object.keys(strategies)).toEqual(['1', '2']);
    const productV1 = {
      id: 'product:P1',
      type: 'product',
      schemaVersion: 1,
      productId: 'P1',
      name: 'Mug',
      sku: 'MUG-1',
      barcodes: ['4006381333931'],
      taxCategory: 'standard',
      unit: 'each',
      status: 'active',
      updatedAt: '2026-11-23T14:00:00.000Z',
    } as EnvelopeDocument;
    const migrated = strategies[1]?.(productV1);
    expect(migrated).toMatchObject({
      schemaVersion: 2,
      taxCategoryId: 'standard',
      variants: [{ sku: 'MUG-1', barcodes: ['4006381333931'] }],
    });
    expect(envelopeMigrations(0)).toEqual({});
  });
});
