import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../sale/sale-operations';
import { openSaleOf } from './open-sale';

describe('openSaleOf', () => {
  it('keeps one open sale per terminal across screen switches', () => {
    const terminal = {};
    const draft = emptyDraft({ id: 'c1', storeId: 's001', currency: 'EUR' });
    openSaleOf(terminal).draft = draft;
    openSaleOf(terminal).paying = true;
    expect(openSaleOf(terminal)).toEqual({ draft, paying: true });
    expect(openSaleOf({})).toEqual({});
  });
});
