import { describe, expect, it } from 'vitest';
import type { OrderDoc } from '@store-os/shared';
import { exampleOrder } from '@store-os/shared/schemas';
import { purchaseHistory } from './purchase-history';

const sale = exampleOrder as unknown as OrderDoc;

describe('purchaseHistory', () => {
  it("lists the customer's counter and web orders newest first, found by id or loyalty account", () => {
    const web: OrderDoc = {
      ...sale,
      id: 'web-01JD5Z8Q2W3E4R5T6Y7V8X9A0D',
      channel: 'web',
      externalRef: 'WEB-1',
      createdAt: '2026-11-24T09:00:00.000Z',
      customer: { customerId: 'other-id', loyaltyAccountId: 'L77' },
    };
    const stranger: OrderDoc = {
      ...sale,
      id: 's-01JD5Z8Q2W3E4R5T6Y7V8X9A0E',
      customer: { customerId: 'customer:c-1' },
    };
    const rows = purchaseHistory({ id: 'customer:c-77', loyaltyAccountId: 'L77' }, [sale, web, stranger]);
    expect(rows.map((r) => [r.reference, r.channel])).toEqual([
      ['WEB-1', 'web'],
      [sale.id.slice(-8), 'store'],
    ]);
    expect(rows[1]?.items).toBe('2 × Coffee 250 g, 1 × Apples');
  });
});
