import { DomainError } from '../errors';
import type { IdFactory } from '../ids';
import type { Money } from '../money';
import { toDecimalString } from '../money';
import type { LedgerEntryDoc, LedgerEntryKind, RefDoc } from '../schemas';
import type { LedgerEntry } from './ledger-balance';
import { distinctEntries } from './ledger-balance';

/** Money ledgers: gift cards and store credit. */
export type StoredValueLedger = 'gift-card' | 'store-credit';

/** What the till knows about a card from the entries it has (its own plus those replicated to it). */
export interface StoredValueAccount {
  readonly ledger: StoredValueLedger;
  readonly accountId: string;
  readonly exists: boolean;
  readonly active: boolean;
  readonly balance: number;
  /** Redeemed offline by each terminal (positive minor units), from entries flagged offline. */
  readonly offlineRedeemedBy: ReadonlyMap<string, number>;
}

/** Folds the entries of one card into its state. */
export function storedValueAccount(
  entries: Iterable<LedgerEntry>,
  ledger: StoredValueLedger,
  accountId: string,
): StoredValueAccount {
  let exists = false;
  let active = false;
  let balance = 0;
  const offlineRedeemedBy = new Map<string, number>();
  for (const e of distinctEntries(entries)) {
    if (e.ledger !== ledger || e.accountId !== accountId) continue;
    exists = true;
    // A refund to an account issues it too: store credit (and a new gift card) come into being that way.
    if (e.entryKind === 'issue' || e.entryKind === 'activate' || e.entryKind === 'refund') active = true;
    if (e.entryKind === 'cancel') active = false;
    balance += e.delta;
    if (e.offline && e.entryKind === 'redeem') {
      const t = e.terminalId ?? '';
      offlineRedeemedBy.set(t, (offlineRedeemedBy.get(t) ?? 0) - e.delta);
    }
  }
  return { ledger, accountId, exists, active, balance, offlineRedeemedBy };
}

/** The question a till asks before taking a gift card or store credit as payment. */
export interface RedemptionRequest {
  readonly entries: readonly LedgerEntry[];
  readonly ledger: StoredValueLedger;
  readonly accountId: string;
  readonly amount: Money;
  /** True when the till cannot reach the server (balance may be stale). */
  readonly offline: boolean;
  readonly terminalId: string;
  /** Most this terminal may redeem from one card while offline, until it syncs. */
  readonly offlineCap: Money;
}

const fmt = (m: Money) => `${toDecimalString(m)} ${m.currency}`;

/**
 * Decides whether a redemption may go ahead. Online, the balance must cover it. Offline, it must
 * also fit within this terminal's offline cap for the card, because another offline till may be
 * spending the same balance; reconciliation reports any overdraft that still slips through.
 */
export function authorizeRedemption(request: RedemptionRequest): StoredValueAccount {
  const account = storedValueAccount(request.entries, request.ledger, request.accountId);
  const { amount } = request;
  const name = request.ledger === 'gift-card' ? 'Gift card' : 'Store credit';
  if (!account.exists || !account.active) {
    throw new DomainError(
      account.exists ? 'ledger.inactive' : 'ledger.unknown-account',
      `${name} ${request.accountId} ${account.exists ? 'is not active (cancelled or never activated)' : 'is not known here'}${request.offline ? '; it cannot be checked while offline' : ''}.`,
      { accountId: request.accountId },
    );
  }
  if (amount.amount <= 0 || !Number.isSafeInteger(amount.amount)) {
    throw new DomainError('ledger.bad-amount', `Redeem a whole positive amount, got ${amount.amount}.`, {
      amount: amount.amount,
    });
  }
  const balance = { amount: account.balance, currency: amount.currency };
  if (amount.amount > account.balance) {
    throw new DomainError(
      'ledger.insufficient-balance',
      `${name} ${request.accountId} has ${fmt(balance)}; ${fmt(amount)} was asked.`,
      {
        balance: account.balance,
        requested: amount.amount,
      },
    );
  }
  if (request.offline) {
    const used = account.offlineRedeemedBy.get(request.terminalId) ?? 0;
    if (used + amount.amount > request.offlineCap.amount) {
      const left = { amount: Math.max(0, request.offlineCap.amount - used), currency: amount.currency };
      throw new DomainError(
        'ledger.offline-cap',
        `Offline, at most ${fmt(request.offlineCap)} may be taken from ${name.toLowerCase()} ${request.accountId} at this till; ${fmt(left)} is left. Take the rest another way or wait for the connection.`,
        { cap: request.offlineCap.amount, used, requested: amount.amount },
      );
    }
  }
  return account;
}

/** Input of {@link storedValueEntry}. */
export interface StoredValueEntryInput {
  readonly newId: IdFactory;
  readonly storeId: string;
  readonly terminalId: string;
  readonly ledger: StoredValueLedger;
  readonly accountId: string;
  readonly entryKind: Extract<
    LedgerEntryKind,
    'issue' | 'activate' | 'top-up' | 'redeem' | 'refund' | 'cancel' | 'adjust'
  >;
  /** Positive amount; the sign of the entry follows from the kind (redeem takes, the rest add). */
  readonly amount: Money;
  readonly offline: boolean;
  readonly createdAt: string;
  readonly ref?: RefDoc;
  readonly userId?: string;
}

/** Writes the ledger entry of a gift-card or store-credit operation, signed by its kind. */
export function storedValueEntry(input: StoredValueEntryInput): LedgerEntryDoc {
  const sign = input.entryKind === 'redeem' || input.entryKind === 'cancel' ? -1 : 1;
  if (!Number.isSafeInteger(input.amount.amount) || input.amount.amount < 0) {
    throw new DomainError(
      'ledger.bad-amount',
      `Give a whole non-negative amount for a ${input.entryKind}, got ${input.amount.amount}.`,
      {
        amount: input.amount.amount,
      },
    );
  }
  return {
    id: input.newId(),
    type: 'ledger-entry',
    schemaVersion: 1,
    storeId: input.storeId,
    terminalId: input.terminalId,
    ledger: input.ledger,
    accountId: input.accountId,
    entryKind: input.entryKind,
    delta: input.amount.amount === 0 ? 0 : sign * input.amount.amount,
    currency: input.amount.currency,
    offline: input.offline,
    createdAt: input.createdAt,
    ...(input.ref === undefined ? {} : { ref: input.ref }),
    ...(input.userId === undefined ? {} : { userId: input.userId }),
  };
}
