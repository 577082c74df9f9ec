import { gs1CheckDigit, priceCheckDigit } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalDatabase } from '../db/terminal-database';
import { openCheckoutDatabase } from '../sale/counter-fixture';
import { storePolicy } from '../sale/store-policy';
import { findItem } from './find-item';
import { loadPricingContext } from './pricing-context';

const layouts = storePolicy('EUR').inStoreLayouts;
const withCheck = (body12: string) => `${body12}${gs1CheckDigit(body12)}`;
let db: TerminalDatabase;
beforeEach(async () => {
  db = await openCheckoutDatabase();
});
afterEach(() => db.remove());

describe('findItem', () => {
  it('finds by barcode and SKU at the list price', async () => {
    expect(await findItem(db, '4006381333931', layouts)).toMatchObject({
      kind: 'item',
      item: { sku: 'COF-250', unitPrice: 499, priceSource: { kind: 'price-list' } },
    });
    expect(await findItem(db, 'TEA-100', layouts)).toMatchObject({
      kind: 'item',
      item: { name: 'Tea 100 g' },
    });
  });

  it('reads a price-embedded label: the label price, not the list price', async () => {
    const code = withCheck(`2100402${priceCheckDigit('0745')}0745`);
    expect(await findItem(db, code, layouts)).toMatchObject({
      kind: 'item',
      item: { sku: 'CHS-PC', unitPrice: 745, priceSource: { kind: 'barcode', barcode: code } },
    });
  });

  it('reads a weight-embedded label: list price per kg and the label weight', async () => {
    const found = await findItem(db, withCheck('280030101250'), layouts);
    expect(found).toMatchObject({
      kind: 'item',
      item: { sku: 'APL-KG', unit: 'kg', unitPrice: 299 },
      weightGrams: 1250,
    });
  });

  it('offers a choice list for a name that matches several items, and says when nothing matches', async () => {
    const found = await findItem(db, ' 0 g', layouts);
    expect(found.kind).toBe('choices');
    if (found.kind === 'choices')
      expect(found.items.map((i) => i.sku).sort()).toEqual(['COF-250', 'TEA-100']);
    expect(await findItem(db, 'caviar', layouts)).toMatchObject({
      kind: 'none',
      message: expect.stringContaining('caviar') as unknown,
    });
    expect(await findItem(db, withCheck('210099900000'), layouts)).toMatchObject({ kind: 'none' });
  });

  it('loads the catalog promotions and an exempt rule for gift-card lines into the pricing context', async () => {
    const pricing = await loadPricingContext(db, 's001');
    expect(pricing.taxTable.rules).toContainEqual({ taxCategoryId: 'gift-card', rateIds: [] });
    expect([...pricing.promotions.bySku.keys()]).toContain('TEA-100');
  });
});
