/** A listener table keyed by event name; pure so protocol and renderer code can use it too. */
export type EventMap = Record<string, unknown>;

/**
 * A minimal typed event emitter. Listener exceptions are caught and reported to `onListenerError`,
 * because a throwing UI handler must not break a driver's read loop.
 */
export class TypedEmitter<Events extends EventMap> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  off<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): void {
    this.#listeners.get(event)?.delete(listener);
  }

  /** Resolves with the next payload of `event`, or rejects after `timeoutMs`. */
  once<K extends keyof Events>(event: K, timeoutMs: number): Promise<Events[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for "${String(event)}"`));
      }, timeoutMs);
      const off = this.on(event, (payload) => {
        clearTimeout(timer);
        off();
        resolve(payload);
      });
    });
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (listener as (payload: Events[K]) => void)(payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  removeAll(): void {
    this.#listeners.clear();
  }
}
