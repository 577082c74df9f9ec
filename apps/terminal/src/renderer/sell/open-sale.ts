import type { SaleDraft } from '../sale/sale-draft';
import type { TenderSession } from '../tender/tender-session';

/**
 * The sale open at this terminal while the cashier looks at another screen (sync, shift, returns): the
 * draft and, once paying, the payment with any approved card. Screens unmount when left; this does not,
 * so coming back finds the sale, and an approved card, where they were.
 */
export interface OpenSale {
  draft?: SaleDraft;
  paying?: boolean;
  tender?: TenderSession;
}

const open = new WeakMap<object, OpenSale>();

/** The open sale of a terminal (one per terminal context). */
export function openSaleOf(terminal: object): OpenSale {
  let sale = open.get(terminal);
  if (!sale) {
    sale = {};
    open.set(terminal, sale);
  }
  return sale;
}
