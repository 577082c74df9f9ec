import { describe, expect, it } from 'vitest';
import { hasValidCheckDigit } from '../catalog';
import { validateDocument } from '../schemas';
import { demoBarcode, demoCatalog } from '.';

const updatedAt = '2026-11-23T08:00:00.000Z';

describe('demo catalog', () => {
  it('yields only documents the server would accept', () => {
    const docs = [...demoCatalog({ products: 200, updatedAt })];
    const rejected = docs
      .map((doc) => ({ id: doc.id, result: validateDocument({ ...doc, _id: doc.id }) }))
      .filter((r) => !r.result.ok);
    expect(rejected).toEqual([]);
    expect(docs.filter((d) => d.type === 'product')).toHaveLength(200);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
  });

  it('is deterministic for a seed', () => {
    const a = JSON.stringify([...demoCatalog({ products: 50, seed: 7, updatedAt })]);
    const b = JSON.stringify([...demoCatalog({ products: 50, seed: 7, updatedAt })]);
    const c = JSON.stringify([...demoCatalog({ products: 50, seed: 8, updatedAt })]);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('gives unique barcodes with valid check digits', () => {
    const codes = Array.from({ length: 1000 }, (_, i) => demoBarcode(i * 997));
    expect(codes.every(hasValidCheckDigit)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('refuses an impossible size with a clear error', () => {
    expect(() => [...demoCatalog({ products: -1, updatedAt })]).toThrow(/between 0 and 999,999/);
  });
});
