import { formatMoney, type Money } from '@store-os/shared';

/** Two lines of a 20-column pole display. */
export type DisplayLines = [string, string];

const COLS = 20;

function row(left: string, right: string): string {
  const room = COLS - right.length - 1;
  const text = left.length > room ? left.slice(0, Math.max(0, room)) : left;
  return `${text}${' '.repeat(Math.max(1, COLS - text.length - right.length))}${right}`.slice(0, COLS);
}

// Pole displays have no € in their code page: the ISO code, with plain spaces, always fits.
const fmt = (m: Money, locale: string) => formatMoney(m, { locale, display: 'code' }).replace(/\s/g, ' ');

/** What the customer sees when a line is added: the item and its price, then the running total. */
export function lineDisplay(name: string, lineTotal: Money, total: Money, locale = 'en-GB'): DisplayLines {
  return [row(name, fmt(lineTotal, locale)), row('Total', fmt(total, locale))];
}

/** What the customer sees when paying: the total and what is still due. */
export function totalDisplay(total: Money, remaining: Money, locale = 'en-GB'): DisplayLines {
  return [row('TOTAL', fmt(total, locale)), row('To pay', fmt(remaining, locale))];
}

/** What the customer sees when the sale is done: what was paid and the change. */
export function changeDisplay(paid: Money, change: Money, locale = 'en-GB'): DisplayLines {
  return [row('Paid', fmt(paid, locale)), row('Change', fmt(change, locale))];
}

/** Between customers. */
export function welcomeDisplay(): DisplayLines {
  return [row('Welcome', ''), row('', '')];
}
