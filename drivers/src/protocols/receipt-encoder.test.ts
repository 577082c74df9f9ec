import { describe, expect, it } from 'vitest';
import { ReceiptInterpreter, receiptText } from '../simulators/receipt-model';
import { EscPosParser } from './escpos-parser';
import { codepageRuns, encodeReceipt } from './receipt-encoder';
import type { MonoBitmap } from './receipt-document';

function print(bytes: Uint8Array): ReturnType<ReceiptInterpreter['execute']> {
  const interpreter = new ReceiptInterpreter();
  let receipt: ReturnType<ReceiptInterpreter['execute']>;
  for (const command of new EscPosParser().push(bytes)) receipt = interpreter.execute(command) ?? receipt;
  return receipt;
}

const logo: MonoBitmap = {
  width: 16,
  height: 2,
  pixels: Uint8Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 1 : 0)),
};

describe('encodeReceipt', () => {
  it('selects code pages so €, é, ü, ñ and ł come out of the printer as written', () => {
    const text = 'Crème brûlée 4,50 € ü ñ ł Łódź';
    const receipt = print(encodeReceipt({ blocks: [{ type: 'text', text }] }));
    expect(receiptText(receipt?.elements ?? [])).toContain(text);
  });

  it('encodes items, barcode, QR, logo and a partial cut in paper order', () => {
    const receipt = print(
      encodeReceipt({
        blocks: [
          { type: 'image', bitmap: logo },
          { type: 'text', text: 'STORE 12', bold: true, align: 'center', size: 2 },
          { type: 'columns', left: 'Milk 1L', right: '1.29' },
          { type: 'rule' },
          { type: 'barcode', value: '4006381333931', symbology: 'ean13' },
          { type: 'qr', value: 'https://r.example/1' },
        ],
      }),
    );
    expect(receipt?.cut).toBe('partial');
    const kinds = receipt?.elements
      .filter((e) => e.type !== 'line' || e.spans.some((s) => s.text.trim()))
      .map((e) => e.type);
    expect(kinds).toEqual(['raster', 'line', 'line', 'line', 'barcode', 'qr']);
    const text = receiptText(receipt?.elements ?? []);
    expect(text).toMatch(/Milk 1L\s+1\.29/);
    expect(text).toContain('[barcode 4006381333931]');
    expect(text).toContain('[qr https://r.example/1]');
    const title = receipt?.elements.find(
      (e) => e.type === 'line' && e.spans.some((s) => s.text.includes('STORE 12')),
    );
    expect(title?.type === 'line' && title.spans.find((s) => s.text.includes('STORE'))).toMatchObject({
      bold: true,
      width: 2,
      height: 2,
    });
    const raster = receipt?.elements[0];
    // 16×2 logo of alternating pixels; the encoder pads the image to whole 8-row bands with white.
    const data = raster?.type === 'raster' ? Array.from(raster.data) : [];
    expect(data.slice(0, 4)).toEqual([0xaa, 0xaa, 0xaa, 0xaa]);
    expect(data.slice(4).every((b) => b === 0)).toBe(true);
  });

  it('pads columns to the printer width and keeps the price whole', () => {
    const receipt = print(
      encodeReceipt(
        {
          blocks: [{ type: 'columns', left: 'A very long product name that does not fit', right: '1234.56' }],
        },
        { columns: 32 },
      ),
    );
    const line = receiptText(receipt?.elements ?? []).split('\n')[0] ?? '';
    expect(line).toHaveLength(32);
    expect(line.endsWith(' 1234.56')).toBe(true);
  });

  it('switches code page only where a character needs it', () => {
    expect(codepageRuns('Café 4,50 € Łódź ñ')).toEqual([
      { page: 'cp858', text: 'Café 4,50 € ' },
      { page: 'cp852', text: 'Łódź ' },
      { page: 'cp858', text: 'ñ' },
    ]);
    expect(codepageRuns('価格')).toEqual([{ page: 'auto', text: '価格' }]);
  });
});
