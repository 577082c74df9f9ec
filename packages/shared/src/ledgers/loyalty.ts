import { DomainError } from '../errors';
import type { Money, Percent } from '../money';
import { minorUnitsPerMajor, percentToRatio } from '../money';
import type { IdFactory } from '../ids';
import type { LedgerEntryDoc, LedgerEntryKind, OrderDoc, OrderLineDoc, RefDoc, TenderDoc } from '../schemas';
import type { LedgerEntry } from './ledger-balance';
import { distinctEntries } from './ledger-balance';

/** How a loyalty programme earns, values and expires points. */
export interface LoyaltyRule {
  readonly currency: string;
  /** Points per whole currency unit paid (1 = one point per euro). */
  readonly pointsPerUnit: number;
  /** Extra earning on some product groups: `"200"` = double points. The highest matching wins. */
  readonly multipliers?: readonly { readonly groupId: string; readonly percent: Percent }[];
  /** What `points` points are worth when redeemed, e.g. 100 points = EUR 1.00. */
  readonly redemption: { readonly points: number; readonly value: Money };
  /** Days after which earned points lapse; absent means never. */
  readonly expiryDays?: number;
}

function lineMultiplier(
  line: OrderLineDoc,
  rule: LoyaltyRule,
  groupsOf: (sku: string) => readonly string[],
): { numerator: number; denominator: number } {
  let best = { numerator: 1, denominator: 1 };
  const groups = new Set(groupsOf(line.sku));
  for (const m of rule.multipliers ?? []) {
    if (!groups.has(m.groupId)) continue;
    const r = percentToRatio(m.percent);
    if (r.numerator * best.denominator > best.numerator * r.denominator) best = r;
  }
  return best;
}

function pointsOn(
  amount: number,
  line: OrderLineDoc,
  rule: LoyaltyRule,
  groupsOf: (sku: string) => readonly string[],
): number {
  const best = lineMultiplier(line, rule, groupsOf);
  const perMajor = minorUnitsPerMajor(rule.currency);
  const points =
    (BigInt(amount) * BigInt(rule.pointsPerUnit) * BigInt(best.numerator)) /
    (BigInt(perMajor) * BigInt(best.denominator));
  return Number(points);
}

/** The tenders {@link pointsForOrder} reads: only `loyalty-points` ones matter. */
export type EarningTender = Pick<TenderDoc, 'type' | 'amount'>;

/**
 * What the order paid with loyalty points: the net of its `loyalty-points` tenders (a refund to points
 * is negative), never below zero, in minor units of the order's currency.
 */
export function paidWithPoints(order: { readonly tenders?: readonly EarningTender[] }): number {
  let paid = 0;
  for (const t of order.tenders ?? []) if (t.type === 'loyalty-points') paid += t.amount.amount;
  return Math.max(0, paid);
}

/**
 * Spreads `amount` over the line totals in proportion to them (largest remainder, then line order),
 * never giving a line more than its total: the part of each line paid with points.
 */
export function allocateOverLines(amount: number, totals: readonly number[]): number[] {
  const sum = totals.reduce((s, t) => s + t, 0);
  if (amount <= 0 || sum <= 0) return totals.map(() => 0);
  if (amount >= sum) return [...totals];
  const big = BigInt(amount);
  const bigSum = BigInt(sum);
  const shares = totals.map((t) => Number((big * BigInt(t)) / bigSum));
  const order = totals
    .map((t, i) => ({ i, rest: (big * BigInt(t)) % bigSum }))
    .sort((a, b) => (a.rest > b.rest ? -1 : a.rest < b.rest ? 1 : a.i - b.i));
  let left = amount - shares.reduce((s, t) => s + t, 0);
  for (const { i } of order) {
    if (left === 0) break;
    if ((shares[i] ?? 0) < (totals[i] ?? 0)) {
      shares[i] = (shares[i] ?? 0) + 1;
      left -= 1;
    }
  }
  return shares;
}

/**
 * Points an order earns: per line, on what was paid for it in money (after discounts, and less the
 * part paid with loyalty points), times the best group multiplier, rounded down. The points paid are
 * taken off the sale lines in proportion to their totals ({@link allocateOverLines}): no points are
 * earned on what points paid for. Returned lines take back the points they earned, so a return never
 * leaves the customer with points for goods they no longer have.
 */
export function pointsForOrder(
  order: Pick<OrderDoc, 'currency' | 'lines' | 'returnLines'> & {
    readonly tenders?: readonly EarningTender[];
  },
  rule: LoyaltyRule,
  groupsOf: (sku: string) => readonly string[] = () => [],
): number {
  if (order.currency !== rule.currency) {
    throw new DomainError(
      'loyalty.currency',
      `The loyalty rule earns on ${rule.currency}; this order is in ${order.currency}.`,
      {
        rule: rule.currency,
        order: order.currency,
      },
    );
  }
  const totals = order.lines.map((l) => Math.max(0, l.total.amount));
  const byPoints = allocateOverLines(paidWithPoints(order), totals);
  let points = 0;
  order.lines.forEach((line, i) => {
    points += pointsOn((totals[i] ?? 0) - (byPoints[i] ?? 0), line, rule, groupsOf);
  });
  for (const line of order.returnLines) points -= pointsOn(line.total.amount, line, rule, groupsOf);
  return points;
}

/** Money value of redeeming `points` (rounded down to the minor unit). */
export function pointsValue(points: number, rule: LoyaltyRule): Money {
  const amount = Math.floor((points * rule.redemption.value.amount) / rule.redemption.points);
  return { amount, currency: rule.redemption.value.currency };
}

/** Points needed to pay `amount` (rounded up: the customer never gets more than the points are worth). */
export function pointsForAmount(amount: Money, rule: LoyaltyRule): number {
  return Math.ceil((amount.amount * rule.redemption.points) / rule.redemption.value.amount);
}

/** When points earned at `createdAt` lapse under the rule, or undefined if they never do. */
export function pointsExpiry(createdAt: string, rule: LoyaltyRule): string | undefined {
  if (rule.expiryDays === undefined) return undefined;
  const ms = Date.parse(createdAt);
  if (Number.isNaN(ms)) {
    throw new DomainError('loyalty.bad-date', `"${createdAt}" is not an ISO date-time.`, { createdAt });
  }
  return new Date(ms + rule.expiryDays * 86_400_000).toISOString();
}

/**
 * Points of one account that have lapsed at `at` and are not yet written off. Spending (redeem,
 * negative adjust, earlier expire entries) uses the soonest-expiring points first; what is left of
 * lots whose expiry has passed is the amount the expiry job writes as one `expire` entry. Writing it
 * and asking again answers 0, so the job can run any number of times.
 */
export function pointsToExpire(entries: Iterable<LedgerEntry>, accountId: string, at: string): number {
  const lots: { expiresAt: string; left: number }[] = [];
  let spent = 0;
  for (const e of distinctEntries(entries)) {
    if (e.ledger !== 'loyalty' || e.accountId !== accountId) continue;
    if (e.delta > 0) lots.push({ expiresAt: e.expiresAt ?? '\uffff', left: e.delta });
    else spent -= e.delta;
  }
  lots.sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : a.expiresAt > b.expiresAt ? 1 : 0));
  let expired = 0;
  for (const lot of lots) {
    const used = Math.min(spent, lot.left);
    spent -= used;
    lot.left -= used;
    if (lot.expiresAt <= at) expired += lot.left;
  }
  return expired;
}

/** Points of one account redeemed offline by one terminal, from the entries flagged offline. */
export function pointsRedeemedOffline(
  entries: Iterable<LedgerEntry>,
  accountId: string,
  terminalId: string,
): number {
  let used = 0;
  for (const e of distinctEntries(entries)) {
    if (e.ledger !== 'loyalty' || e.accountId !== accountId || !e.offline) continue;
    if (e.entryKind === 'redeem' && (e.terminalId ?? '') === terminalId) used -= e.delta;
  }
  return used;
}

/** The question a till asks before taking loyalty points as payment. */
export interface PointsRedemptionRequest {
  readonly entries: readonly LedgerEntry[];
  readonly accountId: string;
  readonly points: number;
  /** True when the till cannot reach the server (the balance may be stale). */
  readonly offline: boolean;
  readonly terminalId: string;
  /** Most points this terminal may redeem from one account while offline, until it syncs. */
  readonly offlineCapPoints: number;
}

/**
 * Most points that may be redeemed now from an account: its balance and, offline, also what is left of
 * this till's offline cap for the account (another offline till may be spending the same points).
 */
export function redeemablePoints(request: Omit<PointsRedemptionRequest, 'points'>): {
  readonly balance: number;
  readonly available: number;
  /** Offline only: what is left of this till's cap for the account. */
  readonly offlineLeft?: number;
} {
  let balance = 0;
  for (const e of distinctEntries(request.entries))
    if (e.ledger === 'loyalty' && e.accountId === request.accountId) balance += e.delta;
  if (!request.offline) return { balance, available: Math.max(0, balance) };
  const used = pointsRedeemedOffline(request.entries, request.accountId, request.terminalId);
  const offlineLeft = Math.max(0, request.offlineCapPoints - used);
  return { balance, available: Math.max(0, Math.min(balance, offlineLeft)), offlineLeft };
}

/**
 * Decides whether `points` may be redeemed: online the balance must cover them; offline they must also
 * fit within this till's offline cap for the account. Reconciliation reports what still slips through.
 */
export function authorizePointsRedemption(request: PointsRedemptionRequest): number {
  const { points, accountId } = request;
  if (!Number.isSafeInteger(points) || points <= 0) {
    throw new DomainError('loyalty.bad-points', `Redeem a whole positive number of points, got ${points}.`, {
      points,
    });
  }
  const { balance, offlineLeft } = redeemablePoints(request);
  if (points > balance) {
    throw new DomainError(
      'ledger.insufficient-balance',
      `Loyalty account ${accountId} has ${balance} points; ${points} were asked.`,
      { balance, requested: points },
    );
  }
  if (offlineLeft !== undefined && points > offlineLeft) {
    throw new DomainError(
      'ledger.offline-cap',
      `Offline, at most ${request.offlineCapPoints} points may be redeemed from loyalty account ${accountId} at this till; ${offlineLeft} are left. Take the rest another way or wait for the connection.`,
      { cap: request.offlineCapPoints, used: request.offlineCapPoints - offlineLeft, requested: points },
    );
  }
  return balance;
}

/** Input of {@link loyaltyEntry}. */
export interface LoyaltyEntryInput {
  readonly newId: IdFactory;
  readonly storeId: string;
  readonly terminalId: string;
  readonly accountId: string;
  readonly entryKind: Extract<LedgerEntryKind, 'earn' | 'redeem' | 'expire' | 'adjust' | 'refund'>;
  /** Signed points: positive earned or given back, negative spent or lapsed. */
  readonly points: number;
  readonly offline: boolean;
  readonly createdAt: string;
  /** When given with an `earn`, the entry carries the expiry the rule sets. */
  readonly rule?: LoyaltyRule;
  readonly ref?: RefDoc;
}

/** Writes a loyalty ledger entry; earned points carry their expiry date under the rule. */
export function loyaltyEntry(input: LoyaltyEntryInput): LedgerEntryDoc {
  if (!Number.isSafeInteger(input.points) || input.points === 0) {
    throw new DomainError(
      'loyalty.bad-points',
      `A loyalty entry moves a whole, non-zero number of points, got ${input.points}.`,
      {
        points: input.points,
      },
    );
  }
  const expiresAt =
    input.entryKind === 'earn' && input.rule ? pointsExpiry(input.createdAt, input.rule) : undefined;
  return {
    id: input.newId(),
    type: 'ledger-entry',
    schemaVersion: 1,
    storeId: input.storeId,
    terminalId: input.terminalId,
    ledger: 'loyalty',
    accountId: input.accountId,
    entryKind: input.entryKind,
    delta: input.points,
    offline: input.offline,
    createdAt: input.createdAt,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(input.ref === undefined ? {} : { ref: input.ref }),
  };
}
