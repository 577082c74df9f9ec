/**
 * Every rule the domain enforces fails with a DomainError: a stable machine-readable `code` for
 * integrators and the server, and a `message` a cashier or integrator can act on.
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';

  constructor(
    /** Stable identifier, e.g. `money.unparsable`, `barcode.check-digit`, `return.exceeds-purchased`. */
    readonly code: string,
    message: string,
    /** Structured facts about the failure (the offending value, the limit), for logs and UIs. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** True when `error` is a DomainError, optionally with the given code. */
export function isDomainError(error: unknown, code?: string): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
