import { DomainError } from '../errors';

/** A barcode symbology that carries a GTIN. */
export type GtinSymbology = 'ean-13' | 'ean-8' | 'upc-a' | 'upc-e' | 'gtin-14';

/** A scanned GTIN, validated and normalised to the 14 digits every index keys on. */
export interface Gtin {
  readonly symbology: GtinSymbology;
  readonly gtin14: string;
}

/** The GS1 mod-10 check digit of the digits before it (weights 3,1 from the right). */
export function gs1CheckDigit(body: string): number {
  assertDigits(body);
  let total = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i -= 1, weight = 4 - weight) {
    total += (body.charCodeAt(i) - 48) * weight;
  }
  return (10 - (total % 10)) % 10;
}

/** True when the last digit of `code` is its GS1 check digit. */
export function hasValidCheckDigit(code: string): boolean {
  if (!/^[0-9]{2,}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}

/**
 * Expands a UPC-E code (6 digits, 7 with number system, 8 with check digit) to its 12-digit UPC-A,
 * checking the check digit when present.
 */
export function expandUpcE(code: string): string {
  assertDigits(code);
  if (code.length < 6 || code.length > 8) {
    throw new DomainError('barcode.bad-length', `UPC-E "${code}" must have 6, 7 or 8 digits.`, { code });
  }
  const system = code.length === 6 ? '0' : code.charAt(0);
  if (system !== '0' && system !== '1') {
    throw new DomainError('barcode.bad-upc-e', `UPC-E "${code}" must start with number system 0 or 1.`, {
      code,
    });
  }
  const d = code.length === 6 ? code : code.slice(1, 7);
  const last = d.charAt(5);
  let body: string;
  if (last <= '2') body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${d.slice(0, 4)}00000${d.charAt(4)}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  const upcA11 = system + body;
  const check = gs1CheckDigit(upcA11);
  if (code.length === 8 && Number(code.charAt(7)) !== check) throw badCheckDigit(code, check);
  return `${upcA11}${check}`;
}

/**
 * Validates a GTIN and normalises it to 14 digits. Eight digits are EAN-8 unless the scanner reported
 * UPC-E (pass `symbology`), because the two cannot be told apart by their digits.
 */
export function normalizeGtin(code: string, symbology?: GtinSymbology): Gtin {
  const digits = code.trim();
  assertDigits(digits);
  if (symbology === 'upc-e' || (digits.length <= 7 && digits.length >= 6)) {
    return { symbology: 'upc-e', gtin14: expandUpcE(digits).padStart(14, '0') };
  }
  const byLength: Record<number, GtinSymbology> = { 8: 'ean-8', 12: 'upc-a', 13: 'ean-13', 14: 'gtin-14' };
  const detected = byLength[digits.length];
  if (!detected) {
    throw new DomainError(
      'barcode.bad-length',
      `Barcode "${digits}" has ${digits.length} digits; a GTIN has 8, 12, 13 or 14.`,
      { code: digits },
    );
  }
  const check = gs1CheckDigit(digits.slice(0, -1));
  if (check !== Number(digits.slice(-1))) throw badCheckDigit(digits, check);
  return { symbology: symbology ?? detected, gtin14: digits.padStart(14, '0') };
}

function assertDigits(code: string): void {
  if (!/^[0-9]+$/.test(code)) {
    throw new DomainError('barcode.not-numeric', `Barcode "${code}" must contain digits only.`, { code });
  }
}

function badCheckDigit(code: string, expected: number): DomainError {
  return new DomainError(
    'barcode.check-digit',
    `Barcode "${code}" has a wrong check digit (expected ${expected}): rescan it or key it in again.`,
    { code, expected },
  );
}
