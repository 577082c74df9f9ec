// CPU seconds used by the processes whose command line contains a marker (Linux /proc), so a benchmark
// on a loaded machine can say how much work its own processes did, whatever the wall clock shows.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) per process kind (`--type=renderer`, browser, server…), for processes matching `marker`. */
export function processCpu(marker: string): Record<string, number> {
  const byKind: Record<string, number> = {};
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!cmdline.includes(marker)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const kind = /--type=([\w-]+)/.exec(cmdline)?.[1] ?? (cmdline.includes('chrom') ? 'browser' : 'node');
      byKind[kind] = (byKind[kind] ?? 0) + ticks / TICKS_PER_SECOND;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byKind;
}

/** `after − before` per kind, rounded to 0.1 s. */
export function cpuSpent(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const spent: Record<string, number> = {};
  for (const [kind, seconds] of Object.entries(after))
    spent[kind] = Math.round((seconds - (before[kind] ?? 0)) * 10) / 10;
  return spent;
}
