import {
  accountBalance,
  loyaltyEntry,
  pointsForAmount,
  pointsForOrder,
  pointsValue,
  type IdFactory,
  type LedgerEntry,
  type LedgerEntryDoc,
  type LoyaltyRule,
  type Money,
  type OrderDoc,
} from '@store-os/shared';
import type { TerminalDatabase } from '../db/terminal-database';

/** A loyalty account's points as known here, and what they are worth at the till. */
export interface LoyaltyBalance {
  readonly accountId: string;
  readonly points: number;
  readonly value: Money;
}

/** The points balance of an account from the replicated loyalty ledger. */
export async function loyaltyBalance(
  db: TerminalDatabase,
  accountId: string,
  rule: LoyaltyRule,
): Promise<LoyaltyBalance> {
  const docs = await db.store
    .find({ selector: { type: 'ledger-entry', ledger: 'loyalty', accountId } })
    .exec();
  const points = accountBalance(
    docs.map((d) => d.toJSON() as unknown as LedgerEntry),
    'loyalty',
    accountId,
  );
  return { accountId, points, value: pointsValue(Math.max(0, points), rule) };
}

/** The balance less the points already tendered on the open sale (not in the ledger until it completes). */
export function pointsLeftOnSale(
  balance: LoyaltyBalance,
  tenderedPoints: number,
  rule: LoyaltyRule,
): LoyaltyBalance {
  const points = balance.points - Math.max(0, tenderedPoints);
  return { accountId: balance.accountId, points, value: pointsValue(Math.max(0, points), rule) };
}

/**
 * A points tender for up to `wanted` of the amount due: the points it takes (rounded up, in the shop's
 * favour) and the amount it pays, never more than the balance is worth.
 */
export function pointsTender(
  balance: LoyaltyBalance,
  wanted: Money,
  rule: LoyaltyRule,
): { points: number; amount: number } | undefined {
  const amount = Math.min(wanted.amount, balance.value.amount);
  if (amount <= 0) return undefined;
  const points = Math.min(balance.points, pointsForAmount({ amount, currency: wanted.currency }, rule));
  return { points, amount };
}

/** Input of {@link loyaltySaleEntries}. */
export interface LoyaltySaleInput {
  readonly newId: IdFactory;
  readonly storeId: string;
  readonly terminalId: string;
  readonly accountId: string;
  readonly order: OrderDoc;
  readonly rule: LoyaltyRule;
  readonly offline: boolean;
  /** SKUs that earn nothing (gift cards: points are earned when the card is spent). */
  readonly excludedSkus: ReadonlySet<string>;
  /** Points redeemed as tenders on this order. */
  readonly redeemedPoints: number;
}

/**
 * The loyalty entries a sale writes: points redeemed (negative) and points earned on what was paid in
 * money (the order's `loyalty-points` tenders earn nothing; see `pointsForOrder`).
 */
export function loyaltySaleEntries(input: LoyaltySaleInput): LedgerEntryDoc[] {
  const common = {
    newId: input.newId,
    storeId: input.storeId,
    terminalId: input.terminalId,
    accountId: input.accountId,
    offline: input.offline,
    createdAt: input.order.createdAt,
    ref: { kind: 'order', id: input.order.id },
  };
  const earning = {
    currency: input.order.currency,
    lines: input.order.lines.filter((l) => !input.excludedSkus.has(l.sku)),
    returnLines: input.order.returnLines.filter((l) => !input.excludedSkus.has(l.sku)),
    // The part paid with points earns nothing (taken off the earning lines by the shared rule).
    tenders: input.order.tenders,
  };
  const earned = pointsForOrder(earning, input.rule);
  const entries: LedgerEntryDoc[] = [];
  if (input.redeemedPoints > 0)
    entries.push(loyaltyEntry({ ...common, entryKind: 'redeem', points: -input.redeemedPoints }));
  if (earned !== 0)
    entries.push(
      loyaltyEntry({
        ...common,
        entryKind: earned > 0 ? 'earn' : 'adjust',
        points: earned,
        rule: input.rule,
      }),
    );
  return entries;
}
