import { DeviceError } from './device-error';

/** First-come exclusive access with a bounded wait, the semantics of UnifiedPOS `claim(timeout)`. */
export class ClaimLock {
  #held = false;
  readonly #waiters: Array<() => void> = [];

  constructor(private readonly device: string) {}

  get held(): boolean {
    return this.#held;
  }

  acquire(timeoutMs: number): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const index = this.#waiters.indexOf(grant);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(
          new DeviceError(
            'device.claim-timeout',
            this.device,
            `is claimed by another user and was not released within ${timeoutMs} ms; release it there or try again.`,
            { timeoutMs },
          ),
        );
      }, timeoutMs);
      this.#waiters.push(grant);
    });
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }
}
