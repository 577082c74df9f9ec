import { exampleOrder, type OrderDoc } from '@store-os/shared';
import { describe, expect, it } from 'vitest';
import { printable, receiptBlocks, receiptRow } from './receipt-blocks';

const order = exampleOrder as unknown as OrderDoc;
const texts = (blocks: ReturnType<typeof receiptBlocks>) =>
  blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe('receiptBlocks', () => {
  it('explains every discount under its line and lists each tender, then the order barcode and a cut', () => {
    const blocks = receiptBlocks(order, { customerName: 'Ada', loyalty: { earned: 19, redeemed: 0 } });
    const lines = texts(blocks);
    const promotion = order.lines.flatMap((l) => l.discounts)[0];
    expect(promotion).toBeDefined();
    expect(lines.some((t) => t.includes(printable(promotion?.name ?? '?')))).toBe(true);
    expect(lines.some((t) => t.startsWith('TOTAL'))).toBe(true);
    expect(lines.some((t) => t.startsWith('Card '))).toBe(order.tenders.some((t) => t.type === 'card'));
    expect(lines).toContain('Customer: Ada');
    expect(lines).toContain('Points earned 19, redeemed 0');
    expect(blocks.slice(-2).map((b) => b.kind)).toEqual(['barcode', 'cut']);
    expect(lines.some((t) => t.includes('REPRINT'))).toBe(false);
  });

  it('marks a reprint as a copy', () => {
    expect(texts(receiptBlocks(order, { reprint: true }))).toContain('*** REPRINT - COPY ***');
  });

  it('prints typography the code pages lack in plain characters', () => {
    expect(printable('Tea −10 % – “best” …')).toBe('Tea -10 % - "best" ...');
  });

  it('fits a row to the paper width, shortening the text, never the amount', () => {
    expect(receiptRow('Coffee', '4.99', 20)).toBe('Coffee          4.99');
    const long = receiptRow('A very long product name indeed', '€1,234.56', 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('€1,234.56')).toBe(true);
  });

  it('prints the whole store-credit or gift-card number, with its barcode, when a refund puts money on it', () => {
    const refund = {
      ...order,
      tenders: [
        {
          tenderId: 'r1',
          type: 'store-credit',
          accountId: 'SC-01JD5Z8Q2W',
          amount: { amount: -1250, currency: 'EUR' },
        },
        {
          tenderId: 'r2',
          type: 'gift-card',
          accountId: 'GC-77700123',
          amount: { amount: 500, currency: 'EUR' },
        },
      ],
    } as unknown as OrderDoc;
    const blocks = receiptBlocks(refund);
    const lines = texts(blocks);
    expect(lines.some((t) => t.startsWith('Store credit SC-01JD5Z8Q2W'))).toBe(true);
    expect(blocks).toContainEqual({ kind: 'barcode', symbology: 'code128', data: 'SC-01JD5Z8Q2W' });
    // Spending a card prints only its last digits.
    expect(lines.some((t) => t.startsWith(printable('Gift card …0123')))).toBe(true);
    expect(lines.some((t) => t.includes('GC-77700123'))).toBe(false);
  });
});
