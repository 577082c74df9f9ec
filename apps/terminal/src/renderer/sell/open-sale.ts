import { BehaviorSubject } from 'rxjs';
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

/** What the open sale holds, as the update gate needs it: its line count and whether it is being paid. */
export interface SaleActivity {
  readonly lines: number;
  readonly paying: boolean;
}

const activities = new WeakMap<object, BehaviorSubject<SaleActivity>>();

/**
 * The open sale's activity at a terminal, live (one per terminal context): the sell screen publishes each
 * change (a line added, a payment begun, the sale completed, voided or parked) and it outlives the screen
 * like the open sale itself. Starts empty: a fresh start has no sale.
 */
export function saleActivityOf(terminal: object): BehaviorSubject<SaleActivity> {
  let activity = activities.get(terminal);
  if (!activity) {
    activity = new BehaviorSubject<SaleActivity>({ lines: 0, paying: false });
    activities.set(terminal, activity);
  }
  return activity;
}
