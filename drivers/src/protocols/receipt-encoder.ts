import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { MonoBitmap, ReceiptDocument } from './receipt-document';

/** How a printer model is addressed: column count and code page table (see the encoder's model list). */
export interface ReceiptEncoding {
  readonly columns?: number;
  /** A model name known to @point-of-sale/receipt-printer-encoder; it fixes the code page mapping. */
  readonly printerModel?: string;
}

const DEFAULT_MODEL = 'epson-tm-t88vi';

/** RGBA pixels in the shape the encoder's image() takes (ImageData without a DOM). */
function toImageData(bitmap: MonoBitmap): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(bitmap.width * bitmap.height * 4);
  for (let p = 0; p < bitmap.width * bitmap.height; p += 1) {
    const v = bitmap.pixels[p] ? 0 : 255;
    data.set([v, v, v, 255], p * 4);
  }
  return { width: bitmap.width, height: bitmap.height, data };
}

/**
 * Code pages tried in order for non-ASCII characters: PC858 (Latin-1 + €) covers western Europe,
 * PC852 Latin-2 (ł, ą, ś), PC866 Cyrillic. The encoder's own `auto` mode searches every table per
 * character and costs ~8 ms a line; it remains the fallback for characters none of these has.
 */
const CANDIDATES: readonly Codepage[] = [
  'cp858',
  'cp852',
  'cp866',
  'cp857',
  'windows1252',
  'windows1250',
  'windows1251',
  'cp437',
];
let coverage: Map<Codepage, Set<number>> | undefined;

/** Splits text into runs that each print in one code page, switching as rarely as possible. */
export function codepageRuns(text: string): Array<{ page: Codepage | 'auto'; text: string }> {
  coverage ??= new Map(CANDIDATES.map((c) => [c, new Set(CodepageEncoder.getCodepoints(c, true))]));
  const table = coverage;
  const out: Array<{ page: Codepage | 'auto'; text: string }> = [];
  let current: Codepage = 'cp858';
  for (const ch of text) {
    const point = ch.codePointAt(0) ?? 0;
    let page: Codepage | 'auto' = current;
    if (point >= 0x80 && !table.get(current)?.has(point))
      page = CANDIDATES.find((c) => table.get(c)?.has(point)) ?? 'auto';
    const last = out.at(-1);
    if (last?.page === page) last.text += ch;
    else out.push({ page, text: ch });
    if (page !== 'auto') current = page;
  }
  return out;
}

function printLine(encoder: ReceiptPrinterEncoder, text: string): void {
  for (const run of codepageRuns(text)) encoder.codepage(run.page).text(run.text);
  encoder.newline();
}

/**
 * Encodes a receipt to ESC/POS through @point-of-sale/receipt-printer-encoder, choosing a code page
 * per run of text so €, é, ü, ñ and ł each land in a table the printer has.
 */
export function encodeReceipt(document: ReceiptDocument, encoding: ReceiptEncoding = {}): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    printerModel: (encoding.printerModel ?? DEFAULT_MODEL) as 'epson-tm-t88vi',
    columns: encoding.columns ?? 42,
    imageMode: 'raster',
    newline: '\n',
  });
  encoder.initialize();
  const columns = encoder.columns;
  for (const block of document.blocks) {
    switch (block.type) {
      case 'text': {
        encoder.align(block.align ?? 'left');
        if (block.bold) encoder.bold(true);
        if (block.underline) encoder.underline(true);
        if (block.invert) encoder.invert(true);
        if (block.size === 2) encoder.size(2, 2);
        printLine(encoder, block.text);
        if (block.size === 2) encoder.size(1, 1);
        if (block.invert) encoder.invert(false);
        if (block.underline) encoder.underline(false);
        if (block.bold) encoder.bold(false);
        encoder.align('left');
        break;
      }
      case 'columns': {
        const right = block.right.slice(0, columns);
        const room = Math.max(0, columns - right.length - 1);
        const left = block.left.length > room ? block.left.slice(0, room) : block.left.padEnd(room);
        if (block.bold) encoder.bold(true);
        printLine(encoder, `${left} ${right}`);
        if (block.bold) encoder.bold(false);
        break;
      }
      case 'rule':
        encoder.rule();
        break;
      case 'feed':
        encoder.newline(block.lines);
        break;
      case 'barcode':
        encoder
          .align('center')
          .barcode(block.value, block.symbology, block.height ?? 60)
          .align('left');
        break;
      case 'qr':
        encoder
          .align('center')
          .qrcode(block.value, { model: 2, size: block.moduleSize ?? 6, errorlevel: 'm' })
          .align('left');
        break;
      case 'image':
        encoder
          .align('center')
          .image(toImageData(block.bitmap), block.bitmap.width, block.bitmap.height, 'threshold')
          .align('left');
        break;
    }
  }
  const cut = document.cut ?? 'partial';
  if (cut !== 'none') encoder.cut(cut);
  return encoder.encode();
}
