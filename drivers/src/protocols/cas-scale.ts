import { ascii, fromAscii } from './bytes';
import { parseThousandths, type WeightReading } from './weight';

/**
 * CAS scales (PD-II, ER, SW series) answer `W` with one ASCII line: `ST,GS,+001.234kg` CR LF, where
 * the first header is ST (stable), US (unstable) or OL (overload), the second GS (gross) or NT (net),
 * then sign and weight in seven characters and the unit. `Z` zeroes the scale.
 */
export const CAS_REQUEST_WEIGHT = ascii('W');
export const CAS_ZERO = ascii('Z');

const LINE = /^(ST|US|OL),(GS|NT),([+-])([ \d.]{7})\s*(kg|lb)$/;

/** Splits CR LF lines and parses each; malformed lines are dropped. */
export class CasLineReader {
  #text = '';

  push(chunk: Uint8Array): WeightReading[] {
    this.#text += fromAscii(chunk);
    const lines = this.#text.split(/\r?\n/);
    this.#text = lines.pop() ?? '';
    if (this.#text.length > 256) this.#text = '';
    return lines.map((line) => parseCasLine(line.trim())).filter((r): r is WeightReading => r !== undefined);
  }
}

export function parseCasLine(line: string): WeightReading | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  const [, state, , sign, digits, unit] = match as unknown as [
    string,
    'ST' | 'US' | 'OL',
    string,
    string,
    string,
    'kg' | 'lb',
  ];
  const magnitude = parseThousandths(digits);
  if (magnitude === undefined) return undefined;
  const thousandths = sign === '-' ? -magnitude : magnitude;
  return {
    thousandths: state === 'OL' ? 0 : thousandths,
    unit,
    stable: state === 'ST',
    overload: state === 'OL',
    underZero: thousandths < 0,
  };
}

/** Encodes a reading as a CAS line (for the simulator). */
export function encodeCasLine(reading: WeightReading): Uint8Array {
  const state = reading.overload ? 'OL' : reading.stable ? 'ST' : 'US';
  const abs = Math.abs(reading.thousandths);
  const weight = `${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`.padStart(7, '0');
  return ascii(`${state},GS,${reading.thousandths < 0 ? '-' : '+'}${weight}${reading.unit}\r\n`);
}
