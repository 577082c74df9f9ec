import { formatMoney, type Money } from '@store-os/shared/money';

const LOCALE = navigator.language || 'en-GB';

/** Money as the reader expects it; amounts are integer minor units all the way here. */
export function money(value: Money | { amount: number; currency: string }): string {
  return formatMoney({ amount: value.amount, currency: value.currency }, { locale: LOCALE });
}

/** A count with grouping. */
export function count(n: number): string {
  return new Intl.NumberFormat(LOCALE).format(n);
}

/** A date-time in the reader's zone, minutes precision. */
export function dateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A ratio given as a fraction 0..1 (or a decimal string) as a percentage with one decimal. */
export function percent(value: number | string | undefined): string {
  if (value === undefined) return '—';
  const n = typeof value === 'string' ? Number(value) : value;
  return Number.isFinite(n) ? `${(n * 100).toFixed(1)} %` : String(value);
}
