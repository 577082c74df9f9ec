import { ascii, fromAscii } from './bytes';
import { formatThousandths, parseThousandths, type WeightReading } from './weight';

/**
 * Mettler Toledo 8217 ("NCR 8217" scanner-scale protocol). Host sends `W`; a stable weight comes back
 * as STX "dd.ddd" CR; otherwise STX "?" status CR, where the status byte has bit 0 in motion, bit 1
 * over capacity, bit 2 under zero, bit 3 outside zero capture range, bit 4 at center of zero, bit 5
 * always set. `Z` zeroes the scale (no answer); `S` asks for the status frame alone.
 */
export const TOLEDO_REQUEST_WEIGHT = ascii('W');
export const TOLEDO_ZERO = ascii('Z');
export const TOLEDO_REQUEST_STATUS = ascii('S');

const STX = 0x02;
const CR = 0x0d;

/** The Toledo status byte's flags. */
export interface ToledoStatus {
  readonly inMotion: boolean;
  readonly overCapacity: boolean;
  readonly underZero: boolean;
  readonly outsideZeroRange: boolean;
  readonly centerOfZero: boolean;
}

/** One answer of a Toledo scale. */
export type ToledoFrame =
  | { readonly kind: 'weight'; readonly thousandths: number }
  | { readonly kind: 'status'; readonly status: ToledoStatus };

/** Splits STX…CR frames out of the byte stream; malformed frames and noise are dropped. */
export class ToledoFrameReader {
  #buffer: number[] = [];

  push(chunk: Uint8Array): ToledoFrame[] {
    this.#buffer.push(...chunk);
    const out: ToledoFrame[] = [];
    for (;;) {
      const start = this.#buffer.indexOf(STX);
      if (start < 0) {
        this.#buffer = [];
        break;
      }
      const end = this.#buffer.indexOf(CR, start);
      if (end < 0) {
        this.#buffer = this.#buffer.slice(start);
        break;
      }
      const body = this.#buffer.slice(start + 1, end);
      this.#buffer = this.#buffer.slice(end + 1);
      const frame = parseToledoBody(body);
      if (frame) out.push(frame);
    }
    return out;
  }
}

function parseToledoBody(body: number[]): ToledoFrame | undefined {
  if (body[0] === 0x3f && body.length === 2) {
    const s = body[1] as number;
    if ((s & 0x20) === 0) return undefined;
    return {
      kind: 'status',
      status: {
        inMotion: (s & 1) !== 0,
        overCapacity: (s & 2) !== 0,
        underZero: (s & 4) !== 0,
        outsideZeroRange: (s & 8) !== 0,
        centerOfZero: (s & 16) !== 0,
      },
    };
  }
  const text = fromAscii(Uint8Array.from(body));
  if (!/^\d{2}\.\d{3}$/.test(text)) return undefined;
  const thousandths = parseThousandths(text);
  return thousandths === undefined ? undefined : { kind: 'weight', thousandths };
}

/** A frame as a reading; a status frame means no sellable weight. */
export function toledoReading(frame: ToledoFrame, unit: 'kg' | 'lb'): WeightReading {
  if (frame.kind === 'weight')
    return { thousandths: frame.thousandths, unit, stable: true, overload: false, underZero: false };
  const { status } = frame;
  return { thousandths: 0, unit, stable: false, overload: status.overCapacity, underZero: status.underZero };
}

/** Encodes the scale's answers (for the simulator). */
export function encodeToledoWeight(thousandths: number): Uint8Array {
  return Uint8Array.of(STX, ...ascii(formatThousandths(thousandths, 2)), CR);
}

export function encodeToledoStatus(status: Partial<ToledoStatus>): Uint8Array {
  const byte =
    0x20 |
    (status.inMotion ? 1 : 0) |
    (status.overCapacity ? 2 : 0) |
    (status.underZero ? 4 : 0) |
    (status.outsideZeroRange ? 8 : 0) |
    (status.centerOfZero ? 16 : 0);
  return Uint8Array.of(STX, 0x3f, byte, CR);
}
