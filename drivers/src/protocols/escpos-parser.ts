/** One command of an ESC/POS stream as the printer sees it. */
export type EscPosCommand =
  | { readonly op: 'text'; readonly bytes: Uint8Array }
  | { readonly op: 'lf' }
  | { readonly op: 'init' }
  | { readonly op: 'codepage'; readonly table: number }
  | { readonly op: 'bold'; readonly on: boolean }
  | { readonly op: 'underline'; readonly on: boolean }
  | { readonly op: 'italic'; readonly on: boolean }
  | { readonly op: 'invert'; readonly on: boolean }
  | { readonly op: 'size'; readonly width: number; readonly height: number }
  | { readonly op: 'font'; readonly font: number }
  | { readonly op: 'align'; readonly align: 'left' | 'center' | 'right' }
  | { readonly op: 'feed'; readonly lines: number }
  | { readonly op: 'barcode-setting'; readonly setting: 'height' | 'width' | 'hri'; readonly value: number }
  | { readonly op: 'barcode'; readonly system: number; readonly data: Uint8Array }
  | { readonly op: 'gs-paren'; readonly fn: number; readonly payload: Uint8Array }
  | { readonly op: 'raster'; readonly widthBytes: number; readonly height: number; readonly data: Uint8Array }
  | {
      readonly op: 'column-image';
      readonly mode: number;
      readonly columns: number;
      readonly data: Uint8Array;
    }
  | { readonly op: 'cut'; readonly partial: boolean }
  | { readonly op: 'pulse'; readonly pin: 2 | 5; readonly onMs: number; readonly offMs: number }
  | { readonly op: 'realtime-status'; readonly n: number }
  | { readonly op: 'realtime-request'; readonly n: number }
  | { readonly op: 'asb'; readonly mask: number }
  | { readonly op: 'transmit-status'; readonly n: number }
  | { readonly op: 'ignored'; readonly bytes: Uint8Array }
  | { readonly op: 'unknown'; readonly byte: number };

/** Commands that a printer executes the moment they arrive, ahead of the print buffer. */
export function isRealtime(command: EscPosCommand): boolean {
  return command.op === 'realtime-status' || command.op === 'realtime-request';
}

/** Length of a fixed-size command from its prefix, or a function of the buffer for variable ones. */
type Rule = (
  b: Uint8Array,
  i: number,
) => { len: number; make: (b: Uint8Array, i: number) => EscPosCommand } | 'need-more';

const ALIGN = ['left', 'center', 'right'] as const;
const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) + (b[i + 1] ?? 0) * 256;
const fixed =
  (len: number, make: (b: Uint8Array, i: number) => EscPosCommand): Rule =>
  (b, i) =>
    b.length - i < len ? 'need-more' : { len, make };
const ignored = (len: number): Rule => fixed(len, (b, i) => ({ op: 'ignored', bytes: b.slice(i, i + len) }));

const ESC_RULES: Record<number, Rule> = {
  0x40: fixed(2, () => ({ op: 'init' })),
  0x45: fixed(3, (b, i) => ({ op: 'bold', on: ((b[i + 2] ?? 0) & 1) === 1 })),
  0x47: ignored(3),
  0x2d: fixed(3, (b, i) => ({ op: 'underline', on: ((b[i + 2] ?? 0) & 3) !== 0 && b[i + 2] !== 0x30 })),
  0x34: fixed(3, (b, i) => ({ op: 'italic', on: ((b[i + 2] ?? 0) & 1) === 1 })),
  0x4d: fixed(3, (b, i) => ({ op: 'font', font: (b[i + 2] ?? 0) & 0x0f })),
  0x74: fixed(3, (b, i) => ({ op: 'codepage', table: b[i + 2] ?? 0 })),
  0x61: fixed(3, (b, i) => ({ op: 'align', align: ALIGN[(b[i + 2] ?? 0) % 48] ?? 'left' })),
  0x21: fixed(3, (b, i) => {
    const n = b[i + 2] ?? 0;
    return { op: 'size', width: n & 0x20 ? 2 : 1, height: n & 0x10 ? 2 : 1 };
  }),
  0x64: fixed(3, (b, i) => ({ op: 'feed', lines: b[i + 2] ?? 0 })),
  0x4a: fixed(3, (b, i) => ({ op: 'feed', lines: Math.round((b[i + 2] ?? 0) / 30) })),
  0x70: fixed(5, (b, i) => ({
    op: 'pulse',
    pin: b[i + 2] === 1 || b[i + 2] === 0x31 ? 5 : 2,
    onMs: (b[i + 3] ?? 0) * 2,
    offMs: (b[i + 4] ?? 0) * 2,
  })),
  0x69: fixed(2, () => ({ op: 'cut', partial: false })),
  0x6d: fixed(2, () => ({ op: 'cut', partial: true })),
  0x32: ignored(2),
  0x33: ignored(3),
  0x20: ignored(3),
  0x52: ignored(3),
  0x56: ignored(3),
  0x7b: ignored(3),
  0x55: ignored(3),
  0x3d: ignored(3),
  0x24: ignored(4),
  0x5c: ignored(4),
  0x63: ignored(4),
  0x2a: (b, i) => {
    if (b.length - i < 5) return 'need-more';
    const mode = b[i + 2] ?? 0;
    const columns = u16(b, i + 3);
    const bytesPerColumn = mode === 32 || mode === 33 ? 3 : 1;
    const len = 5 + columns * bytesPerColumn;
    if (b.length - i < len) return 'need-more';
    return { len, make: () => ({ op: 'column-image', mode, columns, data: b.slice(i + 5, i + len) }) };
  },
};

const GS_RULES: Record<number, Rule> = {
  0x21: fixed(3, (b, i) => ({
    op: 'size',
    width: (((b[i + 2] ?? 0) >> 4) & 7) + 1,
    height: ((b[i + 2] ?? 0) & 7) + 1,
  })),
  0x42: fixed(3, (b, i) => ({ op: 'invert', on: ((b[i + 2] ?? 0) & 1) === 1 })),
  0x68: fixed(3, (b, i) => ({ op: 'barcode-setting', setting: 'height', value: b[i + 2] ?? 0 })),
  0x77: fixed(3, (b, i) => ({ op: 'barcode-setting', setting: 'width', value: b[i + 2] ?? 0 })),
  0x48: fixed(3, (b, i) => ({ op: 'barcode-setting', setting: 'hri', value: b[i + 2] ?? 0 })),
  0x66: ignored(3),
  0x62: ignored(3),
  0x49: ignored(3),
  0x2f: ignored(3),
  0x4c: ignored(4),
  0x57: ignored(4),
  0x50: ignored(4),
  0x61: fixed(3, (b, i) => ({ op: 'asb', mask: b[i + 2] ?? 0 })),
  0x72: fixed(3, (b, i) => ({ op: 'transmit-status', n: b[i + 2] ?? 0 })),
  0x56: (b, i) => {
    if (b.length - i < 3) return 'need-more';
    const m = b[i + 2] ?? 0;
    const len = [0, 1, 48, 49].includes(m) ? 3 : 4;
    if (b.length - i < len) return 'need-more';
    return { len, make: () => ({ op: 'cut', partial: m === 1 || m === 49 || m === 66 || m === 98 }) };
  },
  0x6b: (b, i) => {
    if (b.length - i < 3) return 'need-more';
    const system = b[i + 2] ?? 0;
    if (system <= 6) {
      const end = b.indexOf(0, i + 3);
      if (end < 0) return 'need-more';
      return { len: end + 1 - i, make: () => ({ op: 'barcode', system, data: b.slice(i + 3, end) }) };
    }
    if (b.length - i < 4) return 'need-more';
    const len = 4 + (b[i + 3] ?? 0);
    if (b.length - i < len) return 'need-more';
    return { len, make: () => ({ op: 'barcode', system, data: b.slice(i + 4, i + len) }) };
  },
  0x28: (b, i) => {
    if (b.length - i < 5) return 'need-more';
    const len = 5 + u16(b, i + 3);
    if (b.length - i < len) return 'need-more';
    return { len, make: () => ({ op: 'gs-paren', fn: b[i + 2] ?? 0, payload: b.slice(i + 5, i + len) }) };
  },
  0x76: (b, i) => {
    if (b.length - i < 8) return 'need-more';
    const widthBytes = u16(b, i + 4);
    const height = u16(b, i + 6);
    const len = 8 + widthBytes * height;
    if (b.length - i < len) return 'need-more';
    return { len, make: () => ({ op: 'raster', widthBytes, height, data: b.slice(i + 8, i + len) }) };
  },
};

const FS_RULES: Record<number, Rule> = {
  0x2e: ignored(2),
  0x26: ignored(2),
  0x43: ignored(3),
  0x70: ignored(4),
};

const DLE_RULES: Record<number, Rule> = {
  0x04: fixed(3, (b, i) => ({ op: 'realtime-status', n: b[i + 2] ?? 0 })),
  0x05: fixed(3, (b, i) => ({ op: 'realtime-request', n: b[i + 2] ?? 0 })),
  0x14: fixed(5, (b, i) =>
    b[i + 2] === 1
      ? {
          op: 'pulse',
          pin: b[i + 3] === 1 ? 5 : 2,
          onMs: (b[i + 4] ?? 0) * 100,
          offMs: (b[i + 4] ?? 0) * 100,
        }
      : { op: 'ignored', bytes: b.slice(i, i + 5) },
  ),
};

const PREFIXES: Record<number, Record<number, Rule>> = {
  0x1b: ESC_RULES,
  0x1d: GS_RULES,
  0x1c: FS_RULES,
  0x10: DLE_RULES,
};

/**
 * A streaming ESC/POS tokenizer. Every command is consumed with its full length, so bytes inside a
 * raster image, a barcode or a QR payload are never mistaken for commands — including `10 04 n`,
 * which a naive scanner would answer as a status request in the middle of a logo.
 */
export class EscPosParser {
  #buffer = new Uint8Array(0);

  push(chunk: Uint8Array): EscPosCommand[] {
    const b = new Uint8Array(this.#buffer.length + chunk.length);
    b.set(this.#buffer);
    b.set(chunk, this.#buffer.length);
    const out: EscPosCommand[] = [];
    let i = 0;
    while (i < b.length) {
      const byte = b[i] as number;
      const table = PREFIXES[byte];
      if (table) {
        if (b.length - i < 2) break;
        const rule = table[b[i + 1] as number];
        if (!rule) {
          out.push({ op: 'unknown', byte });
          i += 1;
          continue;
        }
        const result = rule(b, i);
        if (result === 'need-more') break;
        out.push(result.make(b, i));
        i += result.len;
      } else if (byte === 0x0a) {
        out.push({ op: 'lf' });
        i += 1;
      } else if (byte >= 0x20) {
        let end = i;
        while (end < b.length && (b[end] as number) >= 0x20) end += 1;
        out.push({ op: 'text', bytes: b.slice(i, end) });
        i = end;
      } else {
        // CR, HT and other lone controls do nothing on a receipt printer in standard mode.
        if (byte !== 0x0d && byte !== 0x09) out.push({ op: 'unknown', byte });
        i += 1;
      }
    }
    this.#buffer = b.slice(i);
    return out;
  }

  /** Bytes held back waiting for the rest of a command. */
  get pendingBytes(): number {
    return this.#buffer.length;
  }

  reset(): void {
    this.#buffer = new Uint8Array(0);
  }
}
