import { describe, expect, it } from 'vitest';
import { readAmount, readCount } from './money-input';

describe('readAmount', () => {
  it('parses straight to minor units', () => {
    expect(readAmount('150.00', 'EUR')).toEqual({ ok: true, money: { amount: 15000, currency: 'EUR' } });
    expect(readAmount('0', 'EUR', { allowZero: true })).toMatchObject({ ok: true });
  });
  it('refuses zero, negative and garbage with a message', () => {
    expect(readAmount('0', 'EUR')).toMatchObject({ ok: false, message: /above zero/ });
    expect(readAmount('-5', 'EUR')).toMatchObject({ ok: false });
    expect(readAmount('abc', 'EUR')).toMatchObject({ ok: false });
  });
});

describe('readCount', () => {
  it('reads whole counts, empty as zero, and refuses the rest', () => {
    expect(readCount('')).toBe(0);
    expect(readCount(' 12 ')).toBe(12);
    expect(readCount('1.5')).toBeUndefined();
    expect(readCount('-1')).toBeUndefined();
  });
});
