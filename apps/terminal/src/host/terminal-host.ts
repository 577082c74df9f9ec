import {
  assertHostEvent,
  type Clock,
  type HostEvent,
  type HostEventPayload,
  type HostHandlers,
  type HostResponse,
} from '@store-os/shared';
import type { DeviceHost } from './device-host';
import { Journal } from './journal';

/** Where and as whom this terminal runs; read from its configuration at start. */
export interface TerminalHostConfig {
  readonly version: string;
  readonly mode: HostResponse<'app.info'>['mode'];
  readonly terminalId: string;
  readonly storeId: string;
  readonly syncServerUrl: string | null;
  /** The `Authorization` header value for the sync-server, or null when it needs none. */
  readonly syncAuthorization: string | null;
  /** The journal file (in the app's data folder, outside the browser profile). */
  readonly journalPath: string;
}

/** Receives every host event, already validated against the contract. */
export type HostEventSink = <E extends HostEvent>(event: E, payload: HostEventPayload<E>) => void;

/** The running host: the contract's handlers, plus event fan-out and shutdown. */
export interface TerminalHost {
  readonly handlers: HostHandlers;
  readonly journal: Journal;
  /** Adds an event receiver (a window, a WebSocket); returns the function that removes it. */
  addSink(sink: HostEventSink): () => void;
  close(): Promise<void>;
}

/**
 * Starts the host services the renderer reaches through the contract: the journal and the device host.
 * Plain Node, no electron: Electron main and the browser-mode host both run exactly this.
 */
export async function startTerminalHost(
  config: TerminalHostConfig,
  devices: DeviceHost,
  clock: Clock,
): Promise<TerminalHost> {
  const journal = await Journal.open(config.journalPath, clock);
  const startedAt = clock.now();
  const sinks = new Set<HostEventSink>();
  const emit: HostEventSink = (event, payload) => {
    const checked = assertHostEvent(event, payload);
    for (const sink of sinks) sink(event, checked);
  };
  const unsubscribeDevices = devices.subscribe((e) => {
    if (e.type === 'scanner.data') emit('scanner.data', e.payload);
    else emit('device.status', e.payload);
  });

  const handlers: HostHandlers = {
    'app.info': () =>
      Promise.resolve({
        version: config.version,
        mode: config.mode,
        terminalId: config.terminalId,
        storeId: config.storeId,
        syncServerUrl: config.syncServerUrl,
        startedAt,
      }),
    'sync.authorization': () => Promise.resolve({ value: config.syncAuthorization }),
    'journal.append': (entry) => journal.append(entry),
    'journal.since': ({ afterSeq, limit }) => Promise.resolve(journal.since(afterSeq, limit)),
    'journal.replayed': ({ upToSeq, restored }) => {
      emit('journal.replay', { total: upToSeq, restored, damaged: journal.damaged.length });
      return Promise.resolve({});
    },
    'devices.list': () => devices.list(),
    'devices.status': (request) => devices.status(request),
    'printer.print': (job) => devices.print(job),
    'drawer.open': (request) => devices.openDrawer(request),
    'payment.start': (request) => devices.paymentStart(request),
    'payment.status': (request) => devices.paymentStatus(request),
    'payment.abort': (request) => devices.paymentAbort(request),
    'display.text': (request) => devices.displayText(request),
    'scale.read': (request) => devices.scaleRead(request),
  };

  return {
    handlers,
    journal,
    addSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      unsubscribeDevices();
      sinks.clear();
      await devices.close();
      await journal.close();
    },
  };
}
