import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_DISPATCH_POLICY } from './webhook-dispatcher';

describe('webhook retry backoff', () => {
  const policy = { ...DEFAULT_DISPATCH_POLICY, baseDelayMs: 1000, maxDelayMs: 60_000 };

  it('doubles per attempt from the base, within 80–100 % jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy, n, 1))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy, n, 0))).toEqual([800, 1600, 3200, 6400]);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (let n = 1; n <= 60; n++) expect(backoffDelay(policy, n, 1)).toBeLessThanOrEqual(60_000);
    expect(backoffDelay(policy, 60, 1)).toBe(60_000);
  });

  it('by default retries for about a day before giving up', () => {
    let total = 0;
    for (let n = 1; n < DEFAULT_DISPATCH_POLICY.maxAttempts; n++)
      total += backoffDelay(DEFAULT_DISPATCH_POLICY, n, 1);
    expect(total).toBeGreaterThan(12 * 60 * 60 * 1000);
    expect(total).toBeLessThan(3 * 24 * 60 * 60 * 1000);
  });
});
