/** Ways a customer pays; only cash gives change. */
export type TenderKind = 'cash' | 'card' | 'gift-card' | 'store-credit' | 'loyalty-points';

/** One payment towards a sale (positive) or one refund (negative), in minor units of the sale's currency. */
export interface Tender {
  readonly id: string;
  readonly kind: TenderKind;
  readonly amount: number;
  /** Card: masked PAN + auth code from the payment terminal; gift card / credit: the account id. */
  readonly reference?: string;
  /** Loyalty points redeemed for `amount` (points tenders only). */
  readonly points?: number;
  /** Gift card, store credit or loyalty account the tender draws on. */
  readonly accountId?: string;
  /** What the payment terminal answered for a card tender; never a full card number. */
  readonly card?: CardApproval;
  /** Redeemed or approved while offline (store-and-forward, offline cap). */
  readonly offline?: boolean;
}

/** A semi-integrated payment terminal's approval: token, masked PAN and auth code. */
export interface CardApproval {
  readonly maskedPan: string;
  readonly brand: string;
  readonly authCode: string;
  readonly token?: string;
  readonly pspReference?: string;
  readonly entryMode?: 'chip' | 'contactless' | 'swipe' | 'keyed';
}

/** True for tenders that can never exceed what is due (everything but cash). */
export function isExactTender(kind: TenderKind): boolean {
  return kind !== 'cash';
}
