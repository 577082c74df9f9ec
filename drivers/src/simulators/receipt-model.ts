import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import type { EscPosCommand } from '../protocols/escpos-parser';

/** A run of text with the styles it was printed in. */
export interface TextSpan {
  readonly text: string;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly invert: boolean;
  readonly width: number;
  readonly height: number;
}

/** One printed element of a receipt, in paper order. */
export type ReceiptElement =
  | {
      readonly type: 'line';
      readonly spans: readonly TextSpan[];
      readonly align: 'left' | 'center' | 'right';
    }
  | {
      readonly type: 'barcode';
      readonly symbology: string;
      readonly data: string;
      readonly height: number;
      readonly hri: boolean;
    }
  | { readonly type: 'qr'; readonly data: string; readonly moduleSize: number }
  | {
      readonly type: 'raster';
      readonly widthBytes: number;
      readonly height: number;
      readonly data: Uint8Array;
    };

/** A receipt as it came out of the simulated printer. */
export interface PrintedReceipt {
  readonly index: number;
  readonly elements: readonly ReceiptElement[];
  readonly cut: 'full' | 'partial' | 'none';
}

/** Epson's ESC t table numbers (as used by the encoder's `epson` mapping). */
const EPSON_TABLES: Readonly<Record<number, Codepage>> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  11: 'cp851',
  12: 'cp853',
  13: 'cp857',
  14: 'cp737',
  15: 'iso8859-7',
  16: 'windows1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  32: 'cp720',
  33: 'cp775',
  34: 'cp855',
  35: 'cp861',
  36: 'cp862',
  37: 'cp864',
  38: 'cp869',
  40: 'iso8859-15',
  44: 'cp1125',
  45: 'windows1250',
  46: 'windows1251',
  47: 'windows1253',
  48: 'windows1254',
  49: 'windows1255',
  50: 'windows1256',
  51: 'windows1257',
  52: 'windows1258',
  53: 'rk1048',
};

const tableCache = new Map<number, number[] | undefined>();

function codepoints(table: number): number[] | undefined {
  if (!tableCache.has(table)) {
    const name = EPSON_TABLES[table];
    tableCache.set(
      table,
      name && CodepageEncoder.supports(name) ? CodepageEncoder.getCodepoints(name, true) : undefined,
    );
  }
  return tableCache.get(table);
}

/** Decodes printer bytes in ESC t table `table` the way the printer's character ROM would. */
export function decodeCodepage(bytes: Uint8Array, table: number): string {
  const points = codepoints(table);
  let out = '';
  for (const byte of bytes) {
    const point = byte < 0x80 ? byte : points?.[byte];
    out += point === undefined || point === 0 ? '?' : String.fromCodePoint(point);
  }
  return out;
}

const BARCODE_SYSTEMS: Readonly<Record<number, string>> = {
  0: 'upca',
  65: 'upca',
  1: 'upce',
  66: 'upce',
  2: 'ean13',
  67: 'ean13',
  3: 'ean8',
  68: 'ean8',
  4: 'code39',
  69: 'code39',
  5: 'interleaved2of5',
  70: 'interleaved2of5',
  6: 'rationalizedCodabar',
  71: 'rationalizedCodabar',
  72: 'code93',
  73: 'code128',
};

/** CODE128 data in GS k starts with a code-set selector ({A, {B, {C); code C carries digit pairs as bytes. */
function code128Text(data: Uint8Array): string {
  let out = '';
  let set = 'B';
  for (let i = 0; i < data.length; i += 1) {
    const byte = data[i] as number;
    if (byte === 0x7b && i + 1 < data.length) {
      const next = String.fromCharCode(data[i + 1] as number);
      if ('ABC'.includes(next)) {
        set = next;
        i += 1;
        continue;
      }
    }
    out += set === 'C' ? String(byte).padStart(2, '0') : String.fromCharCode(byte);
  }
  return out;
}

/**
 * Executes ESC/POS commands into a paper model: styles, code pages, barcodes, QR symbols, raster
 * images and cuts. What it does not model (page mode, NV graphics) is counted, not guessed.
 */
export class ReceiptInterpreter {
  #elements: ReceiptElement[] = [];
  #spans: TextSpan[] = [];
  #style = { bold: false, underline: false, invert: false, width: 1, height: 1 };
  #align: 'left' | 'center' | 'right' = 'left';
  #table = 0;
  #barcode = { height: 162, hri: false };
  #qr = { data: '', moduleSize: 3 };
  #count = 0;
  unsupported = 0;
  /** Lines fed since start; the simulator uses it to run out of paper mid-job. */
  linesFed = 0;

  /** Runs one command; returns a finished receipt when the command was a cut. */
  execute(command: EscPosCommand): PrintedReceipt | undefined {
    switch (command.op) {
      case 'text':
        this.#spans.push({ text: decodeCodepage(command.bytes, this.#table), ...this.#style });
        return undefined;
      case 'lf':
        this.endLine();
        return undefined;
      case 'init':
        this.#style = { bold: false, underline: false, invert: false, width: 1, height: 1 };
        this.#align = 'left';
        this.#table = 0;
        return undefined;
      case 'codepage':
        this.#table = command.table;
        return undefined;
      case 'bold':
      case 'underline':
      case 'invert':
        this.#style = { ...this.#style, [command.op]: command.on };
        return undefined;
      case 'size':
        this.#style = { ...this.#style, width: command.width, height: command.height };
        return undefined;
      case 'align':
        this.#align = command.align;
        return undefined;
      case 'feed':
        for (let i = 0; i < command.lines; i += 1) this.endLine();
        return undefined;
      case 'barcode-setting':
        if (command.setting === 'height') this.#barcode.height = command.value;
        if (command.setting === 'hri') this.#barcode.hri = command.value !== 0 && command.value !== 0x30;
        return undefined;
      case 'barcode': {
        const symbology = BARCODE_SYSTEMS[command.system] ?? 'unknown';
        const data =
          symbology === 'code128' ? code128Text(command.data) : String.fromCharCode(...command.data);
        this.flushSpans();
        this.#elements.push({
          type: 'barcode',
          symbology,
          data,
          height: this.#barcode.height,
          hri: this.#barcode.hri,
        });
        return undefined;
      }
      case 'gs-paren':
        this.gsParen(command.fn, command.payload);
        return undefined;
      case 'raster':
        this.flushSpans();
        this.#elements.push({
          type: 'raster',
          widthBytes: command.widthBytes,
          height: command.height,
          data: command.data,
        });
        return undefined;
      case 'cut':
        return this.finish(command.partial ? 'partial' : 'full');
      case 'column-image':
      case 'unknown':
        this.unsupported += 1;
        return undefined;
      case 'italic':
      case 'font':
      case 'pulse':
      case 'realtime-status':
      case 'realtime-request':
      case 'asb':
      case 'transmit-status':
      case 'ignored':
        return undefined;
    }
  }

  private gsParen(fn: number, payload: Uint8Array): void {
    if (fn !== 0x6b || payload[0] !== 0x31) return;
    const qrFn = payload[1];
    if (qrFn === 0x43) this.#qr.moduleSize = payload[2] ?? 3;
    else if (qrFn === 0x50) this.#qr.data = new TextDecoder().decode(payload.subarray(3));
    else if (qrFn === 0x51) {
      this.flushSpans();
      this.#elements.push({ type: 'qr', data: this.#qr.data, moduleSize: this.#qr.moduleSize });
    }
  }

  private flushSpans(): void {
    if (this.#spans.length > 0) this.endLine();
  }

  private endLine(): void {
    this.#elements.push({ type: 'line', spans: this.#spans, align: this.#align });
    this.#spans = [];
    this.linesFed += 1;
  }

  private finish(cut: 'full' | 'partial'): PrintedReceipt {
    this.flushSpans();
    this.#count += 1;
    const receipt: PrintedReceipt = { index: this.#count, elements: this.#elements, cut };
    this.#elements = [];
    return receipt;
  }

  /** What is on the paper after the last cut (a receipt cut off mid-job). */
  get uncut(): readonly ReceiptElement[] {
    return this.#spans.length
      ? [...this.#elements, { type: 'line', spans: this.#spans, align: this.#align }]
      : this.#elements;
  }
}

/** The receipt as plain text lines (styles dropped), for tests and the console. */
export function receiptText(elements: readonly ReceiptElement[]): string {
  return elements
    .map((e) =>
      e.type === 'line'
        ? e.spans
            .map((s) => s.text)
            .join('')
            .trimEnd()
        : `[${e.type}${'data' in e && e.type !== 'raster' ? ` ${e.data}` : ''}]`,
    )
    .join('\n');
}
