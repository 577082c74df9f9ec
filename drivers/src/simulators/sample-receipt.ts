import type { ReceiptDocument } from '../protocols/receipt-document';

/** A 40-line receipt with logo, barcode and QR, as the bench and the contract tests print it. */
export function sampleReceipt(lines = 40, tag = 'R1'): ReceiptDocument {
  const logo = {
    width: 64,
    height: 32,
    pixels: Uint8Array.from({ length: 64 * 32 }, (_, i) => (((i % 64) + Math.floor(i / 64)) % 4 < 2 ? 1 : 0)),
  };
  return {
    blocks: [
      { type: 'image', bitmap: logo },
      { type: 'text', text: `Store 12 · Łódź — receipt ${tag}`, align: 'center', bold: true },
      { type: 'rule' },
      ...Array.from({ length: lines }, (_, i) => ({
        type: 'columns' as const,
        left: `Item ${String(i + 1).padStart(2, '0')} crème brûlée`,
        right: `${i + 1},50 €`,
      })),
      { type: 'rule' },
      { type: 'columns', left: 'TOTAL', right: '860,00 €', bold: true },
      { type: 'barcode', value: '4006381333931', symbology: 'ean13' },
      { type: 'qr', value: `https://receipts.example/${tag}` },
    ],
  };
}
