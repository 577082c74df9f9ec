import { formatMoney, type ReturnLineDoc } from '@store-os/shared';
import type { NoReceiptRefundMethod } from '@store-os/shared/omnichannel';
import { receiptBlocks } from '../../sale/receipt-blocks';
import type { OpsDeps } from '../common/ops-deps';
import { saveFacts } from '../common/store-docs';
import { openDrawerFor } from '../common/open-drawer';
import { uiLocale } from '../common/ui-locale';
import { noReceiptDocuments } from './no-receipt-return';

const METHOD_NAMES: Record<NoReceiptRefundMethod, string> = {
  'store-credit': 'store credit',
  'gift-card': 'a new gift card',
  cash: 'cash',
};

/**
 * Completes an approved no-receipt return: writes the order, its movements and the stored-value credit
 * (pending until the server has them) and the journal, opens the drawer for cash, prints the receipt.
 * Everything here is local: it works offline.
 */
export async function runNoReceiptReturn(
  deps: OpsDeps,
  input: {
    returnLines: readonly ReturnLineDoc[];
    method: NoReceiptRefundMethod;
    customerId: string;
    locationId: string;
    currency: string;
    pricesIncludeTax: boolean;
    cashierId: string;
    /** The till's open shift: its close counts the cash this return pays out. */
    shiftId?: string;
  },
): Promise<{ orderId: string; accountId: string; summary: string }> {
  const orderId = deps.newId();
  const accountId =
    input.method === 'gift-card'
      ? `GC-${orderId.slice(-10)}`
      : input.method === 'store-credit'
        ? `SC-${orderId.slice(-10)}`
        : '';
  const docs = noReceiptDocuments({
    ...input,
    accountId,
    orderId,
    newId: deps.newId,
    at: deps.now().toISOString(),
    storeId: deps.storeId,
    terminalId: deps.terminalId,
  });
  const documents = [docs.order, ...docs.movements, ...docs.ledgerEntries];
  await saveFacts(deps, documents);
  await deps.host.invoke('journal.append', { id: orderId, kind: 'sale', collection: 'store', documents });
  const drawerProblem = input.method === 'cash' ? await openDrawerFor(deps, orderId) : '';
  let printed = true;
  try {
    await deps.host.invoke('printer.print', { jobId: `${orderId}-r`, blocks: receiptBlocks(docs.order) });
  } catch {
    printed = false;
  }
  const refunded = formatMoney(
    { amount: -docs.order.totals.total.amount, currency: input.currency },
    { locale: uiLocale() },
  );
  const to = accountId ? `${METHOD_NAMES[input.method]} ${accountId}` : METHOD_NAMES[input.method];
  return {
    orderId,
    accountId,
    summary: `No-receipt return complete: refunded ${refunded} to ${to}.${printed ? '' : ' Receipt not printed.'}${drawerProblem}`,
  };
}
