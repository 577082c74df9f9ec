import { describe, expect, it } from 'vitest';
import { WebhookReceiver, eventually } from './webhook-receiver';
import type { AttemptOutcome, DueDelivery, WebhookStore } from './webhook-store';
import { backoffDelay, DEFAULT_DISPATCH_POLICY, WebhookDispatcher } from './webhook-dispatcher';

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

describe('webhook dispatcher', () => {
  it('waits (does not poll the store in a loop) while a delivery is in flight, then records it', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    receiver.respond = () => 'hold';
    const delivery: DueDelivery = {
      id: 'dlv-1',
      subscriptionId: 'whk-1',
      url: receiver.url,
      secret: 'whsec_' + Buffer.alloc(32, 7).toString('base64'),
      eventId: 'evt-1',
      payload: '{"id":"evt-1"}',
      attempts: 0,
    };
    let pending = true;
    let dueCalls = 0;
    const recorded: AttemptOutcome[] = [];
    const store = {
      due: (_now: number, _limit: number, sending: ReadonlySet<string>) => {
        dueCalls += 1;
        return pending && !sending.has(delivery.id) ? [delivery] : [];
      },
      nextDueAt: (sending: ReadonlySet<string>) => (pending && !sending.has(delivery.id) ? 0 : undefined),
      recordAttempt: (_d: DueDelivery, outcome: AttemptOutcome) => {
        pending = false;
        recorded.push(outcome);
        return Promise.resolve();
      },
    } as unknown as WebhookStore;
    const dispatcher = new WebhookDispatcher(
      store,
      { ...DEFAULT_DISPATCH_POLICY, concurrency: 2 },
      () => undefined,
      true, // the receiver listens on loopback
    );
    dispatcher.start();
    try {
      await eventually('the request to reach the receiver', () => receiver.received.length === 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(dueCalls).toBeLessThan(5);
      receiver.release();
      await eventually('the attempt to be recorded', () => recorded.length === 1);
      expect(recorded[0]).toMatchObject({ statusCode: 200, result: { delivered: true } });
    } finally {
      await dispatcher.stop();
      await receiver.stop();
    }
  });
});
