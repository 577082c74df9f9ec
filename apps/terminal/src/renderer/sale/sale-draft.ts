import type { Cart } from '@store-os/shared';
import type { GiftCardLoad } from '../tender/gift-card';

/** Who approved a manual change on a line, kept with the sale until the order and audit are written. */
export interface LineApproval {
  readonly lineId: string;
  readonly kind: 'price-override' | 'discount-override';
  readonly managerId: string;
  readonly managerName: string;
  readonly reason: string;
  readonly at: string;
  /** Before and after, in words and minor units, for the audit trail. */
  readonly details: Readonly<Record<string, string | number>>;
}

/** A sale in progress beyond its cart: gift cards loaded on lines, approvals, the customer's name. */
export interface SaleDraft {
  readonly cart: Cart;
  /** Gift-card sale/top-up lines by line id. */
  readonly giftCards: Readonly<Record<string, GiftCardLoad>>;
  readonly approvals: readonly LineApproval[];
  readonly customerName?: string;
  readonly loyaltyAccountId?: string;
}
