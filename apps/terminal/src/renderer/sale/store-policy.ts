import {
  defaultCashRounding,
  type CashRoundingRule,
  type InStoreBarcodeLayout,
  type LoyaltyRule,
  type Money,
} from '@store-os/shared';

/**
 * The counter's rules that the published store document does not carry yet: cash rounding, in-store
 * label layouts, the loyalty programme, the offline caps on gift cards, store credit and points and who may open the drawer
 * without a sale. One place, so that when HQ publishes them only this function changes.
 */
export interface StorePolicy {
  readonly cashRounding: CashRoundingRule | undefined;
  readonly inStoreLayouts: readonly InStoreBarcodeLayout[];
  readonly loyalty: LoyaltyRule;
  /** Most one till may take from one gift card while it cannot see the server. */
  readonly giftCardOfflineCap: Money;
  /** Most one till may take from one store-credit account while it cannot see the server. */
  readonly storeCreditOfflineCap: Money;
  /** Most points one till may redeem from one loyalty account while it cannot see the server. */
  readonly loyaltyOfflineCapPoints: number;
  /** A no-sale drawer open needs a manager (otherwise it is only audited). */
  readonly noSaleNeedsApproval: boolean;
  /** The SKU of the gift-card sale/top-up line; its tax category is exempt (a voucher, not a supply). */
  readonly giftCardSku: string;
}

/** The SKU gift-card sale and top-up lines carry. */
export const GIFT_CARD_SKU = 'GIFT-CARD';
/** The tax category of gift-card lines (no rate: multi-purpose vouchers are taxed when spent). */
export const GIFT_CARD_TAX_CATEGORY = 'gift-card';

/** The policy of a store selling in `currency`, with the usual national defaults. */
export function storePolicy(currency: string): StorePolicy {
  return {
    cashRounding: defaultCashRounding(currency),
    inStoreLayouts: [
      // GS1 prefix 21: `21 IIIII V PPPP C`, price-embedded labels from the store's scales.
      {
        id: 'price',
        prefixes: ['21'],
        itemCodeLength: 5,
        value: 'price',
        valueLength: 4,
        valueCheckDigit: true,
      },
      // Prefix 28/29: weight-embedded labels, `28 IIIII WWWWW C`.
      {
        id: 'weight',
        prefixes: ['28', '29'],
        itemCodeLength: 5,
        value: 'weight',
        valueLength: 5,
        valueCheckDigit: false,
      },
    ],
    loyalty: {
      currency,
      pointsPerUnit: 1,
      redemption: { points: 100, value: { amount: 100, currency } },
      expiryDays: 365,
    },
    giftCardOfflineCap: { amount: 5000, currency },
    storeCreditOfflineCap: { amount: 5000, currency },
    loyaltyOfflineCapPoints: 5000,
    noSaleNeedsApproval: true,
    giftCardSku: GIFT_CARD_SKU,
  };
}
