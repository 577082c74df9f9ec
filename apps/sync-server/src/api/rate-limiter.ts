// Per-caller request limits of the integration API: a token bucket per API key (or person), refilled
// continuously. An empty bucket is answered 429 with how many seconds until the next request fits.

/** How many requests a caller may make: `burst` at once, refilled at `perMinute`. */
export interface RateLimitPolicy {
  perMinute: number;
  burst: number;
}

/** Generous enough for a web shop's order intake and stock polling, low enough to stop a runaway loop. */
export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { perMinute: 600, burst: 120 };

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets idle this long are full again and can be forgotten. */
const FORGET_AFTER_FULL_MS = 60_000;

/** Token buckets keyed by caller id (`key:<id>`, `user:<name>`). */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private checks = 0;

  constructor(
    readonly policy: RateLimitPolicy,
    private readonly now: () => number = Date.now,
  ) {
    if (!(policy.perMinute > 0) || !(policy.burst >= 1))
      throw new Error('rate limit: perMinute must be > 0 and burst >= 1');
    this.perMs = policy.perMinute / 60_000;
  }

  /** Takes one request from the caller's bucket: 0 when allowed, else the seconds to wait (≥ 1). */
  take(callerId: string): number {
    const now = this.now();
    if (++this.checks % 1000 === 0) this.forgetIdle(now);
    const bucket = this.buckets.get(callerId) ?? { tokens: this.policy.burst, at: now };
    bucket.tokens = Math.min(this.policy.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(callerId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  private forgetIdle(now: number): void {
    const fullAfterMs = this.policy.burst / this.perMs + FORGET_AFTER_FULL_MS;
    for (const [id, b] of this.buckets) if (now - b.at > fullAfterMs) this.buckets.delete(id);
  }
}
