import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentExamples } from '@store-os/shared/schemas';
import type { TestServer } from '../testing/test-server';
import { api, apiKey, startApiServer } from './api-test-kit';

const product = (productId: string, name = `Product ${productId}`) => ({
  ...structuredClone(documentExamples.product),
  id: `product:${productId}`,
  productId,
  name,
  variants: [{ sku: `${productId}-1`, attributes: {}, barcodes: [] }],
});

describe('catalog in', () => {
  let t: TestServer;
  let key: string;
  beforeAll(async () => {
    t = await startApiServer({ maxBodyBytes: 64 * 1024 });
    key = await apiKey(t, ['catalog:write'], 'pim');
  });
  afterAll(async () => {
    await t.close();
  });

  it('upserts a batch: creates, then updates on top of the current revision', async () => {
    const first = await api<{ written: number; docs: { id: string; rev: string; created: boolean }[] }>(
      t,
      key,
      'POST',
      '/_api/catalog',
      { docs: [product('p1'), product('p2'), documentExamples.price] },
      'cat-1',
    );
    expect(first.status).toBe(200);
    expect(first.body.written).toBe(3);
    expect(first.body.docs.map((d) => [d.id, d.created])).toEqual([
      ['product:p1', true],
      ['product:p2', true],
      [documentExamples.price.id, true],
    ]);
    const second = await api<{ docs: { id: string; rev: string; created: boolean }[] }>(
      t,
      key,
      'POST',
      '/_api/catalog',
      { docs: [product('p1', 'Renamed')] },
      'cat-2',
    );
    expect(second.body.docs[0]).toMatchObject({ id: 'product:p1', created: false });
    expect(second.body.docs[0]?.rev.startsWith('2-')).toBe(true);
    const stored = await t.json<{ name: string }>('/catalog/product:p1');
    expect(stored.body.name).toBe('Renamed');
  });

  it('rejects a batch with one bad document whole and names it', async () => {
    const before = (await t.json<{ doc_count: number }>('/catalog')).body.doc_count;
    // Schema-valid but breaking a rule the schema cannot express: its id does not match its key.
    const wrongId = { ...product('p4'), id: 'product:other' };
    const res = await api<{ status: number; detail: string; errors: { pointer: string; detail: string }[] }>(
      t,
      key,
      'POST',
      '/_api/catalog',
      { docs: [product('p3'), wrongId, product('p5')] },
      'cat-3',
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/docs/1' })]);
    expect(res.body.errors[0]?.detail).toContain('product:p4');
    expect(res.body.detail).toContain('none was written');
    const after = (await t.json<{ doc_count: number }>('/catalog')).body.doc_count;
    expect(after).toBe(before);
    expect((await t.json('/catalog/product:p3')).status).toBe(404);

    const schemaBad = await api<{ errors: { pointer: string }[] }>(
      t,
      key,
      'POST',
      '/_api/catalog',
      { docs: [product('p6'), { ...product('p7'), variants: 'none' }] },
      'cat-4',
    );
    expect(schemaBad.status).toBe(422);
    expect(schemaBad.body.errors.map((e) => e.pointer)).toContain('/docs/1/variants');
    expect((await t.json('/catalog/product:p6')).status).toBe(404);

    const notCatalog = await api<{ errors: { pointer: string }[] }>(
      t,
      key,
      'POST',
      '/_api/catalog',
      { docs: [documentExamples.movement] },
      'cat-5',
    );
    expect(notCatalog.status).toBe(422);
  });

  it('honours the body size limit with a 413 problem and writes nothing', async () => {
    const many = Array.from({ length: 400 }, (_, i) => product(`big${i}`));
    const res = await api<{ type: string; status: number }>(
      t,
      key,
      'POST',
      '/_api/catalog',
      { docs: many },
      'cat-6',
    );
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ type: '/_api/problems/payload-too-large', status: 413 });
    expect((await t.json('/catalog/product:big0')).status).toBe(404);
  });
});
