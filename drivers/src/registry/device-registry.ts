import type { DeviceKind, HealthReport } from '../model/device';
import { DeviceError, describeCause } from '../model/device-error';
import { TypedEmitter } from '../model/typed-emitter';
import { FRAMINGS } from '../protocols/serial-framing';
import type { CashDrawer } from '../devices/cash-drawer';
import { EscPosLink } from '../devices/escpos-link';
import { EscPosReceiptPrinter } from '../devices/escpos-receipt-printer';
import { HidPosScanner } from '../devices/hid-pos-scanner';
import type { LineDisplay } from '../devices/line-display';
import { NexoPaymentTerminal } from '../devices/nexo-payment-terminal';
import type { PaymentTerminal } from '../devices/payment-terminal';
import { PrinterPortDrawer } from '../devices/printer-port-drawer';
import type { ReceiptPrinter } from '../devices/receipt-printer';
import type { Scale } from '../devices/scale';
import type { Scanner } from '../devices/scanner';
import { SerialDrawer } from '../devices/serial-drawer';
import { SerialLineDisplay } from '../devices/serial-line-display';
import { SerialScale } from '../devices/serial-scale';
import { SerialScanner } from '../devices/serial-scanner';
import { HotplugWatcher, type HotplugEvent } from '../transports/enumerate';
import type { HidTransport } from '../transports/hid-transport';
import { NodeHidTransport } from '../transports/node-hid-transport';
import { createByteTransport } from './create-transport';
import type { DeviceConfig, TerminalDevicesConfig } from './device-config';
import { parseDeviceConfig } from './parse-device-config';

/** The device port for each kind, so `get('receipt', 'receipt-printer')` is typed. */
export interface DeviceByKind {
  scanner: Scanner;
  'receipt-printer': ReceiptPrinter;
  'cash-drawer': CashDrawer;
  'payment-terminal': PaymentTerminal;
  scale: Scale;
  'line-display': LineDisplay;
}

/** Any configured device. */
export type AnyDevice = DeviceByKind[DeviceKind];

/** Hooks for hosts and tests: how HID devices are reached (a fake in tests and simulators). */
export interface RegistryOptions {
  readonly hidTransport?: (config: Extract<DeviceConfig, { kind: 'scanner' }>) => HidTransport;
}

export interface RegistryEvents extends Record<string, unknown> {
  /** A configured device's node appeared or vanished. */
  hotplug: HotplugEvent & { readonly device: string };
  /** Hot-plug or enumeration is unavailable here; devices are then only opened at start. */
  unavailable: DeviceError;
}

/**
 * All devices of one terminal, built from its config. Implementations are chosen by the config
 * (transport type, protocol), never by environment checks; the simulator is just another address.
 */
export class DeviceRegistry {
  readonly events = new TypedEmitter<RegistryEvents>();
  readonly #devices = new Map<string, AnyDevice>();
  readonly #links = new Map<string, EscPosLink>();
  #watcher: HotplugWatcher | undefined;

  private constructor(readonly config: TerminalDevicesConfig) {}

  /** Validates `input` and creates (does not open) every device. */
  static fromConfig(input: unknown, options: RegistryOptions = {}): DeviceRegistry {
    const config = parseDeviceConfig(input);
    const registry = new DeviceRegistry(config);
    // Printers without fallback first, so a fallback exists when the printer naming it is built.
    const ordered = [...config.devices].sort((a, b) => rank(a) - rank(b));
    for (const device of ordered) registry.#devices.set(device.name, registry.create(device, options));
    return registry;
  }

  private link(printer: string): EscPosLink {
    let link = this.#links.get(printer);
    if (!link) {
      const config = this.config.devices.find((d) => d.name === printer);
      if (config?.kind !== 'receipt-printer')
        throw new DeviceError('config.invalid', printer, 'is not a receipt printer.');
      link = new EscPosLink(printer, createByteTransport(config.transport), { asb: config.asb ?? false });
      this.#links.set(printer, link);
    }
    return link;
  }

  private create(device: DeviceConfig, options: RegistryOptions): AnyDevice {
    switch (device.kind) {
      case 'scanner': {
        if (device.transport.type === 'hid') {
          const { path, vendorId, productId } = device.transport;
          const transport =
            options.hidTransport?.(device) ??
            new NodeHidTransport(
              path !== undefined ? { path } : { vendorId: vendorId ?? 0, productId: productId ?? 0 },
            );
          return new HidPosScanner(device.name, transport);
        }
        return new SerialScanner(
          device.name,
          createByteTransport(device.transport),
          FRAMINGS[device.framing ?? 'cr'],
        );
      }
      case 'receipt-printer': {
        const fallback = device.fallback
          ? (this.#devices.get(device.fallback) as ReceiptPrinter | undefined)
          : undefined;
        return new EscPosReceiptPrinter(device.name, this.link(device.name), {
          ...(device.printerModel ? { printerModel: device.printerModel } : {}),
          ...(device.columns ? { columns: device.columns } : {}),
          ...(fallback ? { fallback } : {}),
        });
      }
      case 'cash-drawer': {
        const settings = {
          ...(device.pin ? { pin: device.pin } : {}),
          ...(device.polarity ? { polarity: device.polarity } : {}),
        };
        if (device.transport.type === 'printer-port')
          return new PrinterPortDrawer(device.name, this.link(device.transport.printer), settings);
        return new SerialDrawer(
          device.name,
          createByteTransport(device.transport),
          device.polarity ? { polarity: device.polarity } : {},
        );
      }
      case 'payment-terminal':
        return new NexoPaymentTerminal(device.name, {
          url: device.transport.url,
          saleId: this.config.terminalId,
          poiId: device.poiId,
          ...(device.offline ? { offline: device.offline } : {}),
        });
      case 'scale':
        return new SerialScale(device.name, createByteTransport(device.transport), {
          protocol: device.protocol,
          ...(device.unit ? { unit: device.unit } : {}),
        });
      case 'line-display':
        return new SerialLineDisplay(device.name, createByteTransport(device.transport));
    }
  }

  /** The device called `name`, checked to be of `kind`. */
  get<K extends DeviceKind>(name: string, kind: K): DeviceByKind[K] {
    const device = this.#devices.get(name);
    if (!device)
      throw new DeviceError(
        'registry.unknown-device',
        name,
        `is not in this terminal's device config (known: ${this.names.join(', ') || 'none'}).`,
      );
    if (device.kind !== kind)
      throw new DeviceError('registry.wrong-kind', name, `is a ${device.kind}, not a ${kind}.`);
    return device as unknown as DeviceByKind[K];
  }

  /** Every device of a kind, in config order. */
  all<K extends DeviceKind>(kind: K): Array<DeviceByKind[K]> {
    return this.config.devices.filter((d) => d.kind === kind).map((d) => this.get(d.name, kind));
  }

  get names(): string[] {
    return this.config.devices.map((d) => d.name);
  }

  /**
   * Opens, claims and enables every device. One device failing does not stop the others: its
   * report says why, and the terminal runs with what it has.
   */
  async openAll(claimTimeoutMs = 2_000): Promise<HealthReport[]> {
    const reports: HealthReport[] = [];
    for (const name of this.names) {
      const device = this.#devices.get(name) as AnyDevice;
      try {
        await device.open();
        await device.claim(claimTimeoutMs);
        await device.enable();
        reports.push(await device.checkHealth());
      } catch (error) {
        reports.push({
          device: name,
          kind: device.kind,
          ok: false,
          state: device.state,
          power: device.power,
          detail: describeCause(error),
        });
      }
    }
    return reports;
  }

  async closeAll(): Promise<void> {
    this.#watcher?.stop();
    for (const name of [...this.names].reverse()) {
      await this.#devices.get(name)?.close();
    }
  }

  /** Watches device nodes (udev); a configured device that comes back is reopened. */
  watchHotplug(watcher = new HotplugWatcher()): void {
    this.#watcher = watcher;
    watcher.events.on('unavailable', (error) => this.events.emit('unavailable', error));
    watcher.events.on('change', (event) => {
      const config = this.config.devices.find(
        (d) => 'path' in d.transport && d.transport.path === event.devNode,
      );
      if (!config) return;
      this.events.emit('hotplug', { ...event, device: config.name });
      if (event.action === 'add') void this.reopen(config.name).catch(() => undefined);
    });
    watcher.start();
  }

  private async reopen(name: string): Promise<void> {
    const device = this.#devices.get(name);
    if (!device || device.state !== 'closed') return;
    await device.open();
    await device.claim(2_000);
    await device.enable();
  }
}

function rank(device: DeviceConfig): number {
  if (device.kind !== 'receipt-printer') return 2;
  return device.fallback ? 1 : 0;
}
