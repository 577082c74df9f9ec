import type { Clock, HostResponse } from '@store-os/shared';
import { loadDeviceHost, type LoadedDevices } from './load-device-host';
import { startTerminalHost, type TerminalHost } from './terminal-host';
import type { TerminalOptions } from './terminal-options';

/** A started host, with what start-up found, for the launcher to print. */
export interface BootedHost {
  readonly host: TerminalHost;
  readonly devices: LoadedDevices;
  readonly enrollment: HostResponse<'enrollment.status'>;
  /** Set when a code was given at start and exchanged (or refused), in words. */
  readonly enrollmentNote: string | undefined;
}

/**
 * What Electron main and browser mode both do at start: open the devices, start the host, and, when a
 * one-time enrollment code came with the start (as `npm start` passes it) and the terminal is not yet
 * enrolled, exchange it so the terminal comes up ready.
 */
export async function bootTerminalHost(
  options: TerminalOptions,
  run: { readonly version: string; readonly mode: HostResponse<'app.info'>['mode']; readonly clock: Clock },
): Promise<BootedHost> {
  const devices = await loadDeviceHost(options.devicesPath, run.clock);
  const host = await startTerminalHost(
    {
      version: run.version,
      mode: run.mode,
      dataDir: options.dataDir,
      syncServerUrl: options.syncServerUrl,
      ...(options.standalone ? { standalone: options.standalone } : {}),
    },
    devices.devices,
    run.clock,
  );
  let enrollment = await host.handlers['enrollment.status']({});
  let enrollmentNote: string | undefined;
  if (!enrollment.enrolled && options.enrollmentCode && options.syncServerUrl) {
    try {
      enrollment = await host.handlers['enrollment.enroll']({
        serverUrl: options.syncServerUrl,
        code: options.enrollmentCode,
      });
      enrollmentNote = `enrolled as ${enrollment.terminalId} of store ${enrollment.storeId}`;
    } catch (error) {
      enrollmentNote = `the enrollment code was not accepted (${error instanceof Error ? error.message : String(error)}); enroll on the first screen`;
    }
  }
  return { host, devices, enrollment, enrollmentNote };
}
