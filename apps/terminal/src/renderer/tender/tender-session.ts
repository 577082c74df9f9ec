import {
  addTender,
  DomainError,
  tenderState,
  type CardApproval,
  type CashRoundingRule,
  type Money,
  type Tender,
  type TenderState,
} from '@store-os/shared';

/** A card payment sent to the payment terminal; its outcome decides whether it becomes a tender. */
export interface CardAttempt {
  readonly transactionId: string;
  readonly amount: number;
  readonly state: 'pending' | 'approved' | 'declined' | 'aborted' | 'unknown';
  readonly detail?: string;
}

/** Payment of one sale in progress: the tenders taken, the card attempt in flight, what failed. */
export interface TenderSession {
  readonly total: Money;
  readonly cashRounding: CashRoundingRule | undefined;
  readonly tenders: readonly Tender[];
  /** At most one card payment is in flight; nothing else is tendered until it resolves. */
  readonly card: CardAttempt | undefined;
  /** Declined or aborted card attempts, newest last, so the cashier sees what happened. */
  readonly failedCards: readonly CardAttempt[];
  readonly nextTender: number;
}

/** A fresh payment of `total`. */
export function startTender(total: Money, cashRounding: CashRoundingRule | undefined): TenderSession {
  return { total, cashRounding, tenders: [], card: undefined, failedCards: [], nextTender: 1 };
}

/** Where the payment stands (due, paid, remaining, change) from the shared tender rules. */
export function tenderStatus(session: TenderSession): TenderState {
  return tenderState({
    total: session.total,
    tenders: session.tenders,
    ...(session.cashRounding ? { cashRounding: session.cashRounding } : {}),
  });
}

/** True when the sale may be written: fully paid and no card payment still open. */
export function canComplete(session: TenderSession): boolean {
  return session.card === undefined && tenderStatus(session).canComplete;
}

function assertNoCardInFlight(session: TenderSession): void {
  if (session.card) {
    throw new DomainError(
      'tender.card-in-flight',
      `Card payment ${session.card.transactionId} is still open: wait for the terminal, check again or abort it first.`,
      { transactionId: session.card.transactionId },
    );
  }
}

/** Tender kinds that are not cards and not in flight: cash, gift card, store credit, points. */
export type DirectTender = Omit<Tender, 'id' | 'card'> & { readonly kind: Exclude<Tender['kind'], 'card'> };

/**
 * Adds a cash, gift-card, store-credit or points tender through the shared rules (only cash exceeds
 * what is due; a balance caps the others). Throws the rule's DomainError and leaves the session as it was.
 */
export function addDirectTender(
  session: TenderSession,
  tender: DirectTender,
  availableBalance?: number,
): TenderSession {
  assertNoCardInFlight(session);
  const id = `t${session.nextTender}`;
  const tenders = addTender({
    total: session.total,
    tenders: session.tenders,
    ...(session.cashRounding ? { cashRounding: session.cashRounding } : {}),
    tender: { ...tender, id },
    ...(availableBalance !== undefined ? { availableBalance } : {}),
  });
  return { ...session, tenders, nextTender: session.nextTender + 1 };
}

/**
 * Opens a card attempt for `amount` (checked against what is still due, as a card never gives change).
 * The transaction id is made by the caller where the payment starts, and is the only handle on it.
 */
export function beginCard(session: TenderSession, transactionId: string, amount: number): TenderSession {
  assertNoCardInFlight(session);
  // Same checks as a real card tender, without keeping it: a card that cannot be added is never sent.
  addTender({
    total: session.total,
    tenders: session.tenders,
    ...(session.cashRounding ? { cashRounding: session.cashRounding } : {}),
    tender: { id: `t${session.nextTender}`, kind: 'card', amount },
  });
  return { ...session, card: { transactionId, amount, state: 'pending' } };
}

/**
 * Records what the payment terminal answered. Approved: the card becomes a tender (with its masked PAN,
 * brand and auth code). Declined or aborted: the attempt is closed and listed, and another may start.
 * Pending or unknown: the attempt stays open, because it may still be charged; it is only ever asked
 * about again, never sent again.
 */
export function resolveCard(
  session: TenderSession,
  outcome: {
    transactionId: string;
    state: CardAttempt['state'];
    detail?: string;
    approval?: CardApproval;
  },
): TenderSession {
  const card = session.card;
  if (!card || card.transactionId !== outcome.transactionId) return session;
  const detail = outcome.detail !== undefined ? { detail: outcome.detail } : {};
  switch (outcome.state) {
    case 'approved': {
      if (!outcome.approval) {
        // An approval without its data cannot be written on the order; keep asking rather than guess.
        return { ...session, card: { ...card, state: 'unknown', detail: 'approved without card details' } };
      }
      const tender: Tender = {
        id: `t${session.nextTender}`,
        kind: 'card',
        amount: card.amount,
        reference: outcome.approval.authCode,
        card: outcome.approval,
      };
      return {
        ...session,
        tenders: [...session.tenders, tender],
        card: undefined,
        nextTender: session.nextTender + 1,
      };
    }
    case 'declined':
    case 'aborted':
      return {
        ...session,
        card: undefined,
        failedCards: [...session.failedCards, { ...card, state: outcome.state, ...detail }],
      };
    case 'pending':
    case 'unknown':
      return { ...session, card: { ...card, state: outcome.state, ...detail } };
  }
}

/** Removes a tender that took no money from a device (cash, gift card, points: not yet written). */
export function removeTender(session: TenderSession, tenderId: string): TenderSession {
  const tender = session.tenders.find((t) => t.id === tenderId);
  if (!tender) return session;
  if (tender.kind === 'card') {
    throw new DomainError(
      'tender.card-approved',
      'An approved card payment cannot be removed here: complete the sale and refund it as a return.',
      { tenderId },
    );
  }
  return { ...session, tenders: session.tenders.filter((t) => t.id !== tenderId) };
}
