import bwipjs from 'bwip-js/node';
import type { PrintedReceipt, ReceiptElement, TextSpan } from './receipt-model';

/** 80 mm paper at 203 dpi: 576 dots, font A 12×24 dots. */
const PAPER = 576;
const CHAR_W = 12;
const LINE_H = 24;
const MARGIN = 16;

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A bwip-js symbol placed at (x, y); returns the markup and its height. */
function symbol(options: Parameters<typeof bwipjs.toSVG>[0], y: number): { svg: string; height: number } {
  try {
    const svg = bwipjs.toSVG(options);
    const match = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg);
    const width = Number(match?.[1] ?? 0);
    const height = Number(match?.[2] ?? 0);
    const x = MARGIN + Math.max(0, (PAPER - 2 * MARGIN - width) / 2);
    return {
      svg: svg.replace('<svg ', `<svg x="${x}" y="${y}" width="${width}" height="${height}" `),
      height: height + 8,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      svg: `<text x="${MARGIN}" y="${y + 18}" font-family="monospace" font-size="16" fill="#c00">unprintable ${escapeXml(String(options.bcid))}: ${escapeXml(message)}</text>`,
      height: LINE_H,
    };
  }
}

function spanWidth(span: TextSpan): number {
  return [...span.text].length * CHAR_W * span.width;
}

function line(
  spans: readonly TextSpan[],
  align: 'left' | 'center' | 'right',
  y: number,
): { svg: string; height: number } {
  const height = LINE_H * Math.max(1, ...spans.map((s) => s.height));
  const total = spans.reduce((sum, s) => sum + spanWidth(s), 0);
  let x =
    MARGIN +
    (align === 'center'
      ? (PAPER - 2 * MARGIN - total) / 2
      : align === 'right'
        ? PAPER - 2 * MARGIN - total
        : 0);
  const parts: string[] = [];
  for (const span of spans) {
    const width = spanWidth(span);
    if (width === 0) continue;
    const baseline = y + height - 6;
    if (span.invert) parts.push(`<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="#000"/>`);
    const attrs = [
      `x="${x}"`,
      `y="${baseline}"`,
      `font-size="${20 * span.height}"`,
      `textLength="${width}"`,
      'lengthAdjust="spacingAndGlyphs"',
      span.bold ? 'font-weight="bold"' : '',
      span.underline ? 'text-decoration="underline"' : '',
      `fill="${span.invert ? '#fff' : '#000'}"`,
    ].filter(Boolean);
    parts.push(`<text ${attrs.join(' ')} xml:space="preserve">${escapeXml(span.text)}</text>`);
    x += width;
  }
  return { svg: parts.join(''), height };
}

function raster(
  element: Extract<ReceiptElement, { type: 'raster' }>,
  y: number,
): { svg: string; height: number } {
  const widthDots = element.widthBytes * 8;
  const x0 = MARGIN + Math.max(0, (PAPER - 2 * MARGIN - widthDots) / 2);
  const rects: string[] = [];
  for (let row = 0; row < element.height; row += 1) {
    let runStart = -1;
    for (let col = 0; col <= widthDots; col += 1) {
      const byte = element.data[row * element.widthBytes + (col >> 3)] ?? 0;
      const black = col < widthDots && ((byte >> (7 - (col & 7))) & 1) === 1;
      if (black && runStart < 0) runStart = col;
      if (!black && runStart >= 0) {
        rects.push(`M${x0 + runStart} ${y + row}h${col - runStart}v1h${runStart - col}z`);
        runStart = -1;
      }
    }
  }
  return { svg: rects.length ? `<path fill="#000" d="${rects.join('')}"/>` : '', height: element.height + 4 };
}

/**
 * Renders a printed receipt as SVG a person can open: styled text, real barcodes and QR modules
 * (bwip-js), raster images pixel for pixel, and the cut.
 */
export function renderReceiptSvg(receipt: Pick<PrintedReceipt, 'elements' | 'cut'>): string {
  const parts: string[] = [];
  let y = MARGIN;
  for (const element of receipt.elements) {
    let placed: { svg: string; height: number };
    switch (element.type) {
      case 'line':
        placed = line(element.spans, element.align, y);
        break;
      case 'barcode':
        placed = symbol(
          {
            bcid: element.symbology,
            text: element.data,
            scale: 2,
            height: Math.max(5, Math.round(element.height / 8)),
            includetext: element.hri,
          },
          y,
        );
        break;
      case 'qr':
        placed = symbol({ bcid: 'qrcode', text: element.data, scale: Math.max(1, element.moduleSize) }, y);
        break;
      case 'raster':
        placed = raster(element, y);
        break;
    }
    parts.push(placed.svg);
    y += placed.height;
  }
  if (receipt.cut !== 'none') {
    y += 8;
    parts.push(`<line x1="0" y1="${y}" x2="${PAPER}" y2="${y}" stroke="#888" stroke-dasharray="8 6"/>`);
    parts.push(`<text x="${PAPER - 120}" y="${y - 4}" font-size="12" fill="#888">${receipt.cut} cut</text>`);
    y += 8;
  }
  const height = Math.ceil(y + MARGIN);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAPER}" height="${height}" viewBox="0 0 ${PAPER} ${height}" font-family="DejaVu Sans Mono, monospace">`,
    `<rect width="${PAPER}" height="${height}" fill="#fffef8"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
