// Sends pending webhook deliveries: a few at a time, each signed, with a timeout; a failure is retried
// with exponential backoff (and the receiver's Retry-After when longer) up to a bound, then marked
// failed. It runs beside the write paths and never inside them: writes only enqueue rows.
import type { DueDelivery, WebhookStore } from './webhook-store';
import { postWebhook, webhookAgents, type WebhookAgents } from './webhook-post';
import { signatureHeaders } from './webhook-signature';
import { checkWebhookTarget, systemResolver, type TargetPolicy } from './webhook-target';

/** Retry timing and limits of webhook deliveries. */
export interface DispatchPolicy {
  /** Delay before the first retry; doubles per attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts before a delivery is marked failed. */
  maxAttempts: number;
  timeoutMs: number;
  /** Deliveries in flight at once. */
  concurrency: number;
}

export const DEFAULT_DISPATCH_POLICY: DispatchPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 6 * 60 * 60 * 1000,
  maxAttempts: 16,
  timeoutMs: 10_000,
  concurrency: 4,
};

/** Delay before attempt `attempt + 1` after `attempt` failures: base × 2^(attempt−1), capped, 80–100 % jitter. */
export function backoffDelay(policy: DispatchPolicy, attempt: number, random = Math.random()): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.2 * random));
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The background sender of webhook deliveries. */
export class WebhookDispatcher {
  private readonly sending = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly abort = new AbortController();
  private agents: WebhookAgents | undefined;

  constructor(
    private readonly store: WebhookStore,
    private readonly policy: DispatchPolicy,
    private readonly log: (line: string) => void,
    /** Where deliveries may go; the resolver is injectable so tests need no DNS. */
    private readonly targets: TargetPolicy = { allowLoopback: false, resolve: systemResolver },
    /**
     * The fsync of a commit that is visible but not yet durable (the store's `settling`), awaited before
     * each send: an event enqueued by a commit is announced only once that commit cannot be lost.
     */
    private readonly settled: () => Promise<void> | undefined = () => undefined,
  ) {}

  start(): void {
    this.stopped = false;
    this.agents = webhookAgents();
    this.schedule(0);
  }

  /** New deliveries were enqueued: look for due work now. */
  wake(): void {
    this.schedule(0);
  }

  /** Stops sending; in-flight requests are aborted and stay pending for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.sending.values()]);
    this.agents?.http.destroy();
    this.agents?.https.destroy();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pump(), Math.max(0, Math.min(delayMs, 2 ** 31 - 1)));
  }

  private pump(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const slots = this.policy.concurrency - this.sending.size;
    if (slots > 0) {
      for (const delivery of this.store.due(Date.now(), slots, new Set(this.sending.keys()))) {
        const done = this.deliver(delivery)
          .catch((error: unknown) =>
            this.log(`webhook delivery ${delivery.id} failed to record: ${String(error)}`),
          )
          .finally(() => {
            this.sending.delete(delivery.id);
            this.pump();
          });
        this.sending.set(delivery.id, done);
      }
    }
    if (this.sending.size >= this.policy.concurrency) return;
    const next = this.store.nextDueAt(new Set(this.sending.keys()));
    if (next !== undefined) this.schedule(next - Date.now());
  }

  private async deliver(d: DueDelivery): Promise<void> {
    const started = Date.now();
    let statusCode: number | undefined;
    let error: string | undefined;
    let retryAfter: number | undefined;
    try {
      // Checked before every attempt, not only at registration: a name's DNS answer can change, and
      // subscriptions stored before the rules (or under the development flag) must not be sent to.
      // One time budget for the look-up and the request: a stuck resolver cannot hold a slot either.
      await this.settled();
      const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.policy.timeoutMs)]);
      const check = await checkWebhookTarget(d.url, this.targets, signal);
      if (!check.ok) throw new Error(`target not allowed: the URL ${check.refusal}`);
      if (!this.agents) throw new Error('the dispatcher is not started');
      // Connects to the addresses just checked (no second look-up); redirects are not followed.
      const res = await postWebhook(check.target, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'store-os-webhooks/1',
          ...signatureHeaders(d.secret, d.eventId, d.payload, started),
        },
        body: d.payload,
        agents: this.agents,
        signal,
      });
      statusCode = res.status;
      retryAfter = retryAfterMs(res.retryAfter);
      if (res.status < 200 || res.status >= 300)
        error = `HTTP ${res.status} ${res.text.slice(0, 200)}`.trim();
    } catch (e) {
      // Stopping mid-request is not an attempt: the delivery stays pending and is sent after restart.
      if (this.stopped) return;
      error =
        e instanceof Error
          ? e.cause instanceof Error
            ? `${e.message}: ${e.cause.message}`
            : e.message
          : String(e);
    }
    const attempt = d.attempts + 1;
    const delivered = error === undefined;
    const nextAttemptAt =
      delivered || attempt >= this.policy.maxAttempts
        ? undefined
        : Date.now() +
          Math.min(this.policy.maxDelayMs, Math.max(backoffDelay(this.policy, attempt), retryAfter ?? 0));
    await this.store.recordAttempt(d, {
      at: started,
      ...(statusCode === undefined ? {} : { statusCode }),
      ...(error === undefined ? {} : { error }),
      durationMs: Date.now() - started,
      result: delivered ? { delivered: true } : { delivered: false, nextAttemptAt },
    });
  }
}
