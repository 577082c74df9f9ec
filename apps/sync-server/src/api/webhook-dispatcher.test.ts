import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookReceiver, eventually } from './webhook-receiver';
import type { AttemptOutcome, DueDelivery, WebhookStore } from './webhook-store';
import { backoffDelay, DEFAULT_DISPATCH_POLICY, WebhookDispatcher } from './webhook-dispatcher';
import type { HostResolver } from './webhook-target';

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

/** A store holding one delivery until its first attempt is recorded. */
function oneDelivery(url: string) {
  const delivery: DueDelivery = {
    id: 'dlv-1',
    subscriptionId: 'whk-1',
    url,
    secret: 'whsec_' + Buffer.alloc(32, 7).toString('base64'),
    eventId: 'evt-1',
    payload: '{"id":"evt-1"}',
    attempts: 0,
  };
  let pending = true;
  const state = { dueCalls: 0, recorded: [] as AttemptOutcome[] };
  const store = {
    due: (_now: number, _limit: number, sending: ReadonlySet<string>) => {
      state.dueCalls += 1;
      return pending && !sending.has(delivery.id) ? [delivery] : [];
    },
    nextDueAt: (sending: ReadonlySet<string>) => (pending && !sending.has(delivery.id) ? 0 : undefined),
    recordAttempt: (_d: DueDelivery, outcome: AttemptOutcome) => {
      pending = false;
      state.recorded.push(outcome);
      return Promise.resolve();
    },
  } as unknown as WebhookStore;
  return { store, state };
}

/** A resolver that answers each look-up with the next answer of `answers` (the last one repeats). */
function changingDns(answers: string[][]): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = (host: string) => {
    asked.push(host);
    const answer = answers[Math.min(asked.length, answers.length) - 1] ?? [];
    return Promise.resolve(answer.map((address) => ({ address, family: 4 }) as const));
  };
  return Object.assign(resolve, { asked });
}

describe('webhook dispatcher', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
  });
  afterEach(async () => {
    await receiver.stop();
  });

  it('waits (does not poll the store in a loop) while a delivery is in flight, then records it', async () => {
    receiver.respond = () => 'hold';
    const { store, state } = oneDelivery(receiver.url);
    const dispatcher = new WebhookDispatcher(
      store,
      { ...DEFAULT_DISPATCH_POLICY, concurrency: 2 },
      () => undefined,
      { allowLoopback: true, resolve: changingDns([]) }, // the receiver listens on loopback
    );
    dispatcher.start();
    try {
      await eventually('the request to reach the receiver', () => receiver.received.length === 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(state.dueCalls).toBeLessThan(5);
      receiver.release();
      await eventually('the attempt to be recorded', () => state.recorded.length === 1);
      expect(state.recorded[0]).toMatchObject({ statusCode: 200, result: { delivered: true } });
    } finally {
      await dispatcher.stop();
    }
  });

  it('announces an event only once the commit that enqueued it is durable (its fsync settled)', async () => {
    const { store, state } = oneDelivery(receiver.url);
    let release: () => void = () => undefined;
    const fsync = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    const dispatcher = new WebhookDispatcher(
      store,
      DEFAULT_DISPATCH_POLICY,
      () => undefined,
      { allowLoopback: true, resolve: changingDns([]) },
      () => {
        asked += 1;
        return fsync;
      },
    );
    dispatcher.start();
    try {
      await eventually('the dispatcher to wait for the fsync', () => asked === 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(receiver.received).toHaveLength(0);
      release();
      await eventually('the attempt to be recorded', () => state.recorded.length === 1);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await dispatcher.stop();
    }
  });

  it('checks the target again before an attempt: a name now resolving to an internal address gets nothing', async () => {
    // Registered while the name pointed at a public address; its DNS now answers the metadata address.
    const port = new URL(receiver.url).port;
    const { store, state } = oneDelivery(`http://hooks.test:${port}/hook`);
    const dns = changingDns([['169.254.169.254']]);
    const dispatcher = new WebhookDispatcher(
      store,
      { ...DEFAULT_DISPATCH_POLICY, timeoutMs: 2000 },
      () => undefined,
      { allowLoopback: true, resolve: dns },
    );
    dispatcher.start();
    try {
      await eventually('the attempt to be recorded', () => state.recorded.length === 1);
    } finally {
      await dispatcher.stop();
    }
    expect(dns.asked).toEqual(['hooks.test']);
    expect(state.recorded[0]?.error).toMatch(
      /^target not allowed: the URL has a host \(hooks\.test\) that resolves to 169\.254\.169\.254, a link-local address/,
    );
    expect(state.recorded[0]?.statusCode).toBeUndefined();
    expect(receiver.received).toEqual([]);
  });

  it('gives up on a look-up that never answers within the delivery timeout, as a failed attempt', async () => {
    const { store, state } = oneDelivery('https://slow-dns.example.com/hook');
    const never: HostResolver = () => new Promise(() => undefined);
    const dispatcher = new WebhookDispatcher(
      store,
      { ...DEFAULT_DISPATCH_POLICY, timeoutMs: 300 },
      () => undefined,
      { allowLoopback: false, resolve: never },
    );
    dispatcher.start();
    try {
      await eventually('the attempt to be recorded', () => state.recorded.length === 1);
    } finally {
      await dispatcher.stop();
    }
    expect(state.recorded[0]?.error).toMatch(
      /slow-dns\.example\.com\) that could not be resolved \(timed out\)/,
    );
    expect(state.recorded[0]?.result).toMatchObject({
      delivered: false,
      nextAttemptAt: expect.any(Number) as number,
    });
  });

  it('connects to the address it checked, not to what a second look-up would answer (DNS rebinding)', async () => {
    // `hooks.test` exists only in this resolver: a connection that looked the name up again (system DNS,
    // or this resolver's second answer, an internal address) would never reach the receiver.
    const port = new URL(receiver.url).port;
    const { store, state } = oneDelivery(`http://hooks.test:${port}/hook`);
    const dns = changingDns([['127.0.0.1'], ['10.9.9.9']]);
    const dispatcher = new WebhookDispatcher(
      store,
      { ...DEFAULT_DISPATCH_POLICY, timeoutMs: 2000 },
      () => undefined,
      { allowLoopback: true, resolve: dns },
    );
    dispatcher.start();
    try {
      await eventually('the attempt to be recorded', () => state.recorded.length === 1);
    } finally {
      await dispatcher.stop();
    }
    expect(state.recorded[0]).toMatchObject({ statusCode: 200, result: { delivered: true } });
    expect(dns.asked).toEqual(['hooks.test']);
    expect(receiver.received).toHaveLength(1);
    // The request still names the subscriber's host (virtual hosting and TLS certificates rely on it).
    expect(receiver.received[0]?.headers.host).toBe(`hooks.test:${port}`);
    expect(receiver.received[0]?.body).toBe('{"id":"evt-1"}');
  });
});
