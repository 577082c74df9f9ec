import { describe, expect, it } from 'vitest';
import { findCardNumber, passesLuhn } from './card-number';

describe('card number scan', () => {
  it('knows the Luhn check', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });

  it('finds a card number however it is written, and says where', () => {
    expect(findCardNumber({ note: 'pan 4111111111111111' })).toBe('/note');
    expect(findCardNumber({ a: [{ b: 'card 4111-1111-1111-1111 exp' }] })).toBe('/a/0/b');
    expect(findCardNumber('4111 1111 1111 1111 12 28')).toBe('/');
    expect(findCardNumber('ref 99 4111111111111111')).toBe('/');
  });

  it('leaves masked numbers, amounts and short references alone', () => {
    expect(
      findCardNumber({ maskedPan: '411111******1111', authCode: '123456', amount: 4111111111111111 }),
    ).toBeUndefined();
    expect(findCardNumber('order 12345 at 2026-11-23')).toBeUndefined();
  });
});
