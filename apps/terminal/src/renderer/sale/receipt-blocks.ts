import { formatMoney, type HostRequest, type Money } from '@store-os/shared';
import type { EnvelopeDocument } from '../db/terminal-database';

type Block = HostRequest<'printer.print'>['blocks'][number];

interface OrderView {
  lines: { name: string; quantity: number; total: Money }[];
  totals: { total: Money; taxTotal: Money };
  id: string;
}

/** The receipt of an order as printer-neutral blocks (the printer driver renders them in its language). */
export function receiptBlocks(order: EnvelopeDocument, locale = 'en-GB'): Block[] {
  const view = order as unknown as OrderView;
  const fmt = (m: Money) => formatMoney(m, { locale });
  return [
    { kind: 'text', text: 'Store OS', align: 'center', bold: true },
    ...view.lines.map((l): Block => ({ kind: 'text', text: `${l.quantity} x ${l.name}  ${fmt(l.total)}` })),
    { kind: 'text', text: `Total  ${fmt(view.totals.total)}`, bold: true },
    { kind: 'text', text: `of which tax  ${fmt(view.totals.taxTotal)}` },
    { kind: 'barcode', symbology: 'code128', data: view.id.slice(-20) },
    { kind: 'cut' },
  ];
}
