import { ClaimLock } from './claim-lock';
import type {
  DeviceCapabilities,
  DeviceErrorEvent,
  DeviceEvents,
  DeviceKind,
  DeviceState,
  ErrorResponse,
  HealthReport,
  PosDevice,
  PowerState,
} from './device';
import { DeviceError } from './device-error';
import { TypedEmitter } from './typed-emitter';

/**
 * The UnifiedPOS lifecycle shared by every implementation: open → claim → enable → disable →
 * release → close, with the state machine and error-event plumbing in one place so each device
 * only says how to open its transport and what its data is.
 */
export abstract class BaseDevice<TData = never> implements PosDevice<TData> {
  abstract readonly kind: DeviceKind;
  abstract readonly capabilities: DeviceCapabilities;
  readonly events: TypedEmitter<DeviceEvents<TData>>;
  #state: DeviceState = 'closed';
  #power: PowerState = 'unknown';
  #enabled = false;
  #claimed = false;
  readonly #lock: ClaimLock;

  constructor(readonly name: string) {
    this.#lock = new ClaimLock(name);
    this.events = new TypedEmitter<DeviceEvents<TData>>((error) =>
      console.error(`[drivers] ${name}: an event listener threw`, error),
    );
  }

  get state(): DeviceState {
    return this.#state;
  }
  get power(): PowerState {
    return this.#power;
  }
  get claimed(): boolean {
    return this.#claimed;
  }
  get enabled(): boolean {
    return this.#enabled;
  }

  protected abstract doOpen(): Promise<void>;
  protected abstract doClose(): Promise<void>;
  protected abstract doCheckHealth(): Promise<{ ok: boolean; detail: string }>;
  protected doEnable(): Promise<void> {
    return Promise.resolve();
  }
  protected doDisable(): Promise<void> {
    return Promise.resolve();
  }

  async open(): Promise<void> {
    if (this.#state !== 'closed') return;
    await this.doOpen();
    this.setState('idle');
  }

  async claim(timeoutMs: number): Promise<void> {
    this.assertOpen('claim');
    await this.#lock.acquire(timeoutMs);
    this.#claimed = true;
  }

  async enable(): Promise<void> {
    this.assertOpen('enable');
    if (!this.#claimed) {
      throw new DeviceError('device.not-claimed', this.name, 'must be claimed before it is enabled.');
    }
    if (this.#enabled) return;
    await this.doEnable();
    this.#enabled = true;
  }

  async disable(): Promise<void> {
    if (!this.#enabled) return;
    this.#enabled = false;
    await this.doDisable();
  }

  async release(): Promise<void> {
    if (!this.#claimed) return;
    await this.disable();
    this.#claimed = false;
    this.#lock.release();
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    await this.release();
    await this.doClose();
    this.setState('closed');
    this.setPower('unknown');
  }

  async checkHealth(): Promise<HealthReport> {
    if (this.#state === 'closed') {
      return this.report(false, 'closed: open the device first');
    }
    // A probe that throws (device gone, timeout) is an unhealthy report, never an exception: health
    // checks run on timers and for HQ's fleet view, where nobody can answer a thrown error.
    try {
      const { ok, detail } = await this.doCheckHealth();
      return this.report(ok, detail);
    } catch (error) {
      return this.report(false, error instanceof Error ? error.message : String(error));
    }
  }

  private report(ok: boolean, detail: string): HealthReport {
    const { name, kind } = this;
    return { device: name, kind, ok, state: this.#state, power: this.#power, detail };
  }

  protected setState(state: DeviceState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.events.emit('state', state);
  }

  protected setPower(power: PowerState): void {
    if (this.#power === power) return;
    this.#power = power;
    this.events.emit('status', { status: `power-${power}` });
  }

  protected assertOpen(action: string): void {
    if (this.#state === 'closed') {
      throw new DeviceError(
        'device.closed',
        this.name,
        `cannot ${action}: the device is closed; open it first.`,
      );
    }
  }

  protected assertEnabled(action: string): void {
    this.assertOpen(action);
    if (!this.#enabled) {
      throw new DeviceError(
        'device.disabled',
        this.name,
        `cannot ${action}: claim and enable the device first.`,
      );
    }
  }

  /**
   * Emits an error event and resolves with the caller's answer. With nobody listening the answer is
   * `fallbackAnswer`, so a headless host behaves predictably instead of hanging.
   */
  protected raiseError(
    error: DeviceError,
    options: readonly ErrorResponse[],
    fallbackAnswer: ErrorResponse,
  ): Promise<ErrorResponse> {
    if (this.events.listenerCount('error') === 0) return Promise.resolve(fallbackAnswer);
    const previous = this.#state;
    this.setState('error');
    return new Promise((resolve) => {
      let answered = false;
      const event: DeviceErrorEvent = {
        error,
        options,
        respond: (response) => {
          if (answered) return;
          if (!options.includes(response)) {
            throw new DeviceError(
              'device.bad-error-response',
              this.name,
              `"${response}" is not one of ${options.join(', ')}.`,
            );
          }
          answered = true;
          if (this.#state === 'error') this.setState(previous === 'error' ? 'idle' : previous);
          resolve(response);
        },
      };
      this.events.emit('error', event);
    });
  }
}
