import {
  formatMoney,
  type CloseDoc,
  type CloseFigures,
  type HostRequest,
  type Money,
} from '@store-os/shared';

type Block = HostRequest<'printer.print'>['blocks'][number];

const WIDTH = 42;

/** A label and an amount on one receipt line, the amount right-aligned. */
function row(label: string, value: string): Block {
  const gap = Math.max(1, WIDTH - label.length - value.length);
  return { kind: 'text', text: `${label}${' '.repeat(gap)}${value}` };
}

/** What a report prints: the figures of a close (Z) or of the shift so far (X). */
export interface ReportInput {
  readonly title: 'Z REPORT' | 'X REPORT';
  readonly storeName: string;
  readonly terminalId: string;
  readonly at: string;
  readonly figures: CloseFigures;
  /** Z only: counted drawer and variances; an X report shows what is expected so far. */
  readonly counted?: boolean;
  readonly zNumber?: number;
  readonly businessDate?: string;
  readonly note?: string;
  readonly locale?: string;
}

/**
 * The printer-neutral blocks of an X or Z report: sales, returns, discounts, tax per rate, tenders,
 * the drawer (float, cash in/out, drops) and, on a Z, expected vs counted and the variance per tender.
 */
export function reportBlocks(input: ReportInput): Block[] {
  const locale = input.locale ?? 'en-GB';
  const fmt = (m: Money) => formatMoney(m, { locale });
  const { figures } = input;
  const z = figures.zTotals;
  const blocks: Block[] = [
    { kind: 'text', text: input.storeName, align: 'center', bold: true },
    {
      kind: 'text',
      text: input.zNumber === undefined ? input.title : `${input.title} #${input.zNumber}`,
      align: 'center',
      bold: true,
    },
    { kind: 'text', text: `Till ${input.terminalId}  ${input.at.slice(0, 16).replace('T', ' ')} UTC` },
    ...(input.businessDate ? [{ kind: 'text', text: `Business day ${input.businessDate}` } as Block] : []),
    row(`Sales (${z.sales.count})`, fmt(z.sales.net)),
    row(`Returns (${z.returns.count})`, fmt(z.returns.amount)),
    row('Discounts', fmt(z.discounts)),
    row('Net', fmt(z.net)),
    ...z.taxes.map((t) => row(`Tax ${t.name ?? t.rateId} ${t.percent}%`, fmt(t.tax))),
    ...z.tenders.map((t) => row(`${t.type} (${t.count})`, fmt(t.amount))),
    row('Opening float', fmt(figures.openingFloat)),
    row('Cash in', fmt(figures.cashIn)),
    row('Cash out', fmt(figures.cashOut)),
    row('Safe drops', fmt(figures.drops)),
  ];
  for (const t of figures.tenders) {
    blocks.push(row(`Expected ${t.tenderType}`, fmt(t.expected)));
    if (input.counted) {
      blocks.push(row(`Counted ${t.tenderType}`, fmt(t.counted)));
      blocks.push(row(`Variance ${t.tenderType}`, fmt(t.variance)));
    }
  }
  if (input.note) blocks.push({ kind: 'text', text: `Note: ${input.note}` });
  blocks.push({ kind: 'cut' });
  return blocks;
}

/** The Z report of a stored close document. */
export function closeReportBlocks(input: {
  title: 'Z REPORT';
  close: CloseDoc;
  storeName: string;
  locale?: string;
}): Block[] {
  const { close } = input;
  return reportBlocks({
    title: input.title,
    storeName: input.storeName,
    terminalId: close.terminalId,
    at: close.createdAt,
    figures: close,
    counted: true,
    ...(close.zNumber === undefined ? {} : { zNumber: close.zNumber }),
    ...(close.businessDate === undefined ? {} : { businessDate: close.businessDate }),
    ...(close.note === undefined ? {} : { note: close.note }),
    ...(input.locale === undefined ? {} : { locale: input.locale }),
  });
}
