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
}

/** True for tenders that can never exceed what is due (everything but cash). */
export function isExactTender(kind: TenderKind): boolean {
  return kind !== 'cash';
}
