import { DomainError } from '../errors';
import { gs1CheckDigit } from './gtin';

/**
 * One retailer's layout of a price- or weight-embedded EAN-13 from its scales and label printers
 * (GS1 prefixes 20–29), e.g. `21 IIIII V PPPP C`: prefix, item code, price verifier, price, check digit.
 */
export interface InStoreBarcodeLayout {
  readonly id: string;
  /** Leading digits that select this layout ("21", "22", or "2" for every 2x code). */
  readonly prefixes: readonly string[];
  readonly itemCodeLength: number;
  readonly value: 'price' | 'weight';
  readonly valueLength: number;
  /** A GS1 price/measure verifier digit sits between item code and value (4- or 5-digit values only). */
  readonly valueCheckDigit: boolean;
  /** Minor units (price) or grams (weight) per unit of the encoded value; 1 by default. */
  readonly scale?: number;
}

/** What an in-store barcode says: which item, and its price or its weight. */
export interface InStoreBarcode {
  readonly layoutId: string;
  readonly itemCode: string;
  /** Minor units of the store's currency, when the layout embeds a price. */
  readonly price?: number;
  /** Grams, when the layout embeds a weight. */
  readonly weightGrams?: number;
}

// GS1 General Specifications 7.9.3: weighting results for price/measure verifier digits.
const TWO_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const THREE = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const FIVE_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const FIVE_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

/** The GS1 price/measure verifier digit of a 4- or 5-digit value. */
export function priceCheckDigit(value: string): number {
  const d = [...value].map(Number);
  const weighted = (tables: readonly (readonly number[])[]) =>
    tables.reduce((acc, table, i) => acc + (table[d[i] ?? 0] ?? 0), 0);
  if (value.length === 4) return (weighted([TWO_MINUS, TWO_MINUS, THREE, FIVE_MINUS]) * 3) % 10;
  if (value.length === 5) {
    const sum = weighted([FIVE_PLUS, TWO_MINUS, FIVE_MINUS, FIVE_PLUS, TWO_MINUS]);
    return FIVE_MINUS.indexOf((10 - (sum % 10)) % 10);
  }
  throw new DomainError(
    'barcode.bad-layout',
    `A price verifier digit exists for 4- or 5-digit values only, not ${value.length}.`,
    { value },
  );
}

/** The layout whose prefix (longest first) starts the code, or undefined for an ordinary GTIN. */
export function matchInStoreLayout(
  code: string,
  layouts: readonly InStoreBarcodeLayout[],
): InStoreBarcodeLayout | undefined {
  let best: { layout: InStoreBarcodeLayout; length: number } | undefined;
  for (const layout of layouts) {
    for (const prefix of layout.prefixes) {
      if (code.length === 13 && code.startsWith(prefix) && (!best || prefix.length > best.length)) {
        best = { layout, length: prefix.length };
      }
    }
  }
  return best?.layout;
}

/**
 * Decodes a price- or weight-embedded EAN-13 with the given layout, checking the barcode's check
 * digit and the value's verifier digit. A wrong digit is an error, never a wrong price.
 */
export function decodeInStoreBarcode(code: string, layout: InStoreBarcodeLayout): InStoreBarcode {
  const prefix = layout.prefixes.find((p) => code.startsWith(p));
  const prefixLength = prefix?.length ?? 0;
  const used =
    prefixLength + layout.itemCodeLength + (layout.valueCheckDigit ? 1 : 0) + layout.valueLength + 1;
  if (prefix === undefined || used !== 13 || !/^[0-9]{13}$/.test(code)) {
    throw new DomainError(
      'barcode.bad-layout',
      `Barcode "${code}" does not fit in-store layout "${layout.id}" (prefix + item + verifier + value + check must be 13 digits).`,
      { code, layoutId: layout.id, digits: used },
    );
  }
  const expected = gs1CheckDigit(code.slice(0, 12));
  if (expected !== Number(code.charAt(12))) {
    throw new DomainError(
      'barcode.check-digit',
      `Barcode "${code}" has a wrong check digit (expected ${expected}): rescan the label.`,
      { code, expected },
    );
  }
  let at = prefixLength;
  const itemCode = code.slice(at, (at += layout.itemCodeLength));
  const verifier = layout.valueCheckDigit ? Number(code.charAt(at++)) : undefined;
  const valueDigits = code.slice(at, at + layout.valueLength);
  if (verifier !== undefined) {
    const expectedVerifier = priceCheckDigit(valueDigits);
    if (verifier !== expectedVerifier) {
      throw new DomainError(
        'barcode.price-check-digit',
        `The ${layout.value} in barcode "${code}" fails its verifier digit (expected ${expectedVerifier}): reprint the label or key the item in.`,
        { code, expected: expectedVerifier },
      );
    }
  }
  const value = Number(valueDigits) * (layout.scale ?? 1);
  return layout.value === 'price'
    ? { layoutId: layout.id, itemCode, price: value }
    : { layoutId: layout.id, itemCode, weightGrams: value };
}
