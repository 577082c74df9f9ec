import type { CurrencyCode } from './currency';
import { currencyExponent } from './currency';
import type { Money } from './money';

/** How `formatMoney` shows the currency. */
export interface FormatMoneyOptions {
  /** BCP 47 locale of the reader (receipt, screen), e.g. `de-DE`. */
  readonly locale: string;
  /** `symbol` (€), `code` (EUR), `name` or `none` (just the number with the currency's decimals). */
  readonly display?: 'symbol' | 'narrowSymbol' | 'code' | 'name' | 'none';
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats through Intl.NumberFormat from an exact decimal string, so no amount is ever a float on the
 * way; the currency's ISO exponent decides the decimals (not Intl's own table).
 */
export function formatMoney(value: Money, options: FormatMoneyOptions): string {
  const display = options.display ?? 'symbol';
  const key = `${options.locale}|${value.currency}|${display}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = currencyExponent(value.currency);
    formatter = new Intl.NumberFormat(options.locale, {
      numberingSystem: 'latn',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      ...(display === 'none'
        ? { style: 'decimal' }
        : { style: 'currency', currency: value.currency, currencyDisplay: display }),
    });
    formatters.set(key, formatter);
  }
  return formatter.format(toDecimalString(value));
}

/** The amount as a plain decimal string with the currency's decimals (`-12.30`), for documents and logs. */
export function toDecimalString(value: Money): `${number}` {
  const exponent = currencyExponent(value.currency);
  const digits = Math.abs(value.amount)
    .toString()
    .padStart(exponent + 1, '0');
  const sign = value.amount < 0 ? '-' : '';
  if (exponent === 0) return `${sign}${digits}` as `${number}`;
  const cut = digits.length - exponent;
  return `${sign}${digits.slice(0, cut)}.${digits.slice(cut)}` as `${number}`;
}

/** The currency's exponent-aware unit: 100 minor units for EUR, 1 for JPY, 1000 for KWD. */
export function minorUnitsPerMajor(currency: CurrencyCode): number {
  return 10 ** currencyExponent(currency);
}
