import type { DeviceCapabilities } from '../model/device';
import { BaseDevice } from '../model/base-device';
import { DeviceError } from '../model/device-error';
import { CAS_REQUEST_WEIGHT, CAS_ZERO, CasLineReader } from '../protocols/cas-scale';
import {
  TOLEDO_REQUEST_WEIGHT,
  TOLEDO_ZERO,
  ToledoFrameReader,
  toledoReading,
} from '../protocols/toledo-8217';
import type { WeightReading } from '../protocols/weight';
import type { ByteTransport } from '../transports/byte-transport';
import { ReconnectingTransport } from '../transports/reconnecting-transport';
import { RequestReply } from './request-reply';
import type { Scale } from './scale';

/** Which serial scale protocol, and the unit the scale is calibrated in (Toledo frames carry none). */
export interface SerialScaleOptions {
  readonly protocol: 'toledo-8217' | 'cas';
  readonly unit?: 'kg' | 'lb';
  readonly replyTimeoutMs?: number;
  readonly pollMs?: number;
}

/** A scale on a serial line speaking Toledo 8217 or CAS. */
export class SerialScale extends BaseDevice<WeightReading> implements Scale {
  readonly kind = 'scale';
  readonly capabilities: DeviceCapabilities = { powerReporting: false, statusReporting: true, zero: true };
  readonly #link: ReconnectingTransport;
  readonly #toledo = new ToledoFrameReader();
  readonly #cas = new CasLineReader();
  readonly #replies = new RequestReply<WeightReading>();

  constructor(
    name: string,
    transport: ByteTransport,
    private readonly options: SerialScaleOptions,
  ) {
    super(name);
    this.#link = new ReconnectingTransport(transport);
    this.#link.events.on('data', (chunk) => this.onBytes(chunk));
  }

  private onBytes(chunk: Uint8Array): void {
    const unit = this.options.unit ?? 'kg';
    const readings =
      this.options.protocol === 'cas'
        ? this.#cas.push(chunk)
        : this.#toledo.push(chunk).map((f) => toledoReading(f, unit));
    for (const reading of readings) {
      this.#replies.offer(reading);
      if (this.enabled) this.events.emit('data', reading);
    }
  }

  protected doOpen(): Promise<void> {
    return this.#link.open();
  }
  protected doClose(): Promise<void> {
    return this.#link.close();
  }
  protected async doCheckHealth(): Promise<{ ok: boolean; detail: string }> {
    const r = await this.readWeight();
    return { ok: !r.overload, detail: r.overload ? 'overload' : r.stable ? 'stable' : 'in motion' };
  }

  readWeight(): Promise<WeightReading> {
    this.assertOpen('read the weight');
    const timeoutMs = this.options.replyTimeoutMs ?? 1_000;
    const request = this.options.protocol === 'cas' ? CAS_REQUEST_WEIGHT : TOLEDO_REQUEST_WEIGHT;
    return this.#replies.request({
      send: () => this.#link.write(request),
      accepts: () => true,
      timeoutMs,
      timeoutError: () =>
        new DeviceError(
          'scale.no-reply',
          this.name,
          `no weight within ${timeoutMs} ms; check the cable and the protocol setting (${this.options.protocol}).`,
          { timeoutMs },
        ),
    });
  }

  async readStableWeight(timeoutMs: number): Promise<WeightReading> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reading = await this.readWeight();
      if (reading.overload)
        throw new DeviceError('scale.overload', this.name, 'is overloaded; take the item off.', {});
      if (reading.stable && !reading.underZero) return reading;
      if (Date.now() >= deadline) {
        throw new DeviceError(
          'scale.unstable',
          this.name,
          `weight did not settle within ${timeoutMs} ms${reading.underZero ? ' (under zero: zero the scale)' : ''}.`,
          { timeoutMs },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 100));
    }
  }

  async zero(): Promise<void> {
    this.assertEnabled('zero the scale');
    await this.#link.write(this.options.protocol === 'cas' ? CAS_ZERO : TOLEDO_ZERO);
    // Neither protocol answers Z; a reading confirms the scale accepted it.
    const reading = await this.readWeight();
    if (reading.stable && reading.thousandths !== 0) {
      throw new DeviceError(
        'scale.zero-refused',
        this.name,
        'did not zero (outside the zero range or in motion); empty the platter and retry.',
        { thousandths: reading.thousandths },
      );
    }
  }
}
