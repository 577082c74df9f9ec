import Value from 'typebox/value';
import { DeviceError } from '../model/device-error';
import { TerminalDevicesSchema, type TerminalDevicesConfig } from './device-config';

/** Validates a device config: schema first, then the cross-references a schema cannot express. */
export function parseDeviceConfig(input: unknown, source = 'device config'): TerminalDevicesConfig {
  if (!Value.Check(TerminalDevicesSchema, input)) {
    const problems = Value.Errors(TerminalDevicesSchema, input)
      .slice(0, 8)
      .map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new DeviceError('config.invalid', source, `is not a valid device config: ${problems.join('; ')}.`, {
      problems,
    });
  }
  const config = input;
  const names = new Set<string>();
  const problems: string[] = [];
  for (const device of config.devices) {
    if (names.has(device.name)) problems.push(`device name "${device.name}" is used twice`);
    names.add(device.name);
  }
  const kindOf = new Map(config.devices.map((d) => [d.name, d.kind]));
  for (const device of config.devices) {
    if (
      device.kind === 'cash-drawer' &&
      device.transport.type === 'printer-port' &&
      kindOf.get(device.transport.printer) !== 'receipt-printer'
    ) {
      problems.push(
        `drawer "${device.name}" names printer "${device.transport.printer}", which is not a receipt-printer in this config`,
      );
    }
    if (device.kind === 'receipt-printer' && device.fallback !== undefined) {
      if (kindOf.get(device.fallback) !== 'receipt-printer' || device.fallback === device.name) {
        problems.push(
          `printer "${device.name}" falls back to "${device.fallback}", which is not another receipt-printer`,
        );
      }
    }
    if (
      device.kind === 'scanner' &&
      device.transport.type === 'hid' &&
      device.transport.path === undefined &&
      (device.transport.vendorId === undefined || device.transport.productId === undefined)
    ) {
      problems.push(`scanner "${device.name}" needs a hid path or both vendorId and productId`);
    }
  }
  const fallbackOf = new Map(
    config.devices.flatMap((d) =>
      d.kind === 'receipt-printer' && d.fallback ? [[d.name, d.fallback] as const] : [],
    ),
  );
  for (const start of fallbackOf.keys()) {
    const seen = new Set([start]);
    for (let next = fallbackOf.get(start); next !== undefined; next = fallbackOf.get(next)) {
      if (seen.has(next)) {
        problems.push(`printer fallbacks form a loop through "${start}"`);
        break;
      }
      seen.add(next);
    }
  }
  if (problems.length > 0)
    throw new DeviceError('config.invalid', source, `is not a valid device config: ${problems.join('; ')}.`, {
      problems,
    });
  return config;
}
