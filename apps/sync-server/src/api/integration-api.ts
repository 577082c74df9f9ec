// The integration API's long-lived parts, started with the server: its tables, API keys, idempotency
// records, the id factory for facts it records, the event follower and the webhook dispatcher.
import { randomFillSync } from 'node:crypto';
import { createIdFactory, type IdFactory } from '@store-os/shared/ids';
import type { Services } from '../http/context';
import type { SqliteStore } from '../storage/sqlite-store';
import { migrateApiSchema } from './api-schema';
import type { ApiCall } from './api-route';
import { AtomicWriter } from './atomic-writer';
import { EventFollower } from './event-follower';
import { IdempotencyStore, type ApiAnswer } from './idempotency';
import { KeyStore } from './key-store';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitPolicy } from './rate-limiter';
import { ReservationOverlay } from './reservation-overlay';
import { DEFAULT_DISPATCH_POLICY, WebhookDispatcher, type DispatchPolicy } from './webhook-dispatcher';
import { WebhookStore } from './webhook-store';
import { systemResolver, type HostResolver, type TargetPolicy } from './webhook-target';

/** Knobs of the integration API; the defaults suit production. */
export interface IntegrationApiOptions {
  log?: (line: string) => void;
  /** A stock level older than this is stale for routing (used last and flagged). Default 15 min. */
  staleAfterMs?: number;
  /** Webhook retry timing and limits. */
  webhooks?: Partial<DispatchPolicy>;
  /** Requests per caller (API key or person); `false` turns limiting off. Default 600/min, burst 120. */
  rateLimit?: RateLimitPolicy | false;
  /**
   * Development and tests only: webhooks may go to http(s) on loopback (`--dev-allow-loopback-webhooks`).
   * Otherwise a subscription must name an https URL on a public host (webhook-target.ts).
   */
  allowLoopbackWebhooks?: boolean;
  /**
   * Resolves webhook hosts, whose every address must be public (default: the system resolver). Tests
   * pass their own so that no check depends on real DNS.
   */
  resolveHost?: HostResolver;
}

const registry = new WeakMap<object, IntegrationApi>();
/** How long delivered and failed webhook deliveries stay in the log. */
export const DELIVERY_LOG_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** The running integration API of one server. */
export class IntegrationApi {
  readonly store: SqliteStore;
  readonly keys: KeyStore;
  readonly idempotency: IdempotencyStore;
  readonly webhooks: WebhookStore;
  readonly newId: IdFactory;
  readonly events: EventFollower;
  readonly dispatcher: WebhookDispatcher;
  readonly overlay: ReservationOverlay;
  readonly options: { staleAfterMs: number; log: (line: string) => void; allowLoopbackWebhooks: boolean };
  /** Where webhooks may be sent: checked at subscription and before every delivery. */
  readonly webhookTargets: TargetPolicy;
  /** Per-caller request limits; undefined when turned off. */
  readonly rateLimiter: RateLimiter | undefined;

  constructor(
    readonly services: Services,
    options: IntegrationApiOptions = {},
  ) {
    this.store = services.store;
    migrateApiSchema(this.store.sqlite);
    const log = options.log ?? ((line: string) => console.log(line));
    this.options = {
      staleAfterMs: options.staleAfterMs ?? 15 * 60 * 1000,
      log,
      allowLoopbackWebhooks: options.allowLoopbackWebhooks ?? false,
    };
    this.webhookTargets = {
      allowLoopback: this.options.allowLoopbackWebhooks,
      resolve: options.resolveHost ?? systemResolver,
    };
    this.rateLimiter =
      options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
    this.keys = new KeyStore(this.store);
    this.idempotency = new IdempotencyStore(this.store.sqlite);
    this.webhooks = new WebhookStore(this.store);
    this.overlay = new ReservationOverlay(this.store.sqlite);
    // Facts the API records (web orders, their reservations) come from origin `web`.
    this.newId = createIdFactory({
      originId: 'web',
      clock: { now: () => Date.now() },
      random: (n) => randomFillSync(new Uint8Array(n)),
    });
    this.dispatcher = new WebhookDispatcher(
      this.webhooks,
      { ...DEFAULT_DISPATCH_POLICY, ...options.webhooks },
      log,
      this.webhookTargets,
      () => this.store.settling(),
    );
    this.events = new EventFollower(this.store, this.webhooks, () => this.dispatcher.wake(), log);
    // At start nothing else writes yet, so old records are dropped outside the group commit.
    this.idempotency.purge(Date.now());
    this.webhooks.purgeFinished(Date.now(), DELIVERY_LOG_RETENTION_MS);
  }

  /**
   * Runs a write once per Idempotency-Key: inside one transaction, answers a replay from the record,
   * or runs `job` (which throws to roll everything back) and records its successful answer.
   */
  async writeOnce(call: ApiCall, job: (writer: AtomicWriter) => ApiAnswer): Promise<ApiAnswer> {
    const writer = new AtomicWriter(this.store, this.services.validate);
    const idem = call.idempotency;
    const caller = call.caller?.id ?? 'anonymous';
    let answer: ApiAnswer;
    try {
      answer = await this.store.transact(() => {
        if (idem) {
          const replay = this.idempotency.replay(caller, idem.key, idem.route, idem.fingerprint);
          if (replay) return replay;
        }
        const fresh = job(writer);
        if (idem && fresh.status < 300)
          this.idempotency.remember(caller, idem.key, idem.route, idem.fingerprint, fresh, Date.now());
        // The next job of the same group commit must already see these reservations.
        for (const m of writer.movements) this.overlay.add(m.storeDb, m.docs, Date.now());
        return fresh;
      });
    } catch (error) {
      this.overlay.forget(writer.movements.flatMap((m) => m.docs.map((d) => d.id)));
      throw error;
    }
    for (const db of writer.touched) if (db.startsWith('store-')) this.services.onStoreWrite(db);
    this.events.wake(writer.touched);
    return answer;
  }

  /** Starts following writes and delivering webhooks (deliveries left from before a restart included). */
  start(): void {
    this.events.start();
    this.dispatcher.start();
    this.flushTimer = setInterval(() => {
      void this.flushBookkeeping(); // errors are logged inside; stop() awaits the chain
    }, 30_000);
  }

  private flushTimer: NodeJS.Timeout | undefined;
  private bookkeeping: Promise<void> = Promise.resolve();

  private flushBookkeeping(): Promise<void> {
    this.bookkeeping = this.bookkeeping
      .then(() => this.keys.flushLastUsed())
      .catch((error: unknown) => this.options.log(`integration API bookkeeping failed: ${String(error)}`));
    return this.bookkeeping;
  }

  /** Stops sending and following; in-flight deliveries are abandoned and retried after a restart. */
  async stop(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.events.stop();
    await this.dispatcher.stop();
    await this.flushBookkeeping();
  }
}

/** Starts the integration API of a server (one per Services). */
export function startIntegrationApi(services: Services, options: IntegrationApiOptions = {}): IntegrationApi {
  const api = new IntegrationApi(services, options);
  registry.set(services, api);
  api.start();
  return api;
}

/** The integration API started for these services, if any. */
export function integrationApiOf(services: Services): IntegrationApi | undefined {
  return registry.get(services);
}
