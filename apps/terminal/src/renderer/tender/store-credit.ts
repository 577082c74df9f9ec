import { DomainError, storedValueEntry, type LedgerEntryDoc } from '@store-os/shared';
import type { TerminalDatabase } from '../db/terminal-database';
import {
  checkStoredValue,
  type GiftCardCheck,
  type GiftCardSaleInput,
  type StoredValueCheckRequest,
} from './gift-card';

/**
 * A store-credit number as printed on the refund slip (`SC-` and letters/digits), however it was typed:
 * "sc-01jd 5z8q", "SC01JD5Z8Q" and "SC-01JD5Z8Q" are the same account.
 */
export function normalizeStoreCreditNumber(text: string): string {
  const compact = text.replace(/\s/g, '').toUpperCase();
  const match = /^SC-?([0-9A-Z]{2,40})$/.exec(compact);
  if (!match) {
    throw new DomainError(
      'store-credit.bad-number',
      `"${text}" is not a store-credit number: scan the refund slip or type its number (SC- and letters and digits).`,
      { text },
    );
  }
  return `SC-${match[1] ?? ''}`;
}

/**
 * Checks store credit for up to `wanted` with the shared ledger rules (as for a gift card): the account
 * must have been issued (a refund issues it); it pays at most its balance and, offline, at most what is
 * left of this till's offline cap for the account. Throws the rule's DomainError with what to do.
 */
export function checkStoreCredit(
  db: TerminalDatabase,
  request: StoredValueCheckRequest,
): Promise<GiftCardCheck> {
  return checkStoredValue(db, 'store-credit', request);
}

/** The store-credit ledger entries a completed sale writes: one redemption per store-credit tender. */
export function storeCreditSaleEntries(input: Omit<GiftCardSaleInput, 'loaded'>): LedgerEntryDoc[] {
  return input.redeemed.map((r) =>
    storedValueEntry({
      newId: input.newId,
      storeId: input.storeId,
      terminalId: input.terminalId,
      ledger: 'store-credit',
      accountId: r.accountId,
      entryKind: 'redeem',
      amount: { amount: r.amount, currency: input.currency },
      offline: input.offline,
      createdAt: input.createdAt,
      ref: input.ref,
      ...(input.userId !== undefined ? { userId: input.userId } : {}),
    }),
  );
}
