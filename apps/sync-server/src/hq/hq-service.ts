// HQ's long-lived parts for one running server: the figures tables, the follower that keeps them up to
// date, and settings. Attached to the server's Services so `/_hq/api` handlers can reach them.
import type { Services } from '../http/context';
import { EmbeddedHqSource } from './embedded-hq-source';
import { FiguresFollower } from './figures-follower';
import { FiguresStore } from './figures-store';
import { STOCK_LEVELS_DB, type HqSource } from './hq-source';

/** Settings of the HQ API. */
export interface HqSettings {
  /** A terminal whose last successful sync is older than this is flagged in the fleet view. */
  staleAfterMinutes: number;
  /** A pickup order is on time when it is ready within this many minutes of being placed. */
  pickupSlaMinutes: number;
  /** Default low-stock threshold when a level has no safety stock. */
  lowStockThreshold: number;
}

/** HQ's state for one server. */
export interface Hq {
  figures: FiguresStore;
  follower: FiguresFollower;
  source: HqSource;
  settings: HqSettings;
  /** Catches up with every database (call once the server is listening). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const attached = new WeakMap<Services, Hq>();

export function defaultHqSettings(env: Record<string, string | undefined> = process.env): HqSettings {
  const n = (v: string | undefined, fallback: number) =>
    v !== undefined && /^[0-9]+$/.test(v) ? Number(v) : fallback;
  return {
    staleAfterMinutes: n(env.POS_HQ_STALE_AFTER_MINUTES, 60),
    pickupSlaMinutes: n(env.POS_HQ_PICKUP_SLA_MINUTES, 120),
    lowStockThreshold: n(env.POS_HQ_LOW_STOCK, 5),
  };
}

/** Creates HQ for an embedded server and hooks it to the store's writes. */
export function attachHq(
  services: Services,
  log: (line: string) => void,
  settings: HqSettings = defaultHqSettings(),
): Hq {
  const { store } = services;
  const figures = new FiguresStore(store.sqlite, (job) => store.transact(job));
  const source = new EmbeddedHqSource(store);
  const follower = new FiguresFollower(source, figures, (e) =>
    log(`HQ figures follower failed: ${String(e)}`),
  );
  const previous = services.onStoreWrite;
  services.onStoreWrite = (db) => {
    previous(db);
    follower.notify(db);
  };
  // The stock roll-up writes levels outside the request path; its commits are watched here.
  let stopped = false;
  const watchLevels = () => {
    if (stopped) return;
    store.notifier.once(STOCK_LEVELS_DB, () => {
      follower.notify(STOCK_LEVELS_DB);
      watchLevels();
    });
  };
  watchLevels();
  const hq: Hq = {
    figures,
    follower,
    source,
    settings,
    // Replication is the terminals' lifeline: HQ figures that cannot catch up are logged (and retried on
    // the next write), never a reason for the server not to start.
    start: () =>
      follower.catchUp().catch((e: unknown) => log(`HQ figures could not catch up at start: ${String(e)}`)),
    stop: async () => {
      stopped = true;
      await follower.stop();
    },
  };
  attached.set(services, hq);
  return hq;
}

/** The HQ of the server answering this request. */
export function hqOf(services: Services): Hq {
  const hq = attached.get(services);
  if (!hq) throw new Error('HQ is not attached to this server (attachHq was not called).');
  return hq;
}
