import { DomainError } from '@store-os/shared';

/**
 * Every driver failure: a stable `code`, the device it concerns and the cause, so a log line or a
 * cashier prompt can say which printer is out of paper rather than "write failed".
 */
export class DeviceError extends DomainError {
  override readonly name: string = 'DeviceError';

  constructor(
    code: string,
    /** The logical device name from the terminal config (e.g. `receipt`), or a transport description. */
    readonly device: string,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(code, `${device}: ${message}`, { device, ...details });
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** True when `error` is a DeviceError, optionally with the given code. */
export function isDeviceError(error: unknown, code?: string): error is DeviceError {
  return error instanceof DeviceError && (code === undefined || error.code === code);
}

/** The cause of an unknown thrown value as one short phrase (errno code and message). */
export function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
