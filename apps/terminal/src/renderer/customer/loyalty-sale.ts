import {
  accountBalance,
  authorizePointsRedemption,
  loyaltyEntry,
  pointsForAmount,
  pointsForOrder,
  pointsValue,
  redeemablePoints,
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

/** What {@link checkPointsTender} asks: an account, the amount still due and where the till stands. */
export interface PointsCheckRequest {
  readonly accountId: string;
  readonly wanted: Money;
  readonly rule: LoyaltyRule;
  readonly offline: boolean;
  readonly terminalId: string;
  /** Most points this till may redeem from one account while offline. */
  readonly offlineCapPoints: number;
  /** Points already tendered from this account on the open sale (not in the ledger yet). */
  readonly tenderedPoints: number;
}

/**
 * The points tender a till may take now: at most the balance (less what the open sale already
 * tendered) and, offline, at most what is left of this till's offline cap for the account. The offer
 * is undefined when the points are worth nothing yet; throws the shared rule's DomainError (offline cap
 * used up) with what the cashier can do.
 */
export async function checkPointsTender(
  db: TerminalDatabase,
  request: PointsCheckRequest,
): Promise<{
  /** Points left on the account after what the open sale already tendered. */
  readonly balance: number;
  readonly offer: { readonly points: number; readonly amount: number } | undefined;
}> {
  const docs = await db.store
    .find({ selector: { type: 'ledger-entry', ledger: 'loyalty', accountId: request.accountId } })
    .exec();
  const tendered = Math.max(0, request.tenderedPoints);
  const entries: LedgerEntry[] = [
    ...docs.map((d) => d.toJSON() as unknown as LedgerEntry),
    ...(tendered > 0
      ? [
          {
            id: 'open-sale',
            ledger: 'loyalty' as const,
            accountId: request.accountId,
            entryKind: 'redeem' as const,
            delta: -tendered,
            offline: request.offline,
            createdAt: '',
            terminalId: request.terminalId,
          },
        ]
      : []),
  ];
  const ask = {
    entries,
    accountId: request.accountId,
    offline: request.offline,
    terminalId: request.terminalId,
    offlineCapPoints: request.offlineCapPoints,
  };
  const { balance, available } = redeemablePoints(ask);
  if (request.offline && available <= 0 && balance > 0) {
    // Nothing left under the cap: let the shared rule say so, in its words.
    authorizePointsRedemption({ ...ask, points: 1 });
  }
  const offer = pointsTender(
    { accountId: request.accountId, points: available, value: pointsValue(available, request.rule) },
    request.wanted,
    request.rule,
  );
  if (offer) authorizePointsRedemption({ ...ask, points: offer.points });
  return { balance, offer };
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
