/** A barcode symbology, named after what a retailer meets at the counter. */
export type Symbology =
  | 'ean-13'
  | 'ean-8'
  | 'upc-a'
  | 'upc-e'
  | 'code-128'
  | 'gs1-128'
  | 'code-39'
  | 'code-93'
  | 'itf'
  | 'codabar'
  | 'gs1-databar'
  | 'qr'
  | 'data-matrix'
  | 'gs1-data-matrix'
  | 'pdf417'
  | 'aztec'
  | 'unknown';

/** A decoded scan, the data event of every scanner. */
export interface ScanData {
  /** The decoded content without the AIM identifier and framing. */
  readonly data: string;
  readonly symbology: Symbology;
  /** The AIM symbology identifier as sent (`]E0`), when the scanner sent one. */
  readonly aimId?: string;
}

/**
 * AIM identifiers (ISO/IEC 15424: `]` + code character + modifier). EAN/UPC share `]E`: the modifier
 * and the data length tell EAN-13 (`]E0`, 13 digits, UPC-A has a leading 0) from EAN-8 (`]E4`).
 */
export function symbologyFromAim(aimId: string, data: string): Symbology {
  const code = aimId[1];
  const modifier = aimId[2];
  switch (code ?? '') {
    case 'E':
      if (modifier === '4') return 'ean-8';
      if (data.length === 13 && data.startsWith('0')) return 'upc-a';
      if (data.length === 8 || data.length === 7) return 'upc-e';
      return 'ean-13';
    case 'C':
      return modifier === '1' ? 'gs1-128' : 'code-128';
    case 'A':
      return 'code-39';
    case 'G':
      return 'code-93';
    case 'I':
      return 'itf';
    case 'F':
      return 'codabar';
    case 'e':
      return 'gs1-databar';
    case 'Q':
      return 'qr';
    case 'd':
      return modifier === '2' ? 'gs1-data-matrix' : 'data-matrix';
    case 'L':
      return 'pdf417';
    case 'z':
      return 'aztec';
    default:
      return 'unknown';
  }
}

const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/** Splits a leading AIM identifier off a scan, if there is one. */
export function parseAimScan(text: string): ScanData {
  if (AIM_PREFIX.test(text)) {
    const aimId = text.slice(0, 3);
    const data = text.slice(3);
    return { data, aimId, symbology: symbologyFromAim(aimId, data) };
  }
  return { data: text, symbology: 'unknown' };
}
