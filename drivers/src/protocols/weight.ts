/** A scale reading. Weight is an integer in thousandths of the unit (grams for kg), never a float. */
export interface WeightReading {
  readonly thousandths: number;
  readonly unit: 'kg' | 'lb';
  /** Only a stable reading may be sold by weight (legal-for-trade rule). */
  readonly stable: boolean;
  readonly overload: boolean;
  readonly underZero: boolean;
}

/** Parses "01.234" / "-0.5" / "  1.2" to integer thousandths without a float; undefined if malformed. */
export function parseThousandths(text: string): number | undefined {
  const match = /^\s*([+-])?\s*(\d*)(?:\.(\d{0,3}))?\s*$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const whole = Number(match[2] || '0');
  const fraction = Number((match[3] ?? '').padEnd(3, '0'));
  const value = whole * 1000 + fraction;
  return match[1] === '-' ? -value : value;
}

/** Formats integer thousandths as "01.234" with the given integer digits (for simulators). */
export function formatThousandths(value: number, integerDigits: number): string {
  const abs = Math.abs(value);
  const text = `${String(Math.floor(abs / 1000)).padStart(integerDigits, '0')}.${String(abs % 1000).padStart(3, '0')}`;
  return value < 0 ? `-${text}` : text;
}
