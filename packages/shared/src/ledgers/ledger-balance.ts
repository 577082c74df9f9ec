import type { LedgerEntryDoc, LedgerKind } from '../schemas';

/** The fields of a ledger entry that balances and reconciliation need. */
export type LedgerEntry = Pick<
  LedgerEntryDoc,
  'id' | 'ledger' | 'accountId' | 'entryKind' | 'delta' | 'offline' | 'createdAt'
> &
  Partial<Pick<LedgerEntryDoc, 'terminalId' | 'currency' | 'expiresAt' | 'storeId'>>;

/** Key of one account of one ledger. */
export function accountKey(ledger: LedgerKind, accountId: string): string {
  return `${ledger}\u0000${accountId}`;
}

/** Distinct entries by id (a replicated entry seen twice is one fact), first occurrence kept. */
export function distinctEntries<E extends { id: string }>(entries: Iterable<E>): E[] {
  const seen = new Set<string>();
  const out: E[] = [];
  for (const e of entries) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out;
}

/** Balance of one account: the sum of its distinct entries (points, or minor units). */
export function accountBalance(
  entries: Iterable<LedgerEntry>,
  ledger: LedgerKind,
  accountId: string,
): number {
  let balance = 0;
  for (const e of distinctEntries(entries))
    if (e.ledger === ledger && e.accountId === accountId) balance += e.delta;
  return balance;
}

/** Every account's balance, keyed by accountKey. */
export function balancesByAccount(entries: Iterable<LedgerEntry>): Map<string, number> {
  const balances = new Map<string, number>();
  for (const e of distinctEntries(entries)) {
    const key = accountKey(e.ledger, e.accountId);
    balances.set(key, (balances.get(key) ?? 0) + e.delta);
  }
  return balances;
}

/** Time order with the id as tie-break, identical on every node. */
export function compareLedgerEntries(
  a: { createdAt: string; id: string },
  b: { createdAt: string; id: string },
): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
