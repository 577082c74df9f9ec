import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SerialPort } from 'serialport';
import { DeviceError, describeCause } from '../model/device-error';
import { TypedEmitter } from '../model/typed-emitter';
import { loadNodeHid } from './node-hid-transport';

/** A serial port the OS reports. */
export interface SerialPortInfo {
  readonly path: string;
  readonly vendorId?: string;
  readonly productId?: string;
  readonly manufacturer?: string;
}

/** A HID device the OS reports; POS scanners have usage page 0x8C. */
export interface HidDeviceInfo {
  readonly path?: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly usagePage?: number;
  readonly product?: string;
}

function unavailable(what: string, error: unknown, hint: string): DeviceError {
  return new DeviceError(
    'enumeration.unavailable',
    what,
    `cannot list devices (${describeCause(error)}). ${hint}`,
    {},
    { cause: error },
  );
}

/** SerialPort.list(), which on Linux needs udevadm; its absence is a clear error, never a crash. */
export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  try {
    // The binding's PortInfo type comes from a package typescript-eslint does not resolve; pin the shape.
    const ports = (await SerialPort.list()) as Array<{
      path: string;
      vendorId?: string;
      productId?: string;
      manufacturer?: string;
    }>;
    return ports.map((p) => ({
      path: p.path,
      ...(p.vendorId ? { vendorId: p.vendorId } : {}),
      ...(p.productId ? { productId: p.productId } : {}),
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    }));
  } catch (error) {
    throw unavailable(
      'serial enumeration',
      error,
      'Install udev (udevadm) or configure serial devices by path.',
    );
  }
}

/** node-hid's device list; without permission to read /dev/hidraw* it comes back short, not failing. */
export async function listHidDevices(): Promise<HidDeviceInfo[]> {
  try {
    const hid = await loadNodeHid();
    const devices = await hid.devicesAsync();
    return devices.map((d) => ({
      vendorId: d.vendorId,
      productId: d.productId,
      ...(d.path ? { path: d.path } : {}),
      ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
      ...(d.product ? { product: d.product } : {}),
    }));
  } catch (error) {
    throw unavailable(
      'hid enumeration',
      error,
      'Check that libusb-1.0 and the node-hid addon are installed.',
    );
  }
}

/** A device node appeared or went away. */
export interface HotplugEvent {
  readonly action: 'add' | 'remove';
  /** The /dev path derived from the kernel name (`/dev/ttyUSB0`, `/dev/hidraw1`, `/dev/usb/lp0`). */
  readonly devNode: string;
  readonly subsystem: string;
}

export interface HotplugEvents extends Record<string, unknown> {
  change: HotplugEvent;
  /** Hot-plug is unavailable (no udevadm, no netlink permission); devices are then seen only at start. */
  unavailable: DeviceError;
}

const UDEV_LINE = /^UDEV\s+\[[\d.]+\]\s+(add|remove)\s+(\S+)\s+\((\w+)\)/;

/** Parses one `udevadm monitor --udev` line; exported for tests. */
export function parseUdevLine(line: string): HotplugEvent | undefined {
  const match = UDEV_LINE.exec(line);
  if (!match) return undefined;
  const [, action, devpath, subsystem] = match as unknown as [string, 'add' | 'remove', string, string];
  const kernelName = devpath.slice(devpath.lastIndexOf('/') + 1);
  const devNode = subsystem === 'usbmisc' ? `/dev/usb/${kernelName}` : `/dev/${kernelName}`;
  if (!['tty', 'hidraw', 'usbmisc'].includes(subsystem)) return undefined;
  return { action, devNode, subsystem };
}

/** Watches serial, hidraw and USB-printer nodes come and go through `udevadm monitor`. */
export class HotplugWatcher {
  readonly events = new TypedEmitter<HotplugEvents>();
  #child: ChildProcess | undefined;

  constructor(private readonly udevadm = 'udevadm') {}

  start(): void {
    if (this.#child) return;
    const args = [
      'monitor',
      '--udev',
      '--subsystem-match=tty',
      '--subsystem-match=hidraw',
      '--subsystem-match=usbmisc',
    ];
    const child = spawn(this.udevadm, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      this.#child = undefined;
      this.events.emit(
        'unavailable',
        unavailable(
          'hot-plug',
          error,
          'Devices are detected only at start; install udev to see them plugged in later.',
        ),
      );
    });
    child.on('exit', (code) => {
      if (this.#child !== child) return;
      this.#child = undefined;
      if (code !== 0 && code !== null) {
        this.events.emit(
          'unavailable',
          unavailable(
            'hot-plug',
            new Error(`udevadm exited ${code}: ${stderr.trim()}`),
            'Devices are detected only at start (no permission to monitor udev here).',
          ),
        );
      }
    });
    if (child.stdout) {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const event = parseUdevLine(line);
        if (event) this.events.emit('change', event);
      });
    }
  }

  stop(): void {
    const child = this.#child;
    this.#child = undefined;
    child?.kill();
  }
}
