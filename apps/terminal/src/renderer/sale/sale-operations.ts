import {
  addItem,
  emptyCart,
  makeCart,
  overridePrice,
  removeLine,
  setCustomer,
  setLineDiscount,
  setQuantity,
  setWeight,
  DomainError,
  type Cart,
  type CartItem,
  type CurrencyCode,
  type ManualDiscount,
} from '@store-os/shared';
import type { ManagerApproval } from '../session/session-context';
import type { FoundCustomer } from '../customer/find-customer';
import type { GiftCardLoad } from '../tender/gift-card';
import type { LineApproval, SaleDraft } from './sale-draft';
import { GIFT_CARD_SKU, GIFT_CARD_TAX_CATEGORY } from './store-policy';

// The sale's operations as pure functions of the draft (draft in, draft out), so the screen stays thin
// and every rule is tested without React. Cart rules (quantities, prices, reasons) are the domain's.

/** A new, empty sale. */
export function emptyDraft(input: { id: string; storeId: string; currency: CurrencyCode }): SaleDraft {
  return { cart: emptyCart(input), giftCards: {}, approvals: [] };
}

function withCart(draft: SaleDraft, cart: Cart): SaleDraft {
  return { ...draft, cart };
}

function lineOf(draft: SaleDraft, lineId: string) {
  const line = draft.cart.lines.find((l) => l.lineId === lineId);
  if (!line)
    throw new DomainError('cart.line-not-found', `Line "${lineId}" is not in the sale any more.`, { lineId });
  return line;
}

/** Adds a scanned or chosen item: `quantity` units, or for weighed items `grams` (from a label or the scale). */
export function addToDraft(
  draft: SaleDraft,
  input: { item: CartItem; newLineId: () => string; quantity?: number; grams?: number },
): SaleDraft {
  if (input.item.unit === 'kg' && input.grams === undefined) {
    throw new DomainError(
      'sale.needs-weight',
      `${input.item.name} is sold by weight: put it on the scale and press Weigh (F10), or scan its scale label.`,
      { sku: input.item.sku },
    );
  }
  const quantity = input.item.unit === 'kg' ? input.grams : input.quantity;
  return withCart(
    draft,
    addItem(draft.cart, {
      newId: input.newLineId,
      item: input.item,
      ...(quantity !== undefined ? { quantity } : {}),
    }),
  );
}

/** Removes a line, with what was attached to it (a gift-card load, its approvals). */
export function removeFromDraft(draft: SaleDraft, lineId: string): SaleDraft {
  const giftCards = { ...draft.giftCards };
  delete giftCards[lineId];
  return {
    ...draft,
    cart: removeLine(draft.cart, lineId),
    giftCards,
    approvals: draft.approvals.filter((a) => a.lineId !== lineId),
  };
}

/** Sets how many of a counted line, or the grams of a weighed one. */
export function setDraftQuantity(draft: SaleDraft, lineId: string, quantity: number): SaleDraft {
  const line = lineOf(draft, lineId);
  if (draft.giftCards[lineId])
    throw new DomainError(
      'sale.gift-card-quantity',
      'A gift-card line loads one card: add another line for another card.',
    );
  return withCart(
    draft,
    line.unit === 'kg' ? setWeight(draft.cart, lineId, quantity) : setQuantity(draft.cart, lineId, quantity),
  );
}

function approvalOf(
  lineId: string,
  kind: LineApproval['kind'],
  approval: ManagerApproval,
  details: LineApproval['details'],
): LineApproval {
  return {
    lineId,
    kind,
    managerId: approval.managerId,
    managerName: approval.managerName,
    reason: approval.reason,
    at: approval.at,
    details,
  };
}

/** Replaces a line's unit price with a manager's approval, recorded for the order's audit event. */
export function overrideDraftPrice(
  draft: SaleDraft,
  input: { lineId: string; unitPrice: number; reasonCode: string; approval: ManagerApproval },
): SaleDraft {
  const line = lineOf(draft, input.lineId);
  const cart = overridePrice(draft.cart, input.lineId, {
    unitPrice: input.unitPrice,
    reasonCode: input.reasonCode,
    approvedBy: input.approval.managerId,
  });
  const approvals = [
    ...draft.approvals.filter((a) => !(a.lineId === input.lineId && a.kind === 'price-override')),
    approvalOf(input.lineId, 'price-override', input.approval, {
      sku: line.sku,
      oldUnitPrice: line.priceOverride?.unitPrice ?? line.unitPrice,
      newUnitPrice: input.unitPrice,
      reasonCode: input.reasonCode,
    }),
  ];
  return { ...draft, cart, approvals };
}

/** Gives a line a manual discount with a manager's approval (the order's discount carries the approver). */
export function discountDraftLine(
  draft: SaleDraft,
  input: { lineId: string; discount: ManualDiscount; approval: ManagerApproval },
): SaleDraft {
  const line = lineOf(draft, input.lineId);
  const discount: ManualDiscount = { ...input.discount, approvedBy: input.approval.managerId };
  const cart = setLineDiscount(draft.cart, input.lineId, discount);
  const approvals = [
    ...draft.approvals.filter((a) => !(a.lineId === input.lineId && a.kind === 'discount-override')),
    approvalOf(input.lineId, 'discount-override', input.approval, {
      sku: line.sku,
      ...(discount.type === 'amount' ? { amount: discount.amount } : { percent: discount.percent }),
      reasonCode: discount.reasonCode,
    }),
  ];
  return { ...draft, cart, approvals };
}

/** Attaches a customer (their groups price the cart) and their loyalty account; undefined detaches. */
export function attachCustomer(draft: SaleDraft, customer: FoundCustomer | undefined): SaleDraft {
  if (!customer) {
    const { customerName: _n, loyaltyAccountId: _l, ...rest } = draft;
    return { ...rest, cart: setCustomer(draft.cart, undefined) };
  }
  return {
    ...draft,
    cart: setCustomer(draft.cart, customer.cart),
    customerName: customer.displayName,
    ...(customer.doc.loyaltyAccountId !== undefined
      ? { loyaltyAccountId: customer.doc.loyaltyAccountId }
      : {}),
  };
}

/** Sells or tops up a gift card as a line of its own, loaded into the ledger when the sale completes. */
export function addGiftCardLoad(
  draft: SaleDraft,
  input: { load: GiftCardLoad; amount: number; newLineId: () => string },
): SaleDraft {
  if (Object.values(draft.giftCards).some((g) => g.accountId === input.load.accountId)) {
    throw new DomainError(
      'sale.gift-card-twice',
      `Gift card ${input.load.accountId} is already on this sale: change that line instead.`,
      { accountId: input.load.accountId },
    );
  }
  const lineId = input.newLineId();
  const item: CartItem = {
    sku: GIFT_CARD_SKU,
    name: `Gift card …${input.load.accountId.slice(-4)} (${input.load.entryKind === 'activate' ? 'new' : 'top-up'})`,
    groupIds: [],
    taxCategoryId: GIFT_CARD_TAX_CATEGORY,
    unit: 'each',
    unitPrice: input.amount,
    priceSource: { kind: 'keyed' },
  };
  const cart = addItem(draft.cart, { lineId, item, merge: false });
  return { ...draft, cart, giftCards: { ...draft.giftCards, [lineId]: input.load } };
}

/** The same draft under a new cart id (a recalled sale continues as a new sale at this till). */
export function renewDraftId(draft: SaleDraft, id: string): SaleDraft {
  return { ...draft, cart: makeCart({ ...draft.cart, id }) };
}
