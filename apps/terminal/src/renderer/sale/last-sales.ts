import type { OrderDoc } from '@store-os/shared';
import type { TerminalDatabase } from '../db/terminal-database';

/** This terminal's most recent orders, newest first, for reprinting a receipt. */
export async function lastSales(db: TerminalDatabase, terminalId: string, limit = 10): Promise<OrderDoc[]> {
  const docs = await db.store.find({ selector: { type: 'order', terminalId } }).exec();
  return docs
    .map((d) => d.toJSON() as unknown as OrderDoc)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1))
    .slice(0, limit);
}

/** A reprint's job id: distinct per copy, so the printer's "never twice" rule does not swallow it. */
export function reprintJobId(orderId: string, copy: number): string {
  return `${orderId}-c${copy}`;
}
