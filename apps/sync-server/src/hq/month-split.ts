// Splits a day range into whole months (read from the month tables) and the edge days of partial
// months (read from the day or hour tables), so a year is ~12 rows per store instead of 365.
import type { DateRange } from './query-params';

/** Whole months `[from, to]` (YYYY-MM, inclusive) and day ranges outside them. */
export interface MonthSplit {
  months: [string, string] | undefined;
  days: [string, string][];
}

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
};

export function splitByMonth(range: DateRange): MonthSplit {
  const fromMonth = range.from.slice(0, 7);
  const toMonth = range.to.slice(0, 7);
  const firstFull = range.from === `${fromMonth}-01` ? fromMonth : shiftMonth(fromMonth, 1);
  const lastFull = range.to === lastDayOf(toMonth) ? toMonth : shiftMonth(toMonth, -1);
  if (firstFull > lastFull) return { months: undefined, days: [[range.from, range.to]] };
  const days: [string, string][] = [];
  if (range.from < `${firstFull}-01`) days.push([range.from, lastDayOf(fromMonth)]);
  if (range.to > lastDayOf(lastFull)) days.push([`${toMonth}-01`, range.to]);
  return { months: [firstFull, lastFull], days };
}

/**
 * A `UNION ALL` of the month table over whole months and the day table over edge days, each with the
 * given columns and condition; `period` is the month or day column's name in the day table.
 */
export function monthUnion(
  split: MonthSplit,
  tables: { month: string; day: string },
  columns: string,
  where: { sql: string; args: readonly (string | number)[] },
): { sql: string; args: (string | number)[] } {
  const parts: string[] = [];
  const args: (string | number)[] = [];
  if (split.months) {
    parts.push(`SELECT ${columns} FROM ${tables.month} WHERE month BETWEEN ? AND ? AND ${where.sql}`);
    args.push(...split.months, ...where.args);
  }
  if (split.days.length > 0) {
    const days = split.days.map(() => 'day BETWEEN ? AND ?').join(' OR ');
    parts.push(`SELECT ${columns} FROM ${tables.day} WHERE (${days}) AND ${where.sql}`);
    args.push(...split.days.flat(), ...where.args);
  }
  return { sql: parts.join(' UNION ALL '), args };
}
