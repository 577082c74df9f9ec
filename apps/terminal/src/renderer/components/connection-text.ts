/** What the header knows about the connection to the sync-server. */
export interface ConnectionFacts {
  /** False when the terminal runs standalone (no sync-server to reach). */
  readonly replicated: boolean;
  readonly online: boolean;
  /** When the current state began (epoch ms); undefined before the first answer or failure. */
  readonly since?: number;
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * The header's connection line: "Online since 09:12:04", "Offline since 3 Dec, 18:40:10" when the state
 * began on another day (a terminal offline over a weekend says so), or that it runs standalone.
 */
export function connectionText(facts: ConnectionFacts, now: number, locale?: string): string {
  if (!facts.replicated) return 'Standalone (no sync-server)';
  const label = facts.online ? 'Online' : 'Offline';
  if (facts.since === undefined) return label;
  const since = new Date(facts.since);
  const time = since.toLocaleTimeString(locale, TIME);
  const when = sameDay(since, new Date(now)) ? time : `${since.toLocaleDateString(locale, DAY)}, ${time}`;
  return `${label} since ${when}`;
}
