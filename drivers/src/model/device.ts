import type { DeviceError } from './device-error';
import type { TypedEmitter } from './typed-emitter';

/** The six device functions a terminal drives; one logical device per function. */
export type DeviceKind =
  'scanner' | 'receipt-printer' | 'cash-drawer' | 'payment-terminal' | 'scale' | 'line-display';

/** UnifiedPOS State property: closed until opened, idle when ready, busy while outputting, error when stuck. */
export type DeviceState = 'closed' | 'idle' | 'busy' | 'error';

/** UnifiedPOS PowerState: what the device last told us about itself (unknown until it has). */
export type PowerState = 'unknown' | 'online' | 'offline' | 'off';

/** The caller's answer to an error event: try again, give up on this operation, or use the fallback device. */
export type ErrorResponse = 'retry' | 'clear' | 'fallback';

/** An error the caller must answer (UnifiedPOS ErrorEvent with ErrorResponse). */
export interface DeviceErrorEvent {
  readonly error: DeviceError;
  /** The answers that make sense for this error; `respond` accepts only these. */
  readonly options: readonly ErrorResponse[];
  respond(response: ErrorResponse): void;
}

/** A status change the UI may show (paper near end, drawer opened, reconnected). */
export interface DeviceStatusEvent {
  readonly status: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** An asynchronous output finished and was acknowledged by the device. */
export interface OutputCompleteEvent {
  readonly outputId: string;
}

/** The events every device emits; `data` carries the device kind's input (a scan, a weight). */
export interface DeviceEvents<TData> extends Record<string, unknown> {
  data: TData;
  status: DeviceStatusEvent;
  error: DeviceErrorEvent;
  outputComplete: OutputCompleteEvent;
  state: DeviceState;
}

/** The result of `checkHealth`: enough for a fleet dashboard and a cashier prompt. */
export interface HealthReport {
  readonly device: string;
  readonly kind: DeviceKind;
  readonly ok: boolean;
  readonly state: DeviceState;
  readonly power: PowerState;
  /** One line a person can act on ("paper out", "no answer from 127.0.0.1:9100"). */
  readonly detail: string;
}

/** Capability flags (UnifiedPOS CapXxx properties) the UI uses to hide what a device cannot do. */
export interface DeviceCapabilities {
  readonly powerReporting: boolean;
  readonly statusReporting: boolean;
  readonly [flag: string]: boolean;
}

/** The device port every device kind extends. */
export interface PosDevice<TData = never> {
  readonly name: string;
  readonly kind: DeviceKind;
  readonly state: DeviceState;
  readonly power: PowerState;
  readonly claimed: boolean;
  readonly enabled: boolean;
  readonly capabilities: DeviceCapabilities;
  readonly events: TypedEmitter<DeviceEvents<TData>>;
  open(): Promise<void>;
  /** Exclusive access; waits up to `timeoutMs` for another holder to release, then fails. */
  claim(timeoutMs: number): Promise<void>;
  enable(): Promise<void>;
  disable(): Promise<void>;
  release(): Promise<void>;
  close(): Promise<void>;
  checkHealth(): Promise<HealthReport>;
}
