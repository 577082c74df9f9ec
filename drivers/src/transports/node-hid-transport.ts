import type * as NodeHidModule from 'node-hid';
import type { HIDAsync } from 'node-hid';
import { DeviceError, describeCause } from '../model/device-error';
import { TypedEmitter } from '../model/typed-emitter';
import type { HidTransport, HidTransportEvents } from './hid-transport';

/** Which HID device to open: a hidraw path, or vendor and product id. */
export type NodeHidTarget =
  { readonly path: string } | { readonly vendorId: number; readonly productId: number };

type NodeHid = typeof NodeHidModule;

/** Loads node-hid lazily so a terminal without HID devices never loads the native addon. */
export async function loadNodeHid(): Promise<NodeHid> {
  const mod = (await import('node-hid')) as NodeHid & { default?: NodeHid };
  return mod.default ?? mod;
}

/** node-hid's async API (HIDAsync), which reads on a worker instead of blocking the event loop. */
export class NodeHidTransport implements HidTransport {
  readonly description: string;
  readonly #events = new TypedEmitter<HidTransportEvents>();
  #device: HIDAsync | undefined;
  #closing = false;

  constructor(private readonly target: NodeHidTarget) {
    this.description =
      'path' in target
        ? `hid ${target.path}`
        : `hid ${target.vendorId.toString(16).padStart(4, '0')}:${target.productId.toString(16).padStart(4, '0')}`;
  }

  get isOpen(): boolean {
    return this.#device !== undefined;
  }

  async open(): Promise<void> {
    let device: HIDAsync;
    try {
      const hid = await loadNodeHid();
      device =
        'path' in this.target
          ? await hid.HIDAsync.open(this.target.path)
          : await hid.HIDAsync.open(this.target.vendorId, this.target.productId);
    } catch (error) {
      throw new DeviceError(
        'transport.open-failed',
        this.description,
        `cannot open (${describeCause(error)}); check it is plugged in and that a udev rule gives this user access to its hidraw node.`,
        {},
        { cause: error },
      );
    }
    this.#closing = false;
    this.#device = device;
    device.on('data', (data: Buffer) => this.#events.emit('report', new Uint8Array(data)));
    device.on('error', (error: Error) => {
      this.#device = undefined;
      if (!this.#closing) this.#events.emit('closed', { error });
    });
  }

  async write(report: Uint8Array): Promise<void> {
    const device = this.#device;
    if (!device) throw new DeviceError('transport.not-connected', this.description, 'is not open.');
    try {
      await device.write(Buffer.from(report));
    } catch (error) {
      throw new DeviceError(
        'transport.write-failed',
        this.description,
        `write failed (${describeCause(error)}).`,
        {},
        { cause: error },
      );
    }
  }

  async close(): Promise<void> {
    const device = this.#device;
    if (!device) return;
    this.#closing = true;
    this.#device = undefined;
    await device.close();
    this.#events.emit('closed', {});
  }

  onReport(listener: (report: Uint8Array) => void): () => void {
    return this.#events.on('report', listener);
  }

  onClosed(listener: (event: { error?: Error }) => void): () => void {
    return this.#events.on('closed', listener);
  }
}
