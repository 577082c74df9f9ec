import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import type { OrderDoc } from '../schemas';
import { exampleOrder } from '../schemas';
import { assembleOrder, composeOrder } from './assemble-order';

const sale = exampleOrder as unknown as OrderDoc;
const { type: _t, schemaVersion: _v, kind: _k, taxes: _x, totals: _o, ...input } = sale;

describe('assembleOrder', () => {
  it('computes totals and the per-rate tax summary from the lines', () => {
    const order = assembleOrder(input);
    expect(order.kind).toBe('sale');
    expect(order.totals).toEqual(sale.totals);
    expect(order.taxes).toEqual(sale.taxes);
  });

  it('refuses an order whose tenders do not settle it, with the validation reason', () => {
    try {
      assembleOrder({ ...input, tenders: input.tenders.slice(0, 1) });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'order.tenders-mismatch')).toBe(true);
      expect((error as Error).message).toMatch(/sum to 1000 but \/totals\/total is 1050/);
    }
  });
});

describe('composeOrder (no run-time schema compile, for the renderer)', () => {
  it('builds the same order as assembleOrder', () => {
    expect(composeOrder(input)).toEqual(assembleOrder(input));
  });
  it('still refuses tenders that do not settle the total', () => {
    expect(() => composeOrder({ ...input, tenders: input.tenders.slice(0, 1) })).toThrow(
      /Tenders add up to 1000 but the order total is 1050/,
    );
  });
});
