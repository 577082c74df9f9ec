import { formatMoney, type HostRequest, type Money, type OrderDoc } from '@store-os/shared';

type Block = HostRequest<'printer.print'>['blocks'][number];

/** What a receipt says besides the order itself. */
export interface ReceiptExtras {
  readonly storeName?: string;
  readonly customerName?: string;
  /** Points earned and the balance after the sale, when a loyalty account is attached. */
  readonly loyalty?: { readonly earned: number; readonly redeemed: number };
  /** A copy printed later says so, so it cannot pass for a second purchase. */
  readonly reprint?: boolean;
  readonly locale?: string;
}

const WIDTH = 42;

// Typography HQ writes in names (− for minus, dashes, curly quotes) that receipt code pages lack.
const PLAIN: Readonly<Record<string, string>> = {
  '\u2212': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/** Text as a receipt printer can print it: typographic characters replaced by their plain forms. */
export function printable(text: string): string {
  return text.replace(
    /[\u2212\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00a0\u202f]/g,
    (c) => PLAIN[c] ?? c,
  );
}

/** Left text and right amount on one line of the receipt's width. */
export function receiptRow(left: string, right: string, width = WIDTH): string {
  const room = Math.max(1, width - right.length - 1);
  const plain = printable(left);
  const text = plain.length > room ? `${plain.slice(0, room - 1)}.` : plain;
  return `${text}${' '.repeat(Math.max(1, width - text.length - right.length))}${right}`;
}

/**
 * The receipt of an order as printer-neutral blocks: every line with each discount and the promotion
 * that gave it, totals, tax by rate, each tender (cash with change, card with masked PAN and auth code),
 * the customer and points, and the order id as a barcode for returns.
 */
export function receiptBlocks(order: OrderDoc, extras: ReceiptExtras = {}): Block[] {
  const fmt = (m: Money) => formatMoney(m, { locale: extras.locale ?? 'en-GB' });
  const minus = (m: Money) => `-${fmt(m)}`;
  const text = (t: string, bold = false): Block => ({
    kind: 'text',
    text: printable(t),
    ...(bold ? { bold: true } : {}),
  });
  const blocks: Block[] = [
    { kind: 'text', text: extras.storeName ?? 'Store OS', align: 'center', bold: true },
    ...(extras.reprint
      ? [{ kind: 'text', text: '*** REPRINT - COPY ***', align: 'center', bold: true } as Block]
      : []),
    text(`${order.createdAt.slice(0, 16).replace('T', ' ')}  ${order.terminalId ?? ''}`),
  ];
  for (const line of order.lines) {
    const qty = line.unit === 'kg' ? `${(line.weightGrams ?? 0) / 1000} kg` : `${line.quantity} x`;
    blocks.push(text(receiptRow(`${qty} ${line.name}`, fmt(line.grossAmount))));
    for (const d of line.discounts) blocks.push(text(receiptRow(`  ${d.name}`, minus(d.amount))));
  }
  blocks.push(
    text(receiptRow('Subtotal', fmt(order.totals.subtotal))),
    ...(order.totals.discountTotal.amount !== 0
      ? [text(receiptRow('You saved', fmt(order.totals.discountTotal)))]
      : []),
    text(receiptRow('TOTAL', fmt(order.totals.total)), true),
  );
  for (const tax of order.taxes)
    blocks.push(text(receiptRow(`  incl. ${tax.name ?? tax.rateId} ${tax.percent}%`, fmt(tax.tax))));
  for (const t of order.tenders) {
    switch (t.type) {
      case 'cash':
        blocks.push(text(receiptRow('Cash', fmt(t.tendered ?? t.amount))));
        if (t.change) blocks.push(text(receiptRow('Change', fmt(t.change)), true));
        break;
      case 'card':
        blocks.push(
          text(receiptRow(`Card ${t.brand} ${t.maskedPan.slice(-8)}`, fmt(t.amount))),
          text(`  auth ${t.authCode}`),
        );
        break;
      case 'loyalty-points':
        blocks.push(text(receiptRow(`Points (${t.points})`, fmt(t.amount))));
        break;
      case 'gift-card':
      case 'store-credit': {
        const name = t.type === 'gift-card' ? 'Gift card' : 'Store credit';
        if (t.amount.amount < 0) {
          // Money put on the account (a refund): the slip is how the customer spends it, so it carries
          // the whole number and a barcode the tender keys (F7, F8) scan.
          blocks.push(
            text(receiptRow(`${name} ${t.accountId}`, fmt(t.amount))),
            text(`  Keep this slip: ${t.accountId} pays at any till.`),
            { kind: 'barcode', symbology: 'code128', data: t.accountId },
          );
        } else blocks.push(text(receiptRow(`${name} …${t.accountId.slice(-4)}`, fmt(t.amount))));
        break;
      }
      case 'other':
        blocks.push(text(receiptRow(t.name, fmt(t.amount))));
        break;
    }
  }
  if (extras.customerName) blocks.push(text(`Customer: ${extras.customerName}`));
  if (extras.loyalty && (extras.loyalty.earned !== 0 || extras.loyalty.redeemed !== 0))
    blocks.push(text(`Points earned ${extras.loyalty.earned}, redeemed ${extras.loyalty.redeemed}`));
  blocks.push({ kind: 'barcode', symbology: 'code128', data: order.id.slice(-20) }, { kind: 'cut' });
  return blocks;
}
