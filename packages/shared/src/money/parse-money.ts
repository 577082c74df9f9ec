import { DomainError } from '../errors';
import type { CurrencyCode } from './currency';
import { currencyExponent } from './currency';
import type { Money } from './money';

/** How `parseMoney` tells the decimal separator from digit grouping. */
export interface ParseMoneyOptions {
  /** The decimal separator, when the caller knows it (a keypad that only ever types ","). */
  readonly decimalSeparator?: '.' | ',';
  /** A BCP 47 locale whose separators to use (`de-DE`: "1.234,50"); ignored when `decimalSeparator` is set. */
  readonly locale?: string;
}

interface Separators {
  readonly decimal: string;
  readonly groups: ReadonlySet<string>;
}

const SPACES = [' ', '\u00a0', '\u202f'];
const GROUP_CANDIDATES = ['.', ',', "'", '\u2019', ...SPACES];
// Currency symbols, codes and spacing around the number; the sign may sit on either side of the symbol.
const SHAPE =
  /^([\p{L}\p{Sc}\s.]*?)([-+]?)([\p{L}\p{Sc}\s.]*?)([0-9](?:[0-9.,'\u2019 \u00a0\u202f]*[0-9])?)([\p{L}\p{Sc}\s.]*)$/u;
const localeSeparators = new Map<string, Separators>();

/**
 * Parses a typed or printed amount straight to integer minor units, never through a float:
 * `parseMoney("1.234,50", "EUR", { locale: "de-DE" })` is `{ amount: 123450, currency: "EUR" }`.
 * Without options the last "." or "," that occurs once is the decimal separator. Currency symbols and
 * codes around the number are ignored; anything else is an error.
 */
export function parseMoney(input: string, currency: CurrencyCode, options: ParseMoneyOptions = {}): Money {
  const exponent = currencyExponent(currency);
  const text = input.replace(/\u2212/g, '-').trim();
  if (text === '') {
    throw new DomainError('money.empty', 'Enter an amount: the field is empty.', { input });
  }
  const shape = SHAPE.exec(text);
  if (!shape) throw unparsable(input, currency);
  // Letters around the number must name this currency ("EUR", "kr"), never be a typo ("12,3x").
  const marks = currencyMarks(currency, options.locale);
  if (![shape[1], shape[3], shape[5]].every((m) => isCurrencyMark(m ?? '', marks))) {
    throw unparsable(input, currency);
  }
  const negative = shape[2] === '-';
  const number = shape[4] ?? '';
  const separators = chooseSeparators(number, options);
  const parts = number.split(separators.decimal);
  if (parts.length > 2) throw unparsable(input, currency);
  const integerDigits = ungroup(parts[0] ?? '', separators.groups);
  const fraction = parts[1];
  if (integerDigits === undefined) throw unparsable(input, currency);
  if (fraction !== undefined && !/^[0-9]+$/.test(fraction)) throw unparsable(input, currency);
  if (fraction !== undefined && fraction.length > exponent) {
    throw new DomainError(
      'money.too-many-decimals',
      `"${input}" has ${fraction.length} decimals but ${currency} has ${exponent}: ` +
        `enter at most ${exponent} digits after the decimal separator` +
        (options.decimalSeparator === undefined && options.locale === undefined
          ? ' (or pass the locale if the separator groups thousands).'
          : '.'),
      { input, currency, decimals: fraction.length, exponent },
    );
  }
  const minor = BigInt(integerDigits + (fraction ?? '').padEnd(exponent, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('money.overflow', `"${input}" is too large an amount.`, { input });
  }
  const amount = Number(minor);
  return { amount: negative && amount !== 0 ? -amount : amount, currency };
}

const marksCache = new Map<string, ReadonlySet<string>>();

/** The ways an amount of this currency may be labelled: its code and its symbols (upper-cased). */
function currencyMarks(currency: CurrencyCode, locale: string | undefined): ReadonlySet<string> {
  const key = `${currency}|${locale ?? ''}`;
  const cached = marksCache.get(key);
  if (cached) return cached;
  const marks = new Set<string>([currency.toUpperCase()]);
  for (const loc of locale === undefined ? ['en'] : ['en', locale]) {
    for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
      const part = new Intl.NumberFormat(loc, { style: 'currency', currency, currencyDisplay })
        .formatToParts(1)
        .find((p) => p.type === 'currency');
      if (part) marks.add(part.value.toUpperCase());
    }
  }
  marksCache.set(key, marks);
  return marks;
}

function isCurrencyMark(text: string, marks: ReadonlySet<string>): boolean {
  const mark = text.replace(/\s+/gu, '').toUpperCase();
  return mark === '' || /^\p{Sc}+$/u.test(mark) || marks.has(mark) || marks.has(mark.replace(/\.$/u, ''));
}

function unparsable(input: string, currency: CurrencyCode): DomainError {
  return new DomainError(
    'money.unparsable',
    `"${input}" is not an amount of ${currency}: use digits with one decimal separator, like 12.30 or 12,30.`,
    { input, currency },
  );
}

function chooseSeparators(number: string, options: ParseMoneyOptions): Separators {
  if (options.decimalSeparator !== undefined) {
    const decimal = options.decimalSeparator;
    return { decimal, groups: new Set(GROUP_CANDIDATES.filter((c) => c !== decimal)) };
  }
  if (options.locale !== undefined) return separatorsOf(options.locale);
  const lastDot = number.lastIndexOf('.');
  const lastComma = number.lastIndexOf(',');
  const last = lastDot > lastComma ? '.' : ',';
  const occurrences = number.split(last).length - 1;
  // "1,234,567" has no decimals: a separator that repeats is grouping.
  const decimal = occurrences === 1 ? last : '\u0000';
  return { decimal, groups: new Set(GROUP_CANDIDATES.filter((c) => c !== decimal)) };
}

function separatorsOf(locale: string): Separators {
  const cached = localeSeparators.get(locale);
  if (cached) return cached;
  const parts = new Intl.NumberFormat(locale, { numberingSystem: 'latn' }).formatToParts(1234567.5);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const groups = new Set(SPACES.includes(group) ? SPACES : [group]);
  const result = { decimal, groups };
  localeSeparators.set(locale, result);
  return result;
}

/** The digits of a grouped integer part, or undefined when the grouping is malformed ("1.2.3"). */
function ungroup(integer: string, groups: ReadonlySet<string>): string | undefined {
  const chunks: string[] = [];
  let current = '';
  for (const ch of integer) {
    if (ch >= '0' && ch <= '9') current += ch;
    else if (groups.has(ch)) {
      chunks.push(current);
      current = '';
    } else return undefined;
  }
  chunks.push(current);
  if (chunks.length === 1) return chunks[0] === '' ? undefined : chunks[0];
  const [first = '', ...rest] = chunks;
  const last = rest[rest.length - 1] ?? '';
  const middle = rest.slice(0, -1);
  const western = first.length >= 1 && first.length <= 3 && rest.every((c) => c.length === 3);
  // Indian grouping: 12,34,567.
  const indian =
    first.length >= 1 && first.length <= 2 && last.length === 3 && middle.every((c) => c.length === 2);
  return western || indian ? chunks.join('') : undefined;
}
