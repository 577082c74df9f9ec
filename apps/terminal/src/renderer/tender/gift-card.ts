import {
  authorizeRedemption,
  DomainError,
  storedValueAccount,
  storedValueEntry,
  type IdFactory,
  type LedgerEntry,
  type LedgerEntryDoc,
  type Money,
  type RefDoc,
  type StoredValueLedger,
} from '@store-os/shared';
import type { TerminalDatabase } from '../db/terminal-database';

/** What the cashier sees before taking a gift card: its balance here, and whether that may be stale. */
export interface GiftCardCheck {
  readonly accountId: string;
  readonly balance: Money;
  /** Most that may be taken now: the balance, and offline also what is left of this till's cap. */
  readonly available: Money;
  /** What the card pays towards this sale: the amount wanted, or all that is available if less. */
  readonly pays: Money;
  readonly offline: boolean;
}

/** The entries of one gift card or store-credit account this terminal holds (its own and replicated ones). */
export async function storedValueEntries(
  db: TerminalDatabase,
  ledger: StoredValueLedger,
  accountId: string,
): Promise<LedgerEntry[]> {
  const docs = await db.store.find({ selector: { type: 'ledger-entry', ledger, accountId } }).exec();
  return docs.map((d) => d.toJSON() as unknown as LedgerEntry);
}

/** The gift-card ledger entries of one card that this terminal holds (its own and replicated ones). */
export function giftCardEntries(db: TerminalDatabase, accountId: string): Promise<LedgerEntry[]> {
  return storedValueEntries(db, 'gift-card', accountId);
}

/** A card number as scanned or typed: digits and letters only, so "6001 2345" and "60012345" match. */
export function normalizeCardNumber(text: string): string {
  const id = text.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[0-9A-Z]{4,40}$/.test(id)) {
    throw new DomainError(
      'gift-card.bad-number',
      `"${text}" is not a gift-card number: scan the card or type its 4 to 40 letters and digits.`,
      { text },
    );
  }
  return id;
}

/**
 * Checks a gift card for up to `wanted` with the shared ledger rules and answers how much it pays: the
 * card must exist and be active; it pays at most its balance and, offline, at most what is left of this
 * till's offline cap for the card. Throws the rule's DomainError (unknown card, empty card, offline cap)
 * with what the cashier can do.
 */
export function checkGiftCard(
  db: TerminalDatabase,
  request: StoredValueCheckRequest,
): Promise<GiftCardCheck> {
  return checkStoredValue(db, 'gift-card', request);
}

/** What {@link checkStoredValue} asks about one account. */
export interface StoredValueCheckRequest {
  accountId: string;
  wanted: Money;
  offline: boolean;
  terminalId: string;
  offlineCap: Money;
  /** Already tendered from this card on the open sale (not yet in the ledger): it counts as taken. */
  tenderedOnSale?: number;
}

/**
 * {@link checkGiftCard} for either money ledger: gift cards, or store credit (issued by a refund, spent
 * at the counter under its own offline cap).
 */
export async function checkStoredValue(
  db: TerminalDatabase,
  ledger: StoredValueLedger,
  request: StoredValueCheckRequest,
): Promise<GiftCardCheck> {
  const tendered = request.tenderedOnSale ?? 0;
  const entries = [
    ...(await storedValueEntries(db, ledger, request.accountId)),
    ...(tendered > 0
      ? [
          {
            id: 'open-sale',
            ledger,
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
  const currency = request.wanted.currency;
  const account = storedValueAccount(entries, ledger, request.accountId);
  const usedOffline = account.offlineRedeemedBy.get(request.terminalId) ?? 0;
  const available = request.offline
    ? Math.min(account.balance, Math.max(0, request.offlineCap.amount - usedOffline))
    : account.balance;
  // Ask the shared rule for what will be taken, so its refusals (and their wording) are the only ones.
  const take = Math.max(1, Math.min(request.wanted.amount, available));
  authorizeRedemption({
    entries,
    ledger,
    accountId: request.accountId,
    amount: { amount: available > 0 ? take : request.wanted.amount, currency },
    offline: request.offline,
    terminalId: request.terminalId,
    offlineCap: request.offlineCap,
  });
  return {
    accountId: request.accountId,
    balance: { amount: account.balance, currency },
    available: { amount: available, currency },
    pays: { amount: take, currency },
    offline: request.offline,
  };
}

/** The balance of a card as known here, for a balance enquiry or a top-up (0 for a new card). */
export async function giftCardBalance(db: TerminalDatabase, accountId: string): Promise<number> {
  return storedValueAccount(await giftCardEntries(db, accountId), 'gift-card', accountId).balance;
}

/** A gift card sold or topped up on a sale line, settled into the ledger when the sale completes. */
export interface GiftCardLoad {
  readonly accountId: string;
  readonly entryKind: 'activate' | 'top-up';
}

/** Whether a card number is new here (activate) or already known (top up). */
export async function giftCardLoadKind(
  db: TerminalDatabase,
  accountId: string,
): Promise<GiftCardLoad['entryKind']> {
  const account = storedValueAccount(await giftCardEntries(db, accountId), 'gift-card', accountId);
  return account.exists && account.active ? 'top-up' : 'activate';
}

/** Input of {@link giftCardSaleEntries}: what the completed order paid and loaded. */
export interface GiftCardSaleInput {
  readonly newId: IdFactory;
  readonly storeId: string;
  readonly terminalId: string;
  readonly currency: string;
  readonly createdAt: string;
  readonly offline: boolean;
  readonly ref: RefDoc;
  readonly userId?: string;
  /** Gift-card tenders: account and amount redeemed. */
  readonly redeemed: readonly { accountId: string; amount: number }[];
  /** Gift-card lines: account, kind and the amount charged on the line. */
  readonly loaded: readonly (GiftCardLoad & { amount: number })[];
}

/** The ledger entries a completed sale writes for gift cards: one per redemption and per load. */
export function giftCardSaleEntries(input: GiftCardSaleInput): LedgerEntryDoc[] {
  const common = {
    newId: input.newId,
    storeId: input.storeId,
    terminalId: input.terminalId,
    ledger: 'gift-card' as const,
    offline: input.offline,
    createdAt: input.createdAt,
    ref: input.ref,
    ...(input.userId !== undefined ? { userId: input.userId } : {}),
  };
  return [
    ...input.redeemed.map((r) =>
      storedValueEntry({
        ...common,
        accountId: r.accountId,
        entryKind: 'redeem',
        amount: { amount: r.amount, currency: input.currency },
      }),
    ),
    ...input.loaded.map((l) =>
      storedValueEntry({
        ...common,
        accountId: l.accountId,
        entryKind: l.entryKind,
        amount: { amount: l.amount, currency: input.currency },
      }),
    ),
  ];
}
