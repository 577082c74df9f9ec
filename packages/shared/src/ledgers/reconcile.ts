import type { LedgerKind } from '../schemas';
import type { LedgerEntry } from './ledger-balance';
import { accountKey, compareLedgerEntries } from './ledger-balance';

/** An account that went below zero after merging entries from several tills. */
export interface OverRedemption {
  readonly ledger: LedgerKind;
  readonly accountId: string;
  /** Negative: the merged balance. */
  readonly balance: number;
  /** How much more was redeemed than the account held (−balance). */
  readonly overRedeemedBy: number;
  /** The offline entries on the account, the ones recorded without seeing each other. */
  readonly offlineEntryIds: readonly string[];
}

/** A till that redeemed more from one card offline than its cap allowed. */
export interface OfflineCapBreach {
  readonly ledger: LedgerKind;
  readonly accountId: string;
  readonly terminalId: string;
  readonly redeemedOffline: number;
  readonly cap: number;
}

/** Two entries with the same id but different content: both kept in the report, the first counted. */
export interface EntryIdConflict {
  readonly id: string;
  readonly kept: LedgerEntry;
  readonly other: LedgerEntry;
}

/** The outcome of merging every till's ledger entries. */
export interface LedgerReconciliation {
  /** Balance per account (accountKey → points or minor units); the sum of its distinct entries. */
  readonly balances: ReadonlyMap<string, number>;
  readonly entryCount: number;
  readonly overRedemptions: readonly OverRedemption[];
  readonly capBreaches: readonly OfflineCapBreach[];
  readonly idConflicts: readonly EntryIdConflict[];
}

/** Offline cap per ledger (minor units or points), for reporting breaches; none means no cap check. */
export type OfflineCaps = Partial<Readonly<Record<LedgerKind, number>>>;

const canonical = (e: LedgerEntry) =>
  JSON.stringify([
    e.ledger,
    e.accountId,
    e.entryKind,
    e.delta,
    e.offline,
    e.createdAt,
    e.terminalId ?? null,
    e.currency ?? null,
  ]);

/**
 * Merges the entries of every till and reports, without dropping or changing any entry: balances,
 * accounts overdrawn by offline redemptions (two tills spending the same card while offline), tills
 * over their offline cap, and ids reused for different content. The result does not depend on the
 * order the entries arrive in.
 */
export function reconcileLedgers(
  entries: Iterable<LedgerEntry>,
  caps: OfflineCaps = {},
): LedgerReconciliation {
  const byId = new Map<string, LedgerEntry>();
  const idConflicts: EntryIdConflict[] = [];
  for (const e of [...entries].sort(
    (a, b) => compareLedgerEntries(a, b) || (canonical(a) < canonical(b) ? -1 : 1),
  )) {
    const existing = byId.get(e.id);
    if (existing === undefined) byId.set(e.id, e);
    else if (canonical(existing) !== canonical(e)) idConflicts.push({ id: e.id, kept: existing, other: e });
  }
  const distinct = [...byId.values()].sort(compareLedgerEntries);
  const balances = new Map<string, number>();
  const accounts = new Map<
    string,
    { ledger: LedgerKind; accountId: string; offline: string[]; offlineBy: Map<string, number> }
  >();
  for (const e of distinct) {
    const key = accountKey(e.ledger, e.accountId);
    balances.set(key, (balances.get(key) ?? 0) + e.delta);
    let acc = accounts.get(key);
    if (acc === undefined) {
      acc = { ledger: e.ledger, accountId: e.accountId, offline: [], offlineBy: new Map() };
      accounts.set(key, acc);
    }
    if (e.offline) {
      acc.offline.push(e.id);
      if (e.entryKind === 'redeem') {
        const t = e.terminalId ?? '';
        acc.offlineBy.set(t, (acc.offlineBy.get(t) ?? 0) - e.delta);
      }
    }
  }
  const overRedemptions: OverRedemption[] = [];
  const capBreaches: OfflineCapBreach[] = [];
  for (const [key, acc] of [...accounts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const balance = balances.get(key) ?? 0;
    if (balance < 0) {
      overRedemptions.push({
        ledger: acc.ledger,
        accountId: acc.accountId,
        balance,
        overRedeemedBy: -balance,
        offlineEntryIds: acc.offline,
      });
    }
    const cap = caps[acc.ledger];
    if (cap === undefined) continue;
    for (const [terminalId, redeemedOffline] of [...acc.offlineBy.entries()].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      if (redeemedOffline > cap)
        capBreaches.push({ ledger: acc.ledger, accountId: acc.accountId, terminalId, redeemedOffline, cap });
    }
  }
  return { balances, entryCount: distinct.length, overRedemptions, capBreaches, idConflicts };
}
