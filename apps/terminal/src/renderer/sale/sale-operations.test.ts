import {
  calculateCartTotals,
  fixedClock,
  indexPromotions,
  isDomainError,
  type CartItem,
} from '@store-os/shared';
import { describe, expect, it } from 'vitest';
import {
  addGiftCardLoad,
  addToDraft,
  attachCustomer,
  discountDraftLine,
  emptyDraft,
  overrideDraftPrice,
  removeFromDraft,
  setDraftQuantity,
} from './sale-operations';

const coffee: CartItem = {
  sku: 'COF-250',
  name: 'Coffee',
  groupIds: [],
  taxCategoryId: 'standard',
  unit: 'each',
  unitPrice: 499,
  priceSource: { kind: 'price-list', priceListId: 'base' },
};
const apples: CartItem = { ...coffee, sku: 'APL-KG', name: 'Apples', unit: 'kg', unitPrice: 299 };
const approval = { managerId: 'm-1', managerName: 'Mia', reason: 'why', at: '2026-11-23T15:00:00.000Z' };
let n = 0;
const newLineId = () => `l${(n += 1)}`;
const start = () => emptyDraft({ id: 'cart', storeId: 's001', currency: 'EUR' });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? error.code : String(error);
  }
  return undefined;
}

describe('sale operations', () => {
  it('adds counted items (merging repeat scans) and weighed items only with a weight', () => {
    let d = addToDraft(start(), { item: coffee, newLineId });
    d = addToDraft(d, { item: coffee, newLineId, quantity: 2 });
    expect(d.cart.lines.map((l) => l.quantity)).toEqual([3]);
    expect(codeOf(() => addToDraft(d, { item: apples, newLineId }))).toBe('sale.needs-weight');
    d = addToDraft(d, { item: apples, newLineId, grams: 1250 });
    expect(d.cart.lines[1]).toMatchObject({ sku: 'APL-KG', quantity: 1250 });
    d = setDraftQuantity(d, d.cart.lines[1]?.lineId ?? '', 900);
    expect(d.cart.lines[1]?.quantity).toBe(900);
  });

  it('records the manager on a price override and replaces an earlier approval of the same line', () => {
    let d = addToDraft(start(), { item: coffee, newLineId });
    const lineId = d.cart.lines[0]?.lineId ?? '';
    d = overrideDraftPrice(d, { lineId, unitPrice: 450, reasonCode: 'price-match', approval });
    d = overrideDraftPrice(d, { lineId, unitPrice: 399, reasonCode: 'damaged', approval });
    expect(d.cart.lines[0]?.priceOverride).toEqual({
      unitPrice: 399,
      reasonCode: 'damaged',
      approvedBy: 'm-1',
    });
    expect(d.approvals).toEqual([
      expect.objectContaining({
        kind: 'price-override',
        managerId: 'm-1',
        details: expect.objectContaining({ oldUnitPrice: 450, newUnitPrice: 399 }) as unknown,
      }),
    ]);
    expect(codeOf(() => overrideDraftPrice(d, { lineId, unitPrice: -1, reasonCode: 'x', approval }))).toBe(
      'cart.bad-price',
    );
  });

  it('discounts a line with the approver on the discount, and drops approvals of a removed line', () => {
    let d = addToDraft(start(), { item: coffee, newLineId });
    const lineId = d.cart.lines[0]?.lineId ?? '';
    d = discountDraftLine(d, {
      lineId,
      discount: { type: 'percent', percent: '20', reasonCode: 'damaged' },
      approval,
    });
    const totals = calculateCartTotals({
      cart: d.cart,
      promotions: indexPromotions([]),
      taxTable: { rates: [], rules: [{ taxCategoryId: 'standard', rateIds: [] }] },
      regime: { pricesIncludeTax: true, rounding: 'line', mode: 'half-up' },
      timeZone: 'UTC',
      clock: fixedClock(0),
    });
    expect(totals.total.amount).toBe(399);
    expect(totals.manualDiscounts[0]?.approvedBy).toBe('m-1');
    d = removeFromDraft(d, lineId);
    expect(d.approvals).toEqual([]);
  });

  it('sells a gift card as its own line, once per card, and attaches a customer with their loyalty account', () => {
    let d = addGiftCardLoad(start(), {
      load: { accountId: 'GC9', entryKind: 'activate' },
      amount: 2500,
      newLineId,
    });
    const lineId = d.cart.lines[0]?.lineId ?? '';
    expect(d.cart.lines[0]).toMatchObject({ sku: 'GIFT-CARD', taxCategoryId: 'gift-card', unitPrice: 2500 });
    expect(d.giftCards[lineId]).toEqual({ accountId: 'GC9', entryKind: 'activate' });
    expect(
      codeOf(() =>
        addGiftCardLoad(d, { load: { accountId: 'GC9', entryKind: 'top-up' }, amount: 100, newLineId }),
      ),
    ).toBe('sale.gift-card-twice');
    expect(codeOf(() => setDraftQuantity(d, lineId, 2))).toBe('sale.gift-card-quantity');
    d = attachCustomer(d, {
      doc: {
        id: 'customer:c-1',
        type: 'customer',
        schemaVersion: 1,
        storeId: 's001',
        loyaltyAccountId: 'L1',
        createdAt: '',
        updatedAt: '',
      },
      displayName: 'Ada',
      cart: { id: 'customer:c-1', segmentIds: [] },
    });
    expect(d).toMatchObject({
      customerName: 'Ada',
      loyaltyAccountId: 'L1',
      cart: { customer: { id: 'customer:c-1' } },
    });
    d = attachCustomer(d, undefined);
    expect(d.customerName).toBeUndefined();
    expect(d.cart.customer).toBeUndefined();
    expect(removeFromDraft(d, lineId).giftCards).toEqual({});
  });
});
