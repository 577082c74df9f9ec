import { DomainError } from '../errors';
import type { Tender } from './tender';
import { isExactTender } from './tender';
import type { TenderStateInput } from './tender-state';
import { tenderState } from './tender-state';

/** Input of `addTender`: the payment so far, the new tender, and the balance behind it if any. */
export interface AddTenderInput extends TenderStateInput {
  readonly tender: Tender;
  /** Gift card / store credit / points value available, minor units, when known (offline: the cap). */
  readonly availableBalance?: number;
}

/**
 * Adds a tender after checking the rules for its kind: card, gift card, store credit and points may
 * not exceed what is still due (nor the balance); cash may, and the excess becomes change.
 * Returns the new list of tenders.
 */
export function addTender(input: AddTenderInput): readonly Tender[] {
  const { tender } = input;
  const state = tenderState(input);
  const refund = input.total.amount < 0;
  const sign = refund ? -1 : 1;
  const amount = tender.amount * sign;
  if (!Number.isSafeInteger(tender.amount) || amount <= 0) {
    throw new DomainError(
      'tender.bad-amount',
      `Enter a ${tender.kind} amount above zero in minor units${refund ? ' (negative for a refund)' : ''}, got ${tender.amount}.`,
      { tenderId: tender.id, amount: tender.amount },
    );
  }
  if (input.tenders.some((t) => t.id === tender.id)) {
    throw new DomainError('tender.duplicate', `Tender ${tender.id} was already added.`, {
      tenderId: tender.id,
    });
  }
  const remaining = state.remaining.amount * sign;
  if (remaining <= 0) {
    throw new DomainError('tender.nothing-due', 'Nothing is left to pay: complete the sale.', {
      tenderId: tender.id,
    });
  }
  if (isExactTender(tender.kind) && amount > remaining) {
    throw new DomainError(
      'tender.over-tender',
      `A ${tender.kind} payment can be at most the ${remaining} still due, not ${amount}; only cash gives change.`,
      { tenderId: tender.id, amount: tender.amount, remaining: state.remaining.amount },
    );
  }
  if (refund && tender.kind === 'cash' && amount > state.remainingInCash.amount * sign) {
    throw new DomainError(
      'tender.over-refund',
      `Refund at most ${state.remainingInCash.amount * sign} in cash.`,
      { tenderId: tender.id, amount: tender.amount },
    );
  }
  if (input.availableBalance !== undefined && !refund && amount > input.availableBalance) {
    throw new DomainError(
      'tender.insufficient-balance',
      `The ${tender.kind} has ${input.availableBalance} available, less than ${amount}: take the balance and pay the rest another way.`,
      { tenderId: tender.id, amount: tender.amount, available: input.availableBalance },
    );
  }
  if (
    tender.kind === 'loyalty-points' &&
    (tender.points === undefined || !Number.isSafeInteger(tender.points) || tender.points <= 0)
  ) {
    throw new DomainError(
      'tender.bad-points',
      'A points tender must say how many whole points are redeemed.',
      {
        tenderId: tender.id,
      },
    );
  }
  return [...input.tenders, tender];
}
