import { DomainError } from '../errors';
import type { Money } from '../money';
import { toDecimalString } from '../money';
import type { OrderDoc, TenderDoc } from '../schemas';
import { shareBetween } from './proportional';

/** Where the part of a refund that was paid by gift card goes. */
export type GiftCardRefundRule = 'same-card' | 'new-gift-card' | 'store-credit';

/** The store's refund rules (see docs/decisions.md, "refund-tender rule"). */
export interface RefundPolicy {
  readonly giftCard: GiftCardRefundRule;
}

/** Default: gift-card money returns as store credit, so no new card stock is needed at the till. */
export const defaultRefundPolicy: RefundPolicy = { giftCard: 'store-credit' };

/** One step of a refund the till must carry out (card refund at the payment terminal, cash from the drawer…). */
export interface RefundPlanItem {
  readonly method: TenderDoc['type'];
  /** Positive amount to give back. */
  readonly amount: Money;
  /** The original tender, `<orderId>/<tenderId>`; goes into the refund tender's `refundOf`. */
  readonly refundOf: string;
  /** For card refunds: the same card, by the payment service's token or reference. */
  readonly card?: { token?: string; pspReference?: string; maskedPan: string; brand: string };
  /** For gift card, store credit and loyalty refunds: the account credited. */
  readonly accountId?: string;
  /** For loyalty refunds: points given back. */
  readonly points?: number;
}

/** What an original tender paid and what earlier returns already gave back to it. */
export interface RefundableTender {
  readonly tender: TenderDoc;
  readonly key: string;
  readonly paid: number;
  readonly refunded: number;
  readonly remaining: number;
}

/** Refund priority: back to where the money came from, card first, cash last (see the refund rule). */
const PRIORITY: Readonly<Record<TenderDoc['type'], number>> = {
  card: 0,
  'gift-card': 1,
  'store-credit': 2,
  'loyalty-points': 3,
  other: 4,
  cash: 5,
};

/** The original order's payments with what is left to refund on each, in refund order. */
export function refundableTenders(
  original: OrderDoc,
  earlierReturns: readonly OrderDoc[],
): RefundableTender[] {
  const refundedByKey = new Map<string, number>();
  for (const order of earlierReturns) {
    for (const t of order.tenders) {
      if (t.refundOf !== undefined && t.amount.amount < 0) {
        refundedByKey.set(t.refundOf, (refundedByKey.get(t.refundOf) ?? 0) - t.amount.amount);
      }
    }
  }
  return original.tenders
    .map((tender, index) => ({ tender, index }))
    .filter(({ tender }) => tender.amount.amount > 0)
    .sort((a, b) => PRIORITY[a.tender.type] - PRIORITY[b.tender.type] || a.index - b.index)
    .map(({ tender }) => {
      const key = `${original.id}/${tender.tenderId}`;
      const refunded = refundedByKey.get(key) ?? 0;
      return {
        tender,
        key,
        paid: tender.amount.amount,
        refunded,
        remaining: Math.max(0, tender.amount.amount - refunded),
      };
    });
}

/** Input of {@link planRefund}. */
export interface PlanRefundInput {
  readonly original: OrderDoc;
  readonly earlierReturns: readonly OrderDoc[];
  /** Positive amount to give back (the sum of the priced return lines, or an exchange's difference). */
  readonly amount: Money;
  readonly policy?: RefundPolicy;
  /** Account to credit when the rule issues store credit or a new gift card. */
  readonly newAccountId?: string;
}

const fmt = (amount: number, currency: string) => `${toDecimalString({ amount, currency })} ${currency}`;

/**
 * Splits a refund over the original payments: each payment gets back at most what it paid minus
 * what earlier returns gave it; cards first (to the same card token, never to another card or cash),
 * then gift card (by policy), store credit, loyalty points, other, and cash last. A refund larger
 * than what is left fails with `refund.exceeds-paid`.
 */
export function planRefund(input: PlanRefundInput): RefundPlanItem[] {
  const { original, amount } = input;
  const policy = input.policy ?? defaultRefundPolicy;
  if (amount.currency !== original.currency) {
    throw new DomainError(
      'refund.currency',
      `Refund in ${amount.currency} for an order paid in ${original.currency}.`,
      {
        currency: amount.currency,
      },
    );
  }
  if (!Number.isSafeInteger(amount.amount) || amount.amount < 0) {
    throw new DomainError(
      'refund.bad-amount',
      `A refund must be a whole, non-negative amount, got ${amount.amount}.`,
      {
        amount: amount.amount,
      },
    );
  }
  const tenders = refundableTenders(original, input.earlierReturns);
  const available = tenders.reduce((s, t) => s + t.remaining, 0);
  if (amount.amount > available) {
    const paid = tenders.reduce((s, t) => s + t.paid, 0);
    throw new DomainError(
      'refund.exceeds-paid',
      `Cannot refund ${fmt(amount.amount, amount.currency)} on order ${original.id}: ${fmt(paid, amount.currency)} was paid and ${fmt(paid - available, amount.currency)} already refunded, so at most ${fmt(available, amount.currency)} can be refunded.`,
      { requested: amount.amount, paid, available },
    );
  }
  const plan: RefundPlanItem[] = [];
  let left = amount.amount;
  for (const entry of tenders) {
    if (left === 0) break;
    const take = Math.min(left, entry.remaining);
    if (take === 0) continue;
    left -= take;
    plan.push(planItem(entry, take, amount.currency, policy, input.newAccountId));
  }
  return plan;
}

function planItem(
  entry: RefundableTender,
  take: number,
  currency: string,
  policy: RefundPolicy,
  newAccountId: string | undefined,
): RefundPlanItem {
  const base = { amount: { amount: take, currency }, refundOf: entry.key };
  const t = entry.tender;
  switch (t.type) {
    case 'card':
      return {
        ...base,
        method: 'card',
        card: {
          ...(t.token === undefined ? {} : { token: t.token }),
          ...(t.pspReference === undefined ? {} : { pspReference: t.pspReference }),
          maskedPan: t.maskedPan,
          brand: t.brand,
        },
      };
    case 'gift-card': {
      if (policy.giftCard === 'same-card') return { ...base, method: 'gift-card', accountId: t.accountId };
      if (newAccountId === undefined) {
        throw new DomainError(
          'refund.account-needed',
          `The refund rule sends gift-card money to ${policy.giftCard === 'store-credit' ? 'store credit' : 'a new gift card'}: pass newAccountId for the account to credit.`,
          { rule: policy.giftCard },
        );
      }
      return {
        ...base,
        method: policy.giftCard === 'store-credit' ? 'store-credit' : 'gift-card',
        accountId: newAccountId,
      };
    }
    case 'store-credit':
      return { ...base, method: 'store-credit', accountId: t.accountId };
    case 'loyalty-points':
      return {
        ...base,
        method: 'loyalty-points',
        accountId: t.accountId,
        points: shareBetween(t.points, entry.refunded, take, entry.paid),
      };
    case 'other':
      return { ...base, method: 'other' };
    case 'cash':
      return { ...base, method: 'cash' };
  }
}
