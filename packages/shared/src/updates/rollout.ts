import type { Rollout } from './update-manifest';

// Staged rollout: a terminal's bucket is a pure hash of (version, terminalId) mapped to 0..99. It is the
// same on every check and on every serial of one version (a halt or a widened percentage keeps the
// buckets), so raising 20 % to 50 % only adds terminals. Hashing the version too gives each release a
// different first 20 %, so the same stores are not always the guinea pigs.

/** The terminal as the rollout sees it. */
export interface RolloutTerminal {
  terminalId: string;
  /** Every group the terminal belongs to: its store's groups, its own groups, its store id if used as one. */
  groups: readonly string[];
}

/** The terminal's bucket 0..99 for this release version. */
export function rolloutBucket(version: string, terminalId: string): number {
  return fnv1a32WithAvalanche(`${version}\u0000${terminalId}`) % 100;
}

/** True when the rollout includes this terminal (group filter first, then the percentage). */
export function isInRollout(rollout: Rollout, version: string, terminal: RolloutTerminal): boolean {
  if (rollout.groups.length > 0 && !terminal.groups.some((group) => rollout.groups.includes(group))) {
    return false;
  }
  return rolloutBucket(version, terminal.terminalId) < rollout.percentage;
}

/**
 * FNV-1a (32-bit) over the UTF-8 bytes, then MurmurHash3's fmix32 finaliser: FNV alone leaves the low
 * bits of near-identical ids (t-001, t-002) poorly mixed, and `% 100` reads exactly those bits.
 */
export function fnv1a32WithAvalanche(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

// packages/shared has no TextEncoder (no DOM or Node types), and the encoding is short enough to own.
function* utf8(text: string): Generator<number> {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) yield code;
    else if (code < 0x800) {
      yield 0xc0 | (code >> 6);
      yield 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      yield 0xe0 | (code >> 12);
      yield 0x80 | ((code >> 6) & 0x3f);
      yield 0x80 | (code & 0x3f);
    } else {
      yield 0xf0 | (code >> 18);
      yield 0x80 | ((code >> 12) & 0x3f);
      yield 0x80 | ((code >> 6) & 0x3f);
      yield 0x80 | (code & 0x3f);
    }
  }
}
