/** The only source of time the domain sees; passed in so every result is reproducible in tests. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** Bytes of randomness, passed in for ids and tokens (crypto.getRandomValues in production). */
export type RandomSource = (byteCount: number) => Uint8Array;

/** A clock that always answers the given time and can be moved; for tests and replays. */
export function fixedClock(
  epochMs: number,
): Clock & { set(epochMs: number): void; advance(ms: number): void } {
  let current = epochMs;
  return {
    now: () => current,
    set: (next) => {
      current = next;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
