import type {
  Clock,
  DeviceHealth,
  Heartbeat,
  HostBridge,
  HostResponse,
  OfflinePeriod,
} from '@store-os/shared';
import { firstValueFrom } from 'rxjs';
import type { Connectivity } from './connectivity';
import type { SyncLedger } from './sync-ledger';

type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

/** What the heartbeat needs: who, where, and the live sources of what it reports. */
export interface HeartbeatOptions {
  readonly serverUrl: string;
  readonly authorization: string | null;
  readonly info: HostResponse<'app.info'>;
  readonly host: HostBridge;
  readonly ledger: SyncLedger;
  readonly connectivity: Connectivity;
  readonly clock: Clock;
  readonly intervalMs?: number;
  readonly fetch?: FetchFn;
}

/** The running heartbeat: `beat` sends one now (tests, going online); `stop` ends it. */
export interface HeartbeatSender {
  beat(): Promise<boolean>;
  stop(): void;
}

const MAX_PERIODS = 50;
const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** The contract's device state as HQ's health scale. */
function healthOf(state: HostResponse<'devices.list'>['devices'][number]['state']): DeviceHealth {
  if (state === 'idle' || state === 'busy') return 'ok';
  if (state === 'closed') return 'warning';
  return 'error';
}

async function deviceHealth(host: HostBridge): Promise<Heartbeat['devices']> {
  const list = await host.invoke('devices.list', {}).catch(() => ({ devices: [] }));
  const of = (kind: string): DeviceHealth => {
    const found = list.devices.filter((d) => d.kind === kind);
    if (found.length === 0) return 'absent';
    return found.map((d) => healthOf(d.state)).sort((a, b) => rank(b) - rank(a))[0] ?? 'absent';
  };
  return {
    printer: of('printer'),
    drawer: of('drawer'),
    paymentTerminal: of('payment'),
    scanner: of('scanner'),
    scale: of('scale'),
  };
}

const rank = (h: DeviceHealth): number => ['absent', 'ok', 'warning', 'error'].indexOf(h);

/**
 * Posts a heartbeat to HQ (`POST /_hq/api/heartbeat`, as the terminal itself) every interval while
 * online and at once on coming back online: app version, last successful sync, documents waiting,
 * device health, and the offline periods since the last heartbeat HQ accepted.
 */
export function startHeartbeat(options: HeartbeatOptions): HeartbeatSender {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  let periods: OfflinePeriod[] = [];
  let sending: Promise<boolean> | undefined;
  // Not yet connected after a start is not an offline period: periods count from the first contact on.
  let contacted = false;
  const watch = options.connectivity.state$.subscribe((state) => {
    contacted ||= state.online;
    const open = periods.at(-1);
    if (!state.online && contacted && (!open || open.to !== undefined))
      periods = [...periods, { from: iso(state.since) }];
    if (state.online && open && open.to === undefined) {
      periods = [...periods.slice(0, -1), { from: open.from, to: iso(state.since) }];
      void beat();
    }
    periods = periods.slice(-MAX_PERIODS);
  });

  async function post(): Promise<boolean> {
    const lastSync = options.connectivity.lastSuccessAt;
    const reported = periods;
    const heartbeat: Heartbeat = {
      terminalId: options.info.terminalId,
      storeId: options.info.storeId,
      appVersion: options.info.version,
      ...(lastSync !== undefined ? { lastSyncAt: iso(lastSync) } : {}),
      pendingDocs: await firstValueFrom(options.ledger.pendingCount$()),
      devices: await deviceHealth(options.host),
      offlinePeriods: reported,
      sentAt: iso(options.clock.now()),
    };
    const response = await send(`${options.serverUrl.replace(/\/$/, '')}/_hq/api/heartbeat`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.authorization ? { authorization: options.authorization } : {}),
      },
      body: JSON.stringify(heartbeat),
    }).catch(() => undefined);
    if (!response?.ok) return false;
    // HQ has the closed periods now; the open one (if any) is reported again until it closes.
    periods = periods.filter((p) => !reported.includes(p) || p.to === undefined);
    return true;
  }

  function beat(): Promise<boolean> {
    // One heartbeat at a time: a tick during a slow post shares its outcome.
    sending ??= post()
      .catch(() => false)
      .finally(() => (sending = undefined));
    return sending;
  }

  const timer = setInterval(() => {
    if (options.connectivity.state.online) void beat();
  }, options.intervalMs ?? 60_000);
  return {
    beat,
    stop() {
      clearInterval(timer);
      watch.unsubscribe();
    },
  };
}
