import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../testing/test-server';
import { api, apiKey, startApiServer } from './api-test-kit';
import { RateLimiter } from './rate-limiter';

describe('per-key rate limits', () => {
  it('allows a burst, then refills at the per-minute rate (token bucket, injected clock)', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 3 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1); // one request per second: wait 1 s
    expect(limiter.take('b')).toBe(0); // another caller has its own bucket
    now += 999;
    expect(limiter.take('a')).toBe(1);
    now += 2;
    expect(limiter.take('a')).toBe(0);
    now += 10 * 60_000; // long idle: full again, never more than the burst
    expect([0, 1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1]);
  });

  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers 429 problem details with Retry-After once a key spends its burst; other keys go on', async () => {
    t = await startApiServer({ integrationApi: { rateLimit: { perMinute: 1, burst: 2 } } });
    const first = await apiKey(t, ['stock:read']);
    const second = await apiKey(t, ['stock:read'], 'erp');
    expect((await api(t, first, 'GET', '/_api/stock')).status).toBe(200);
    expect((await api(t, first, 'GET', '/_api/stock')).status).toBe(200);
    const limited = await api<Record<string, unknown>>(t, first, 'GET', '/_api/stock');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({
      type: '/_api/problems/too-many-requests',
      status: 429,
      retryAfterSeconds: retryAfter,
    });
    // A write refused by the limit applies nothing either (checked before the body is read).
    const write = await api(t, first, 'POST', '/_api/catalog', { docs: [] }, 'rl-1');
    expect(write.status).toBe(429);
    expect((await api(t, second, 'GET', '/_api/stock')).status).toBe(200);
    // The documentation stays reachable without a key.
    expect((await api(t, null, 'GET', '/_api/openapi.json')).status).toBe(200);
  });
});
