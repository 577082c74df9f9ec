import { gs1CheckDigit } from '@store-os/shared';
import { demoBarcode, demoCatalog, demoSku } from '@store-os/shared/demo';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBulkCatalogId } from '../db/bulk-catalog-ids';
import type { CatalogDocument } from '../db/catalog-batch';
import { FreshWrites } from '../db/fresh-writes';
import {
  catalogStoreOf,
  openTerminalDatabase,
  type EnvelopeDocument,
  type TerminalDatabase,
} from '../db/terminal-database';
import { storePolicy } from '../sale/store-policy';
import { findItem } from './find-item';
import { searchCatalog } from './search-catalog';

const PRODUCTS = 2000;
let db: TerminalDatabase;

beforeAll(async () => {
  db = await openTerminalDatabase({
    name: `search-test-${Date.now()}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    indexedDB: { factory: indexedDB, keyRange: IDBKeyRange },
  });
  const updatedAt = '2026-11-01T06:00:00.000Z';
  const apples = {
    id: 'product:PKG',
    type: 'product',
    schemaVersion: 1,
    updatedAt,
    productId: 'PKG',
    name: 'Apples, loose',
    taxCategoryId: 'reduced',
    unit: 'kg',
    variants: [{ sku: 'APL-KG', barcodes: [], inStoreItemCodes: ['00301'] }],
  };
  const applePrice = {
    id: 'price:base:APL-KG',
    type: 'price',
    schemaVersion: 1,
    updatedAt,
    priceListId: 'base',
    sku: 'APL-KG',
    unitPrice: { amount: 299, currency: 'EUR' },
  };
  const docs = [...demoCatalog({ products: PRODUCTS, updatedAt }), apples, applePrice];
  await db.catalog.bulkInsert(docs.filter((d) => !isBulkCatalogId(String(d.id))) as EnvelopeDocument[]);
  // Written as a first sync writes them: pages of 24 documents of several products each.
  await catalogStoreOf(db)?.apply(
    {
      put: docs.filter((d) => isBulkCatalogId(String(d.id))) as CatalogDocument[],
      remove: [],
      checkpoint: { since: docs.length, docsApplied: docs.length, firstSyncComplete: true },
    },
    new FreshWrites(),
  );
  await catalogStoreOf(db)?.indexPages();
}, 60_000);
afterAll(() => db.remove());

describe('searchCatalog (the catalog store’s search index)', () => {
  it('finds products by the start of a name word, at most the limit, each with its price', async () => {
    const matches = await searchCatalog(db, 'Espr', { limit: 5 });
    expect(matches).toHaveLength(5);
    for (const m of matches) {
      expect(m.name).toMatch(/\bEspresso\b/);
      expect(m.unitPrice).toBeGreaterThan(0);
      expect(m.barcode).toMatch(/^401234\d{7}$/);
    }
    // Not a substring match: "spresso" starts no word.
    expect(await searchCatalog(db, 'spresso')).toEqual([]);
  });

  it('needs every typed word to start a word of the name or the SKU', async () => {
    const matches = await searchCatalog(db, 'organic cof', { limit: 50 });
    expect(matches.length).toBeGreaterThan(0);
    for (const m of matches) {
      const words = m.name.toLowerCase().split(' ');
      expect(words).toContain('organic');
      expect(words.some((w) => w.startsWith('cof'))).toBe(true);
    }
    const byNumber = await searchCatalog(db, 'sku-00012', { limit: 20 });
    expect(byNumber.map((m) => m.sku)).toEqual(Array.from({ length: 10 }, (_, i) => demoSku(120 + i)));
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(searchCatalog(db, 'tea', { limit: 0 })).rejects.toThrow(/positive integer/);
  });
});

describe('findItem on the catalog store', () => {
  const layouts = storePolicy('EUR').inStoreLayouts;
  it('finds by barcode, by SKU and by a weight label, and offers choices for a name', async () => {
    expect(await findItem(db, demoBarcode(1234))).toMatchObject({
      kind: 'item',
      item: { sku: demoSku(1234) },
    });
    expect(await findItem(db, demoSku(77))).toMatchObject({ kind: 'item', item: { sku: demoSku(77) } });
    // A weight label `28 IIIII WWWWW C` names its product by the in-store item code.
    const label = `280030101250${gs1CheckDigit('280030101250')}`;
    expect(await findItem(db, label, layouts)).toMatchObject({
      kind: 'item',
      item: { sku: 'APL-KG', unit: 'kg', unitPrice: 299 },
      weightGrams: 1250,
    });
    const choices = await findItem(db, 'croissant');
    expect(choices.kind).toBe('choices');
    expect(await findItem(db, 'nothing-like-this')).toMatchObject({ kind: 'none' });
  });
});
