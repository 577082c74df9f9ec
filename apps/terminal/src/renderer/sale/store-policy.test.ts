import { decodeInStoreBarcode, gs1CheckDigit, matchInStoreLayout } from '@store-os/shared';
import { demoCatalog } from '@store-os/shared/demo';
import { describe, expect, it } from 'vitest';
import { storePolicy } from './store-policy';

describe('store policy: scale labels', () => {
  it("reads a weight label for every loose product of the demo catalog (the scale layout's code length matches)", () => {
    const { inStoreLayouts } = storePolicy('EUR');
    const loose = [...demoCatalog({ products: 400, updatedAt: '2026-12-06T08:00:00.000Z' })].flatMap((doc) =>
      doc.type === 'product' && Array.isArray(doc['variants'])
        ? (doc['variants'] as { inStoreItemCodes?: string[] }[]).flatMap((v) => v.inStoreItemCodes ?? [])
        : [],
    );
    expect(loose.length).toBeGreaterThan(0);
    for (const itemCode of loose) {
      const body = `28${itemCode}01250`;
      const label = `${body}${gs1CheckDigit(body)}`;
      const layout = matchInStoreLayout(label, inStoreLayouts);
      expect(layout?.id, label).toBe('weight');
      if (layout) expect(decodeInStoreBarcode(label, layout)).toMatchObject({ itemCode, weightGrams: 1250 });
    }
  });
});
