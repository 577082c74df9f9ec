import { DomainError } from '../errors';
import type { PromotionWindow } from './promotion';

/** A store's wall-clock reading of an instant. */
export interface LocalTime {
  /** `YYYY-MM-DDTHH:mm`, comparable as a string. */
  readonly dateTime: string;
  /** `HH:mm`. */
  readonly time: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  readonly dayOfWeek: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const lastReading = new Map<string, { minute: number; value: LocalTime }>();
const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall-clock time in an IANA zone at `epochMs`, through Intl (DST handled by the platform's tz data). */
export function localTime(epochMs: number, timeZone: string): LocalTime {
  // Every recompute asks for "now"; the answer only changes once a minute (zone offsets are whole minutes).
  const minute = Math.floor(epochMs / 60_000);
  const last = lastReading.get(timeZone);
  if (last?.minute === minute) return last.value;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
      });
    } catch {
      throw new DomainError(
        'time-zone.unknown',
        `Unknown time zone "${timeZone}": configure the store with an IANA zone such as Europe/Berlin.`,
        { timeZone },
      );
    }
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(epochMs)) parts[part.type] = part.value;
  const time = `${parts.hour ?? '00'}:${parts.minute ?? '00'}`;
  const value: LocalTime = {
    dateTime: `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''}T${time}`,
    time,
    dayOfWeek: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
  lastReading.set(timeZone, { minute, value });
  return value;
}

/** True when the local time falls inside the window (every present condition holds). */
export function isWithinWindow(window: PromotionWindow | undefined, local: LocalTime): boolean {
  if (!window) return true;
  if (window.startsAt !== undefined && local.dateTime < window.startsAt) return false;
  if (window.endsAt !== undefined && local.dateTime >= window.endsAt) return false;
  if (window.daysOfWeek !== undefined && !window.daysOfWeek.includes(local.dayOfWeek)) return false;
  const from = window.dailyFrom ?? '00:00';
  const to = window.dailyTo ?? '24:00';
  // A range that crosses midnight (22:00–02:00) holds before `to` or from `from`.
  return from <= to ? local.time >= from && local.time < to : local.time >= from || local.time < to;
}
