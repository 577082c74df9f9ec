import { readFile } from 'node:fs/promises';
import { DeviceRegistry, type HealthReport } from '@store-os/drivers';
import type { Clock } from '@store-os/shared';
import type { DeviceHost } from './device-host';
import { noDevices } from './no-devices';
import { registryDeviceHost } from './registry-device-host';

/** The devices of this terminal and how each answered at start (empty without a device config). */
export interface LoadedDevices {
  readonly devices: DeviceHost;
  readonly reports: readonly HealthReport[];
  readonly configPath: string | undefined;
}

/**
 * Loads the device config (default `<data>/devices.json`) (the drivers' TerminalDevicesConfig, which `npm run devices:sim` writes for
 * the simulators) and opens every device; one that fails to open is reported and the rest still run.
 * Without the file the terminal runs with no devices and says so on each device call.
 */
export async function loadDeviceHost(configPath: string, clock: Clock): Promise<LoadedDevices> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch {
    return { devices: noDevices(), reports: [], configPath: undefined };
  }
  const registry = DeviceRegistry.fromConfig(JSON.parse(text) as unknown);
  const reports = await registry.openAll();
  return { devices: registryDeviceHost(registry, clock), reports, configPath };
}
