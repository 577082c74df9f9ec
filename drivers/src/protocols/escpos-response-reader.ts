import { isAsbHeaderByte, isRealtimeStatusByte, parseAsb, type PrinterStatus } from './escpos-status';

/** One message a printer sent back. */
export type PrinterResponse =
  | { readonly kind: 'realtime'; readonly byte: number }
  | { readonly kind: 'asb'; readonly status: PrinterStatus }
  | { readonly kind: 'process-id'; readonly id: string }
  | { readonly kind: 'discarded'; readonly bytes: number };

/** A prefix of `37 22 d d d d 00` that may still complete. */
function couldBeProcessId(prefix: number[]): boolean {
  return prefix.every((b, k) =>
    k === 0 ? b === 0x37 : k === 1 ? b === 0x22 : k < 6 ? b >= 0x30 && b <= 0x39 : b === 0,
  );
}

/**
 * Splits the printer→host byte stream. The three message shapes are told apart by their fixed bits
 * (Epson's documented way), and a process-id block (0x37 0x22 dddd NUL) carries our own id, so noise
 * can never acknowledge a job. Bytes fitting no shape are counted and dropped.
 */
export class EscPosResponseReader {
  #pending: number[] = [];

  push(chunk: Uint8Array): PrinterResponse[] {
    const out: PrinterResponse[] = [];
    const bytes = [...this.#pending, ...chunk];
    let i = 0;
    let discarded = 0;
    const flushDiscarded = (): void => {
      if (discarded > 0) out.push({ kind: 'discarded', bytes: discarded });
      discarded = 0;
    };
    while (i < bytes.length) {
      const byte = bytes[i] as number;
      if (byte === 0x37) {
        if (bytes.length - i < 7 && couldBeProcessId(bytes.slice(i))) break;
        if (bytes[i + 1] === 0x22 && bytes[i + 6] === 0x00) {
          const digits = bytes.slice(i + 2, i + 6);
          if (digits.every((d) => d >= 0x30 && d <= 0x39)) {
            flushDiscarded();
            out.push({ kind: 'process-id', id: String.fromCharCode(...digits) });
            i += 7;
            continue;
          }
        }
        discarded += 1;
        i += 1;
      } else if (isAsbHeaderByte(byte)) {
        if (bytes.length - i < 4 && bytes.slice(i + 1).every((b) => (b & 0x90) === 0)) break;
        const block = bytes.slice(i, i + 4) as [number, number, number, number];
        if (block.slice(1).every((b) => (b & 0x90) === 0)) {
          flushDiscarded();
          out.push({ kind: 'asb', status: parseAsb(block) });
          i += 4;
        } else {
          discarded += 1;
          i += 1;
        }
      } else if (isRealtimeStatusByte(byte)) {
        flushDiscarded();
        out.push({ kind: 'realtime', byte });
        i += 1;
      } else {
        discarded += 1;
        i += 1;
      }
    }
    flushDiscarded();
    this.#pending = bytes.slice(i);
    return out;
  }

  reset(): void {
    this.#pending = [];
  }
}
