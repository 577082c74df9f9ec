// Pure: imported by the renderer (no Node, no DOM types), so it must stay free of both.

/** Tuning of the keyboard-wedge detector; defaults suit USB scanners at their factory settings. */
export interface KeyboardWedgeOptions {
  /** A scanner types faster than this between keys; a person does not (default 30 ms). */
  readonly maxInterKeyMs?: number;
  /** Fewer characters than this is not a barcode (default 4). */
  readonly minLength?: number;
  /** The key the scanner ends each scan with (default `Enter`). */
  readonly suffixKey?: string;
  /** Optional prefix key configured on the scanner (e.g. `F13`); when set, scans need it. */
  readonly prefixKey?: string;
}

/** One keydown as the renderer sees it (`KeyboardEvent.key` and its timestamp). */
export interface WedgeKey {
  readonly key: string;
  readonly timeMs: number;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
}

/**
 * What to do with a key: `consume` means preventDefault + stopPropagation (the key may be part of a
 * scan, so it must reach neither an input nor a shortcut); `release` is text judged typed by a person
 * that the renderer inserts into the focused field; `scan` is a completed barcode.
 */
export interface WedgeResult {
  readonly consume: boolean;
  readonly release: string;
  readonly scan?: string;
}

const PASS: WedgeResult = { consume: false, release: '' };
const IGNORED_KEYS = new Set(['Shift', 'CapsLock', 'Dead', 'Unidentified']);

/**
 * Tells scanner bursts from typing by key timing and the suffix key. Printable keys are held while
 * they might start a scan; when the burst ends in the suffix with scanner timing it is a scan, and
 * otherwise the held keys are released to the field they were meant for, in order.
 */
export class KeyboardWedgeDetector {
  readonly #maxGap: number;
  readonly #minLength: number;
  readonly #suffix: string;
  readonly #prefix: string | undefined;
  #held: string[] = [];
  #lastAt = 0;
  #sawPrefix = false;

  constructor(options: KeyboardWedgeOptions = {}) {
    this.#maxGap = options.maxInterKeyMs ?? 30;
    this.#minLength = options.minLength ?? 4;
    this.#suffix = options.suffixKey ?? 'Enter';
    this.#prefix = options.prefixKey;
  }

  /** When the renderer should call `flush` if no key arrives (undefined: nothing held). */
  get deadlineMs(): number | undefined {
    return this.#held.length > 0 || this.#sawPrefix ? this.#lastAt + this.#maxGap + 1 : undefined;
  }

  onKey(event: WedgeKey): WedgeResult {
    const { key, timeMs } = event;
    if (IGNORED_KEYS.has(key))
      return this.#held.length > 0 || this.#sawPrefix ? { consume: true, release: '' } : PASS;
    const modified = event.ctrlKey === true || event.altKey === true || event.metaKey === true;
    const holding = this.#held.length > 0 || this.#sawPrefix;
    const fast = holding && timeMs - this.#lastAt <= this.#maxGap;

    if (this.#prefix !== undefined && key === this.#prefix && !modified) {
      const release = this.take();
      this.#sawPrefix = true;
      this.#lastAt = timeMs;
      return { consume: true, release };
    }
    if (key === this.#suffix && !modified) {
      if (fast && this.looksLikeScan()) {
        const scan = this.#held.join('');
        this.reset();
        return { consume: true, release: '', scan };
      }
      return { consume: false, release: this.take() };
    }
    if (key.length === 1 && !modified) {
      if (this.#sawPrefix) {
        if (!fast && this.#held.length > 0) return this.restart(key, timeMs);
        this.#held.push(key);
        this.#lastAt = timeMs;
        return { consume: true, release: '' };
      }
      if (holding && !fast) return this.restart(key, timeMs);
      if (this.#prefix !== undefined) return PASS;
      this.#held.push(key);
      this.#lastAt = timeMs;
      return { consume: true, release: '' };
    }
    // Any other key (arrows, Backspace, a shortcut) ends a burst: what was held was typed.
    return { consume: false, release: this.take() };
  }

  /** Releases held keys once the burst has gone quiet; call at `deadlineMs`. */
  flush(nowMs: number): WedgeResult {
    if ((this.#held.length > 0 || this.#sawPrefix) && nowMs - this.#lastAt > this.#maxGap) {
      return { consume: false, release: this.take() };
    }
    return { consume: false, release: '' };
  }

  private looksLikeScan(): boolean {
    return this.#held.length >= this.#minLength && (this.#prefix === undefined || this.#sawPrefix);
  }

  private restart(key: string, timeMs: number): WedgeResult {
    const release = this.take();
    if (this.#prefix !== undefined) return { consume: false, release: release + key };
    this.#held.push(key);
    this.#lastAt = timeMs;
    return { consume: true, release };
  }

  private take(): string {
    const text = this.#held.join('');
    this.reset();
    return text;
  }

  private reset(): void {
    this.#held = [];
    this.#sawPrefix = false;
  }
}
