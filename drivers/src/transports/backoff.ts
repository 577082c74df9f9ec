/** Exponential reconnect backoff, capped; deterministic so tests and logs can reason about it. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 5_000, factor: 2 };

/** Delay before reconnect attempt `attempt` (0-based). */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxMs, Math.round(policy.initialMs * policy.factor ** attempt));
}
