// Query parameters of the HQ API, checked with messages that say what to send instead.
import type { Ctx } from '../http/context';
import { badRequest } from '../http/couch-error';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An inclusive range of business dates. */
export interface DateRange {
  from: string;
  to: string;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `from`/`to` (inclusive, YYYY-MM-DD); by default the 30 days up to `now`. */
export function dateRange(ctx: Pick<Ctx, 'url'>, now = Date.now()): DateRange {
  const get = (name: string) => {
    const v = ctx.url.searchParams.get(name);
    if (v === null || v === '') return undefined;
    if (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
      throw badRequest(`Query parameter ${name} must be a date YYYY-MM-DD (got "${v}").`);
    return v;
  };
  const to = get('to') ?? isoDay(now);
  const from = get('from') ?? isoDay(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000);
  if (from > to) throw badRequest(`from (${from}) is after to (${to}); swap them.`);
  return { from, to };
}

/** Days in an inclusive range. */
export function daysIn(range: DateRange): number {
  return (
    Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** A query parameter that must be one of `allowed`. */
export function oneOf<T extends string>(
  ctx: Pick<Ctx, 'url'>,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = ctx.url.searchParams.get(name);
  if (v === null || v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v))
    throw badRequest(`Query parameter ${name} must be one of ${allowed.join(', ')} (got "${v}").`);
  return v as T;
}

/** A bounded non-negative integer query parameter. */
export function intQuery(ctx: Pick<Ctx, 'url'>, name: string, fallback: number, max: number): number {
  const v = ctx.url.searchParams.get(name);
  if (v === null || v === '') return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0 || n > max)
    throw badRequest(`Query parameter ${name} must be an integer from 0 to ${max} (got "${v}").`);
  return n;
}

/** A ratio as a 4-place decimal string, computed in integers (no float reaches the answer's digits). */
export function ratio(numerator: number, denominator: number): string {
  if (denominator === 0) return '0.0000';
  const n = BigInt(Math.round(numerator));
  const d = BigInt(Math.round(denominator));
  const neg = n < 0n !== d < 0n && n !== 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const scaled = (a * 20000n + b) / (2n * b);
  const s = scaled.toString().padStart(5, '0');
  return `${neg ? '-' : ''}${s.slice(0, -4)}.${s.slice(-4)}`;
}
