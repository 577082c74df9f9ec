import { describe, expect, it } from 'vitest';
import { sampleReceipt } from './sample-receipt';
import { EscPosParser } from '../protocols/escpos-parser';
import { encodeReceipt } from '../protocols/receipt-encoder';
import { ReceiptInterpreter, type PrintedReceipt } from './receipt-model';
import { renderReceiptSvg } from './receipt-svg';

function printed(): PrintedReceipt {
  const interpreter = new ReceiptInterpreter();
  let out: PrintedReceipt | undefined;
  for (const command of new EscPosParser().push(encodeReceipt(sampleReceipt(3, 'svg'))))
    out = interpreter.execute(command) ?? out;
  if (!out) throw new Error('no receipt');
  return out;
}

describe('renderReceiptSvg', () => {
  it('draws styled text, a real barcode and QR symbol, the logo pixels and the cut', () => {
    const svg = renderReceiptSvg(printed());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('font-weight="bold"');
    expect(svg).toContain('Item 03 crème brûlée');
    expect(svg).toContain('3,50 ');
    expect(svg).toContain('€');
    // bwip-js symbols are nested SVGs of bars/modules; the logo is a path of black runs.
    expect(svg.match(/<svg x=/g)).toHaveLength(2);
    expect(svg).toMatch(/<path fill="#000" d="M\d/);
    expect(svg).toContain('partial cut');
    expect(svg).not.toContain('unprintable');
  });

  it('escapes text so receipt content cannot break the SVG', () => {
    const svg = renderReceiptSvg({
      cut: 'none',
      elements: [
        {
          type: 'line',
          align: 'left',
          spans: [{ text: '<script>&', bold: false, underline: false, invert: false, width: 1, height: 1 }],
        },
      ],
    });
    expect(svg).toContain('&#60;script&#62;&#38;');
  });
});
