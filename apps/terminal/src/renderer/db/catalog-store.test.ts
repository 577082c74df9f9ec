import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore, isBulkCatalogId, type CatalogDocument } from './catalog-store';

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
