// Throttles failed logins per client address and per (address, name), so a password cannot be guessed
// at network speed. Successful logins do not count.

/** Failures allowed within the window before a caller is refused. */
export interface RateLimitOptions {
  windowMs: number;
  maxPerName: number;
  maxPerAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: RateLimitOptions = { windowMs: 60_000, maxPerName: 5, maxPerAddress: 30 };

export class LoginRateLimit {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: RateLimitOptions = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the caller may try again, or 0 when it may try now. */
  retryAfter(address: string, name: string): number {
    const t = this.now();
    const wait = (key: string, max: number): number => {
      const list = this.recent(key, t);
      if (list.length < max) return 0;
      return Math.ceil(((list[list.length - max] ?? t) + this.options.windowMs - t) / 1000);
    };
    return Math.max(
      wait(`a:${address}`, this.options.maxPerAddress),
      wait(`n:${address}:${name}`, this.options.maxPerName),
    );
  }

  recordFailure(address: string, name: string): void {
    const t = this.now();
    for (const key of [`a:${address}`, `n:${address}:${name}`]) {
      const list = this.recent(key, t);
      list.push(t);
      this.failures.set(key, list);
    }
    if (this.failures.size > 10_000) this.prune(t);
  }

  private recent(key: string, t: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => t - at < this.options.windowMs);
  }

  private prune(t: number): void {
    for (const [key, list] of this.failures)
      if (list.every((at) => t - at >= this.options.windowMs)) this.failures.delete(key);
  }
}
