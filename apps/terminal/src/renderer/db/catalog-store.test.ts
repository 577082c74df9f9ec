import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBulkCatalogId } from './bulk-catalog-ids';
import type { CatalogDocument } from './catalog-batch';
import { groupOf } from './catalog-records';
import { CatalogStore } from './catalog-store';
import { FreshWrites } from './fresh-writes';

const api = { factory: indexedDB, keyRange: IDBKeyRange };
let store: CatalogStore;
let counter = 0;

const product = (n: number, name: string): CatalogDocument => ({
  id: `product:P${n}`,
  type: 'product',
  productId: `P${n}`,
  name,
  variants: [{ sku: `SKU-${n}`, barcodes: [`400${n}`] }],
});

beforeEach(async () => {
  store = await CatalogStore.open(`catalog-store-test-${(counter += 1)}`, api);
});
afterEach(() => store.delete());

describe('CatalogStore', () => {
  it('writes a batch with its checkpoint, reads by id, and deletes what a later batch removes', async () => {
    expect(await store.checkpoint()).toBeUndefined();
    await store.apply({
      put: [product(1, 'Organic Coffee'), product(2, 'Green tea')],
      remove: [],
      checkpoint: { since: 2, docsApplied: 2, firstSyncComplete: false },
    });
    expect(await store.get('product:P1')).toMatchObject({ name: 'Organic Coffee' });
    await store.apply({
      put: [{ ...product(2, 'Green tea'), name: 'Green tea, loose' }],
      remove: ['product:P1'],
      checkpoint: { since: 4, docsApplied: 4, firstSyncComplete: true },
    });
    expect(await store.getMany(['product:P1', 'product:P2', 'product:P3'])).toEqual([
      undefined,
      expect.objectContaining({ name: 'Green tea, loose' }),
      undefined,
    ]);
    expect(await store.checkpoint()).toEqual({ since: 4, docsApplied: 4, firstSyncComplete: true });
    expect(await store.count()).toBe(1);
  });

  it('indexes product name words and SKUs for exact and prefix lookups, and re-indexes an update', async () => {
    await store.apply({
      put: [product(1, 'Organic Coffee'), product(2, 'Coffee filter'), product(3, 'T-shirt')],
      remove: [],
      checkpoint: { since: 3, docsApplied: 3, firstSyncComplete: true },
    });
    expect((await store.byTerm('sku-2', 5)).map((d) => d.id)).toEqual(['product:P2']);
    const coffee = await store.byTermPrefix('cof', 10, () => true, 100);
    expect(coffee.map((d) => d.id).sort()).toEqual(['product:P1', 'product:P2']);
    expect((await store.byTermPrefix('shirt', 10, () => true, 100)).map((d) => d.id)).toEqual(['product:P3']);
    // The filter sees each candidate's terms; the limit stops the walk.
    const organic = await store.byTermPrefix('cof', 10, (terms) => terms.includes('organic'), 100);
    expect(organic.map((d) => d.id)).toEqual(['product:P1']);
    expect(await store.byTermPrefix('cof', 1, () => true, 100)).toHaveLength(1);
    await store.apply({
      put: [product(1, 'Organic Tea')],
      remove: [],
      checkpoint: { since: 4, docsApplied: 4, firstSyncComplete: true },
    });
    expect((await store.byTermPrefix('cof', 10, () => true, 100)).map((d) => d.id)).toEqual(['product:P2']);
  });

  it('puts only products, barcodes and prices in the bulk store', () => {
    expect(['product:P1', 'barcode:400', 'price:base:SKU-1'].every(isBulkCatalogId)).toBe(true);
    expect(['store:s001', 'tax-rate:DE-S', 'promotion:x', 'price-list:base'].some(isBulkCatalogId)).toBe(
      false,
    );
  });
});

describe('CatalogStore groups a SKU’s documents in one record', () => {
  const barcode = (code: string, sku: string): CatalogDocument => ({
    id: `barcode:${code}`,
    type: 'barcode',
    code,
    sku,
    productId: 'P1',
  });
  const price = (sku: string, amount: number): CatalogDocument => ({
    id: `price:base:${sku}`,
    type: 'price',
    sku,
    unitPrice: { amount, currency: 'EUR' },
  });
  const checkpoint = (since: number) => ({ since, docsApplied: since, firstSyncComplete: false });

  it('stores product, barcode and price of a SKU as one record, across batches', async () => {
    await store.apply({
      put: [product(1, 'Organic Coffee'), barcode('4001', 'SKU-1')],
      remove: [],
      checkpoint: checkpoint(2),
    });
    // The price arrives in the next batch: it joins the record the previous batch wrote.
    await store.apply({ put: [price('SKU-1', 499)], remove: [], checkpoint: checkpoint(3) });
    expect(await store.records()).toBe(1);
    expect(await store.count()).toBe(3);
    expect(await store.getMany(['product:P1', 'barcode:4001', 'price:base:SKU-1'])).toEqual([
      expect.objectContaining({ name: 'Organic Coffee' }),
      expect.objectContaining({ sku: 'SKU-1' }),
      expect.objectContaining({ unitPrice: { amount: 499, currency: 'EUR' } }),
    ]);
    expect((await store.byTermPrefix('organ', 5, () => true, 50)).map((d) => d.id)).toEqual(['product:P1']);
  });

  it('writes a fresh run’s new documents in pages without reads; an update moves a document to its SKU’s record', async () => {
    const fresh = new FreshWrites();
    const docs = Array.from({ length: 30 }, (_, i) => [
      i === 7
        ? { ...product(i, `Tea ${i}`), variants: [{ sku: 'SKU-7', inStoreItemCodes: ['2107'] }] }
        : product(i, `Tea ${i}`),
      price(`SKU-${i}`, 100 + i),
    ]).flat();
    await store.apply({ put: docs, remove: ['price:base:SKU-999'], checkpoint: checkpoint(60) }, fresh);
    expect(await store.records()).toBe(3); // 60 documents, 24 per page
    expect(await store.count()).toBe(60);
    expect(await store.get('price:base:SKU-29')).toMatchObject({ unitPrice: { amount: 129 } });
    // Exact SKUs and in-store codes are found as soon as the page is written; name words only once the
    // pages are indexed (after the catch-up).
    expect(await store.searchPending()).toBe(true);
    expect((await store.byTerm('sku-7', 5)).map((d) => d.id)).toEqual(['product:P7']);
    expect((await store.byTerm('#2107', 5)).map((d) => d.id)).toEqual(['product:P7']);
    expect(await store.byTermPrefix('tea', 5, () => true, 50)).toEqual([]);
    expect(await store.indexPages()).toBe(3);
    expect(await store.searchPending()).toBe(false);
    expect(await store.byTermPrefix('sku-7', 5, () => true, 50)).toEqual([
      expect.objectContaining({ id: 'product:P7' }),
    ]);
    expect((await store.byTerm('tea', 50)).length).toBe(30);
    // Seen before in this run: read, taken out of its page, written to its SKU's record.
    await store.apply(
      { put: [price('SKU-7', 777)], remove: ['product:P8'], checkpoint: checkpoint(62) },
      fresh,
    );
    expect(await store.count()).toBe(59);
    expect(await store.get('price:base:SKU-7')).toMatchObject({ unitPrice: { amount: 777 } });
    expect(await store.get('product:P8')).toBeUndefined();
    expect(await store.records()).toBe(4);
  });

  it('moves a document whose SKU changed, and drops a record whose last document is deleted', async () => {
    await store.apply({
      put: [product(1, 'Coffee'), barcode('4001', 'SKU-1')],
      remove: [],
      checkpoint: checkpoint(2),
    });
    // The barcode now names another SKU: it leaves SKU-1's record for SKU-2's.
    await store.apply({ put: [barcode('4001', 'SKU-2')], remove: [], checkpoint: checkpoint(3) });
    expect(await store.records()).toBe(2);
    expect(await store.count()).toBe(2);
    expect(await store.get('barcode:4001')).toMatchObject({ sku: 'SKU-2' });
    await store.apply({ put: [], remove: ['barcode:4001', 'product:P1'], checkpoint: checkpoint(5) });
    expect(await store.records()).toBe(0);
    expect(await store.get('barcode:4001')).toBeUndefined();
    expect(await store.byTermPrefix('cof', 5, () => true, 50)).toEqual([]);
  });

  it('puts a document without a SKU in a record of its own', () => {
    expect(groupOf({ id: 'product:P9', type: 'product', variants: [] })).toBe('doc:product:P9');
    expect(groupOf(product(3, 'x'))).toBe('sku:SKU-3');
    expect(groupOf(price('SKU-3', 1))).toBe('sku:SKU-3');
  });
});

describe('CatalogStore.apply after a given checkpoint', () => {
  it('applies a batch only on top of the checkpoint it was prepared after, so a failed predecessor loses nothing', async () => {
    await store.apply({
      put: [product(1, 'Coffee')],
      remove: [],
      checkpoint: { since: 5, docsApplied: 1, firstSyncComplete: false },
    });
    // Prepared after checkpoint 7, which never committed: refused whole, checkpoint unchanged.
    await expect(
      store.apply(
        {
          put: [product(2, 'Tea')],
          remove: ['product:P1'],
          checkpoint: { since: 9, docsApplied: 3, firstSyncComplete: false },
        },
        undefined,
        7,
      ),
    ).rejects.toThrow();
    expect(await store.checkpoint()).toMatchObject({ since: 5 });
    expect(await store.getMany(['product:P1', 'product:P2'])).toEqual([
      expect.objectContaining({ name: 'Coffee' }),
      undefined,
    ]);
    await store.apply(
      {
        put: [product(2, 'Tea')],
        remove: [],
        checkpoint: { since: 9, docsApplied: 2, firstSyncComplete: false },
      },
      undefined,
      5,
    );
    expect(await store.get('product:P2')).toMatchObject({ name: 'Tea' });
  });
});
