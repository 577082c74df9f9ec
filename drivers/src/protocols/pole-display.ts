import CodepageEncoder from '@point-of-sale/codepage-encoder';
import { ascii, fromAscii } from './bytes';

/**
 * A 2×20 customer pole display in the Epson DM-D command set (also spoken by most clones): ESC @
 * initialise, FF clear, US $ x y move the cursor (1-based), text overwrites in place, US X n brightness.
 */
export const DISPLAY_COLUMNS = 20;
export const DISPLAY_ROWS = 2;

const ESC = 0x1b;
const US = 0x1f;
const FF = 0x0c;

/** Two lines, each padded or cut to 20 characters, the whole screen rewritten so no stale text remains. */
export function encodeDisplayLines(line1: string, line2: string): Uint8Array {
  const fit = (s: string): string => toDisplayCharset(s).slice(0, DISPLAY_COLUMNS).padEnd(DISPLAY_COLUMNS);
  return Uint8Array.of(US, 0x24, 1, 1, ...ascii(fit(line1)), US, 0x24, 1, 2, ...ascii(fit(line2)));
}

export const DISPLAY_INIT = Uint8Array.of(ESC, 0x40);
export const DISPLAY_CLEAR = Uint8Array.of(FF);

/** Brightness 1–4 (US X n). */
export function encodeBrightness(level: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(US, 0x58, level);
}

/**
 * The display's default table is PC437, which has é, ü, ñ but no € or ł; those are spelled so the
 * customer still reads the amount ("EUR").
 */
export function toDisplayCharset(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    if (ch === '€') out += 'EUR';
    else if (ch === 'ł') out += 'l';
    else if (ch === 'Ł') out += 'L';
    else if (code < 0x80) out += ch;
    else out += String.fromCharCode(TO_437.get(code) ?? 0x3f);
  }
  return out;
}

const CP437 = CodepageEncoder.getCodepoints('cp437', true);
const TO_437 = new Map(CP437.map((point, byte) => [point, byte] as const).filter(([, byte]) => byte >= 0x80));

/** The display's screen model, fed with the command stream (for the simulator and tests). */
export class PoleDisplayScreen {
  readonly rows: string[][] = [
    new Array<string>(DISPLAY_COLUMNS).fill(' '),
    new Array<string>(DISPLAY_COLUMNS).fill(' '),
  ];
  brightness = 4;
  #x = 0;
  #y = 0;
  #pending: number[] = [];

  push(chunk: Uint8Array): void {
    const b = [...this.#pending, ...chunk];
    let i = 0;
    while (i < b.length) {
      const byte = b[i] as number;
      if (byte === ESC) {
        if (b.length - i < 2) break;
        if (b[i + 1] === 0x40) this.clear();
        i += 2;
      } else if (byte === US) {
        if (b.length - i < 2) break;
        if (b[i + 1] === 0x24) {
          if (b.length - i < 4) break;
          this.#x = Math.min(DISPLAY_COLUMNS - 1, Math.max(0, (b[i + 2] ?? 1) - 1));
          this.#y = Math.min(DISPLAY_ROWS - 1, Math.max(0, (b[i + 3] ?? 1) - 1));
          i += 4;
        } else if (b[i + 1] === 0x58) {
          if (b.length - i < 3) break;
          this.brightness = b[i + 2] ?? 4;
          i += 3;
        } else i += 2;
      } else if (byte === FF) {
        this.clear();
        i += 1;
      } else if (byte === 0x0b) {
        this.#x = 0;
        this.#y = 0;
        i += 1;
      } else if (byte >= 0x20) {
        const row = this.rows[this.#y];
        if (row)
          row[this.#x] =
            byte < 0x80 ? fromAscii(Uint8Array.of(byte)) : String.fromCodePoint(CP437[byte] ?? 0x3f);
        this.#x += 1;
        if (this.#x >= DISPLAY_COLUMNS) {
          this.#x = 0;
          this.#y = (this.#y + 1) % DISPLAY_ROWS;
        }
        i += 1;
      } else i += 1;
    }
    this.#pending = b.slice(i);
  }

  clear(): void {
    for (const row of this.rows) row.fill(' ');
    this.#x = 0;
    this.#y = 0;
  }

  /** The two lines as text. */
  get lines(): [string, string] {
    return [this.rows[0]?.join('') ?? '', this.rows[1]?.join('') ?? ''];
  }
}
