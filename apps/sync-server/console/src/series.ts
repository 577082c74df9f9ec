// Time series from the API list only periods with sales; a chart over time must show the quiet ones
// too, or a closed afternoon looks like a busy one next to it.

/** A value per period key (`"2026-11-23"` or `"14"`). */
export interface Point {
  readonly label: string;
  readonly value: number;
}

const nextDay = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const nextHour = (hour: string): string => String(Number(hour) + 1).padStart(2, '0');

const KEY = { day: /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, hour: /^([01][0-9]|2[0-3])$/ } as const;

/**
 * Every period from the first to the last one present, zero where nothing was sold. Days are
 * `YYYY-MM-DD` (calendar order), hours `00`…`23`, at most `limit` points; keys of another shape
 * leave the points as they came.
 */
export function fillGaps(points: readonly Point[], kind: 'day' | 'hour', limit = 400): Point[] {
  if (points.length === 0) return [];
  if (!points.every((p) => KEY[kind].test(p.label))) return [...points];
  const byKey = new Map(points.map((p) => [p.label, p.value]));
  const keys = [...byKey.keys()].sort();
  const first = keys[0] ?? '';
  const last = keys[keys.length - 1] ?? '';
  const next = kind === 'day' ? nextDay : nextHour;
  const out: Point[] = [];
  for (let key = first; out.length < limit; key = next(key)) {
    out.push({ label: key, value: byKey.get(key) ?? 0 });
    if (key >= last) break;
  }
  return out;
}
