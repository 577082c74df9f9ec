import type { CashRoundingRule, Money } from '../money';
import { cashRoundingAdjustment } from '../money';
import type { Tender } from './tender';
import { isExactTender } from './tender';

/** What the till needs to know to take payment. */
export interface TenderStateInput {
  /** The cart total (negative for a refund). */
  readonly total: Money;
  readonly tenders: readonly Tender[];
  /** The store's cash rounding (CHF 0.05, SEK 1.00); none where cash is paid to the minor unit. */
  readonly cashRounding?: CashRoundingRule;
}

/** A reason the sale cannot complete as tendered. */
export interface TenderProblem {
  readonly code: string;
  readonly message: string;
}

/** Where the payment stands. Amounts are minor units; for a refund they are negative like the total. */
export interface TenderState {
  readonly total: Money;
  /** Cash rounding applied because cash settles the sale; zero otherwise. */
  readonly roundingAdjustment: Money;
  /** total + roundingAdjustment: what the tenders must cover. */
  readonly due: Money;
  readonly paid: Money;
  /** Still to pay exactly (by card, gift card …). */
  readonly remaining: Money;
  /** Still to pay if the rest is paid in cash (rounded to the coins in use). */
  readonly remainingInCash: Money;
  /** Cash handed back; only ever from cash. */
  readonly change: Money;
  readonly canComplete: boolean;
  readonly problems: readonly TenderProblem[];
}

/**
 * Due, paid, change and the cash rounding for a set of tenders. Non-cash tenders may not exceed
 * what is due; cash may, and the excess is change. Cash rounding applies only when cash settles the
 * sale. A refund is the mirror image: tenders are negative and nothing is "changed" back.
 */
export function tenderState(input: TenderStateInput): TenderState {
  const currency = input.total.currency;
  const refund = input.total.amount < 0;
  const sign = refund ? -1 : 1;
  const problems: TenderProblem[] = [];
  let exact = 0;
  let cash = 0;
  for (const t of input.tenders) {
    if (!Number.isSafeInteger(t.amount) || t.amount * sign <= 0) {
      problems.push({
        code: 'tender.bad-amount',
        message: `${t.kind} tender ${t.id} must be a whole ${refund ? 'negative' : 'positive'} number of minor units for a ${refund ? 'refund' : 'sale'}.`,
      });
      continue;
    }
    if (isExactTender(t.kind)) exact += t.amount * sign;
    else cash += t.amount * sign;
  }
  const total = input.total.amount * sign;
  if (exact > total) {
    problems.push({
      code: 'tender.over-tender',
      message: `Card, gift card, credit and points may pay at most the amount due (${total * sign}); remove ${(exact - total) * sign} of them or pay the rest in cash.`,
    });
  }
  const cashDue = Math.max(0, total - exact);
  const cashAdjustment = cashRoundingAdjustment({ amount: cashDue, currency }, input.cashRounding).amount;
  const settlesInCash = cash > 0 && cash >= cashDue + cashAdjustment;
  const adjustment = settlesInCash ? cashAdjustment : 0;
  const due = total + adjustment;
  const paid = exact + cash;
  let change = settlesInCash ? cash - (cashDue + adjustment) : 0;
  if (refund && change > 0) {
    problems.push({
      code: 'tender.over-refund',
      message: `The cash refund is ${change} more than is owed: refund ${(cashDue + adjustment) * sign} in cash.`,
    });
    change = 0;
  }
  const remaining = Math.max(0, due - (paid - change));
  const remainingInCash =
    remaining === 0
      ? 0
      : remaining + cashRoundingAdjustment({ amount: remaining, currency }, input.cashRounding).amount;
  const m = (amount: number): Money => ({ amount: amount * sign + 0, currency });
  return {
    total: input.total,
    roundingAdjustment: m(adjustment),
    due: m(due),
    paid: m(paid),
    remaining: m(remaining),
    remainingInCash: m(remainingInCash),
    change: { amount: change + 0, currency },
    canComplete: problems.length === 0 && remaining === 0 && paid - change === due,
    problems,
  };
}
