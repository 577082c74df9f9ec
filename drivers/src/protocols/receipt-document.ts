/** A monochrome bitmap (a logo): `pixels[y * width + x]` is 1 for black. Width a multiple of 8. */
export interface MonoBitmap {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** Barcode symbologies a receipt can carry (ESC/POS GS k). */
export type ReceiptBarcodeSymbology = 'ean13' | 'ean8' | 'upca' | 'code39' | 'code128' | 'itf';

/** One block of a receipt; the terminal builds these from an order, the driver encodes them. */
export type ReceiptBlock =
  | {
      readonly type: 'text';
      readonly text: string;
      readonly bold?: boolean;
      readonly underline?: boolean;
      readonly invert?: boolean;
      readonly size?: 1 | 2;
      readonly align?: 'left' | 'center' | 'right';
    }
  /** Two columns, the right one aligned to the edge (item and price). */
  | { readonly type: 'columns'; readonly left: string; readonly right: string; readonly bold?: boolean }
  | { readonly type: 'rule' }
  | { readonly type: 'feed'; readonly lines: number }
  | {
      readonly type: 'barcode';
      readonly value: string;
      readonly symbology: ReceiptBarcodeSymbology;
      readonly height?: number;
    }
  | { readonly type: 'qr'; readonly value: string; readonly moduleSize?: number }
  | { readonly type: 'image'; readonly bitmap: MonoBitmap };

/** A receipt as the driver receives it: what to print and how to finish. */
export interface ReceiptDocument {
  readonly blocks: readonly ReceiptBlock[];
  /** Default `partial`; `none` for a slip that continues. */
  readonly cut?: 'full' | 'partial' | 'none';
}
