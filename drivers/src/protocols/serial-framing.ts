import { ascii, fromAscii, indexOfBytes } from './bytes';

/** How a serial scanner frames each scan: optional prefix (STX) and a terminator (CR, CRLF, ETX). */
export interface SerialFraming {
  readonly prefix: Uint8Array;
  readonly suffix: Uint8Array;
  /** A frame longer than this is garbage; it is dropped and reported. */
  readonly maxLength: number;
}

export const STX = 0x02;
export const ETX = 0x03;

/** Named framings scanners ship with; configurable in the terminal config. */
export const FRAMINGS = {
  cr: { prefix: new Uint8Array(), suffix: ascii('\r'), maxLength: 4096 },
  crlf: { prefix: new Uint8Array(), suffix: ascii('\r\n'), maxLength: 4096 },
  lf: { prefix: new Uint8Array(), suffix: ascii('\n'), maxLength: 4096 },
  'stx-etx': { prefix: Uint8Array.of(STX), suffix: Uint8Array.of(ETX), maxLength: 4096 },
} satisfies Record<string, SerialFraming>;

/** One name from FRAMINGS. */
export type FramingName = keyof typeof FRAMINGS;

/** What the decoder produced from a chunk: whole frames, and bytes it had to throw away. */
export interface FrameResult {
  readonly frames: string[];
  readonly discarded: number;
}

/**
 * Reassembles frames from a byte stream that arrives in arbitrary chunks. Bytes before a required
 * prefix are noise (a scanner waking up, line garbage) and are discarded, never glued to a scan.
 */
export class SerialFrameDecoder {
  #buffer = new Uint8Array(0);

  constructor(private readonly framing: SerialFraming) {}

  push(chunk: Uint8Array): FrameResult {
    const joined = new Uint8Array(this.#buffer.length + chunk.length);
    joined.set(this.#buffer);
    joined.set(chunk, this.#buffer.length);
    const frames: string[] = [];
    let discarded = 0;
    let start = 0;
    const { prefix, suffix, maxLength } = this.framing;
    for (;;) {
      if (prefix.length > 0) {
        const at = indexOfBytes(joined, prefix, start);
        if (at < 0) {
          // Keep a possible partial prefix at the end; everything before it is noise.
          const keep = Math.min(prefix.length - 1, joined.length - start);
          discarded += joined.length - start - keep;
          start = joined.length - keep;
          break;
        }
        discarded += at - start;
        start = at;
      }
      const bodyStart = start + prefix.length;
      const end = indexOfBytes(joined, suffix, bodyStart);
      if (end < 0) {
        if (joined.length - start > maxLength) {
          discarded += joined.length - start;
          start = joined.length;
        }
        break;
      }
      // Control bytes are line noise (a scanner waking up), except GS, the GS1 field separator.
      const raw = joined.subarray(bodyStart, end);
      const body = raw.filter((b) => b >= 0x20 || b === 0x1d);
      discarded += raw.length - body.length;
      if (body.length > 0 && body.length <= maxLength) frames.push(fromAscii(body));
      else discarded += body.length;
      start = end + suffix.length;
    }
    this.#buffer = joined.slice(start);
    return { frames, discarded };
  }

  reset(): void {
    this.#buffer = new Uint8Array(0);
  }
}

/** Frames one scan for sending (used by the serial scanner simulator). */
export function encodeFrame(framing: SerialFraming, text: string): Uint8Array {
  const body = ascii(text);
  const out = new Uint8Array(framing.prefix.length + body.length + framing.suffix.length);
  out.set(framing.prefix);
  out.set(body, framing.prefix.length);
  out.set(framing.suffix, framing.prefix.length + body.length);
  return out;
}
