import { PoleDisplayScreen } from '../protocols/pole-display';
import { SerialEndpoint } from './serial-endpoint';

/** A 2×20 pole display on a PTY; `lines` is what a customer would read. */
export class LineDisplaySimulator {
  readonly screen = new PoleDisplayScreen();
  #listeners: Array<() => void> = [];

  private constructor(private readonly endpoint: SerialEndpoint) {
    endpoint.port.onData((chunk) => {
      this.screen.push(chunk);
      for (const listener of this.#listeners) listener();
    });
  }

  static async start(options: { dir?: string } = {}): Promise<LineDisplaySimulator> {
    return new LineDisplaySimulator(await SerialEndpoint.create({ ...options, name: 'display' }));
  }

  get devicePath(): string {
    return this.endpoint.devicePath;
  }

  get lines(): [string, string] {
    return this.screen.lines;
  }

  /** Resolves when the screen shows `predicate`-matching lines (bytes arrive asynchronously over the PTY). */
  waitFor(predicate: (lines: [string, string]) => boolean, timeoutMs = 2_000): Promise<[string, string]> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this.lines)) return;
        clearTimeout(timer);
        this.#listeners = this.#listeners.filter((l) => l !== check);
        resolve(this.lines);
      };
      const timer = setTimeout(() => {
        this.#listeners = this.#listeners.filter((l) => l !== check);
        reject(new Error(`display never showed the expected text; it shows ${JSON.stringify(this.lines)}`));
      }, timeoutMs);
      this.#listeners.push(check);
      check();
    });
  }

  close(): Promise<void> {
    return this.endpoint.close();
  }
}
