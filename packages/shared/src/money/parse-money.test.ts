import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { formatMoney, parseMoney, toDecimalString } from '.';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? error.code : 'not-a-domain-error';
  }
  return undefined;
}

describe('parseMoney', () => {
  it('parses both decimal separators straight to minor units', () => {
    expect(parseMoney('12.30', 'EUR').amount).toBe(1230);
    expect(parseMoney('12,30', 'EUR').amount).toBe(1230);
    expect(parseMoney('12,3', 'EUR').amount).toBe(1230);
    expect(parseMoney('1.234,50', 'EUR').amount).toBe(123450);
    expect(parseMoney('1,234.50', 'USD').amount).toBe(123450);
    expect(parseMoney('1,234,567', 'USD').amount).toBe(123456700);
    expect(parseMoney('-0.05', 'CHF').amount).toBe(-5);
    expect(parseMoney('  7 ', 'EUR').amount).toBe(700);
  });

  it('uses an explicit separator or a locale when given', () => {
    expect(parseMoney('1.234', 'EUR', { decimalSeparator: ',' }).amount).toBe(123400);
    expect(parseMoney('1.234,5', 'EUR', { locale: 'de-DE' }).amount).toBe(123450);
    expect(parseMoney("1'234.50", 'CHF', { locale: 'de-CH' }).amount).toBe(123450);
    expect(parseMoney('1 234,50', 'EUR', { locale: 'fr-FR' }).amount).toBe(123450);
    expect(parseMoney('12,34,567.50', 'INR', { locale: 'en-IN' }).amount).toBe(1234567_50);
  });

  it('respects exponents 0, 2 and 3', () => {
    expect(parseMoney('1,234', 'JPY', { decimalSeparator: '.' }).amount).toBe(1234);
    expect(parseMoney('1.234', 'KWD').amount).toBe(1234);
    expect(parseMoney('12.5', 'KWD').amount).toBe(12500);
    expect(codeOf(() => parseMoney('12.5', 'JPY'))).toBe('money.too-many-decimals');
  });

  it('ignores currency symbols and codes around the number', () => {
    expect(parseMoney('€ 12,30', 'EUR').amount).toBe(1230);
    expect(parseMoney('12,30 €', 'EUR').amount).toBe(1230);
    expect(parseMoney('-$12.30', 'USD').amount).toBe(-1230);
    expect(parseMoney('CHF-1.05', 'CHF').amount).toBe(-105);
    expect(parseMoney('12,30 eur', 'EUR').amount).toBe(1230);
    expect(parseMoney('12,50 kr', 'SEK', { locale: 'sv-SE' }).amount).toBe(1250);
  });

  it('refuses letters that are not this currency, so a typo never becomes an amount', () => {
    for (const bad of ['12,3x', 'x12', '12,30 USD', 'abc 5', '5 EURO']) {
      expect(
        codeOf(() => parseMoney(bad, 'EUR')),
        bad,
      ).toBe('money.unparsable');
    }
  });

  it('rejects empty, garbage and too many decimals with typed, actionable errors', () => {
    expect(codeOf(() => parseMoney('', 'EUR'))).toBe('money.empty');
    expect(codeOf(() => parseMoney('   ', 'EUR'))).toBe('money.empty');
    for (const bad of ['abc', '12..30', '1.2.3,4', '12a30', '--5', '12.', '.5', '1e3', '12,30,', '0x10']) {
      expect(
        codeOf(() => parseMoney(bad, 'EUR')),
        bad,
      ).toBe('money.unparsable');
    }
    try {
      parseMoney('12.345', 'EUR');
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'money.too-many-decimals')).toBe(true);
      expect((error as Error).message).toContain('at most 2 digits');
    }
  });

  it('never goes through a float: 0.1 + 0.2 style amounts stay exact', () => {
    expect(parseMoney('0.29', 'EUR').amount).toBe(29);
    expect(parseMoney('1.15', 'EUR').amount).toBe(115);
    expect(parseMoney('90071992547409.91', 'EUR').amount).toBe(9007199254740991);
    expect(codeOf(() => parseMoney('90071992547409.92', 'EUR'))).toBe('money.overflow');
  });
});

describe('formatMoney', () => {
  it('formats with Intl and the ISO exponent', () => {
    expect(formatMoney({ amount: 123450, currency: 'EUR' }, { locale: 'de-DE' })).toBe('1.234,50\u00a0€');
    expect(formatMoney({ amount: -1230, currency: 'USD' }, { locale: 'en-US' })).toBe('-$12.30');
    expect(formatMoney({ amount: 1234, currency: 'KWD' }, { locale: 'en-US', display: 'code' })).toBe(
      'KWD\u00a01.234',
    );
    expect(formatMoney({ amount: 500, currency: 'JPY' }, { locale: 'ja-JP', display: 'none' })).toBe('500');
    expect(toDecimalString({ amount: -5, currency: 'EUR' })).toBe('-0.05');
    expect(toDecimalString({ amount: 7, currency: 'JPY' })).toBe('7');
  });

  it('round-trips parse(format(x)) for every locale and currency exponent', () => {
    const locales = [
      'en-US',
      'de-DE',
      'fr-FR',
      'de-CH',
      'sv-SE',
      'ja-JP',
      'en-IN',
      'nl-NL',
      'es-ES',
      'pt-BR',
    ];
    const currencies = ['EUR', 'USD', 'JPY', 'KWD', 'CHF', 'SEK'];
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.constantFrom(...locales),
        fc.constantFrom(...currencies),
        fc.constantFrom('symbol' as const, 'code' as const, 'none' as const),
        (amount, locale, currency, display) => {
          const text = formatMoney({ amount, currency }, { locale, display });
          expect(parseMoney(text, currency, { locale }).amount).toBe(amount);
        },
      ),
      { numRuns: 500 },
    );
  });
});
