// The ledger reconciliation a manager or HQ reads after tills sync: the shared `reconcileLedgers` over
// every entry the server holds, with the entries behind each finding spelled out (which till, which
// order, how much, when), so an over-redemption across offline tills is seen and followed up.
import { accountKey, reconcileLedgers, type LedgerEntry, type OfflineCaps } from '@store-os/shared/ledgers';
import type { LedgerKind, RefDoc } from '@store-os/shared/schemas';

/** A ledger entry as the server stores it (the fields the report needs). */
export type StoredLedgerEntry = LedgerEntry & { readonly ref?: RefDoc; readonly userId?: string };

/** One entry behind a finding. */
export interface ReportedEntry {
  readonly id: string;
  readonly storeId: string | null;
  readonly terminalId: string | null;
  readonly entryKind: string;
  readonly delta: number;
  readonly offline: boolean;
  readonly createdAt: string;
  readonly ref: RefDoc | null;
}

/** An account overdrawn after the merge, with its redemptions. */
export interface ReportedOverRedemption {
  readonly ledger: LedgerKind;
  readonly accountId: string;
  readonly currency: string | null;
  readonly balance: number;
  readonly overRedeemedBy: number;
  /** Every entry of the account, oldest first: what was loaded and who took what. */
  readonly entries: readonly ReportedEntry[];
  /** Ids of the entries recorded offline (the ones that could not see each other). */
  readonly offlineEntryIds: readonly string[];
}

/** The report: findings first, then the totals that show nothing was dropped. */
export interface LedgerReconciliationReport {
  readonly entryCount: number;
  readonly accountCount: number;
  readonly overRedemptions: readonly ReportedOverRedemption[];
  readonly capBreaches: readonly {
    readonly ledger: LedgerKind;
    readonly accountId: string;
    readonly terminalId: string;
    readonly redeemedOffline: number;
    readonly cap: number;
  }[];
  readonly idConflicts: readonly { readonly id: string }[];
  readonly caps: OfflineCaps;
}

const reported = (e: StoredLedgerEntry): ReportedEntry => ({
  id: e.id,
  storeId: e.storeId ?? null,
  terminalId: e.terminalId ?? null,
  entryKind: e.entryKind,
  delta: e.delta,
  offline: e.offline,
  createdAt: e.createdAt,
  ref: e.ref ?? null,
});

/**
 * Reconciles `entries` (any order, duplicates allowed) with the shared rule and explains each finding.
 * Nothing is changed or dropped: the report only says what a person must follow up.
 */
export function ledgerReconciliationReport(
  entries: readonly StoredLedgerEntry[],
  caps: OfflineCaps,
): LedgerReconciliationReport {
  const result = reconcileLedgers(entries, caps);
  const byAccount = new Map<string, StoredLedgerEntry[]>();
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const key = accountKey(e.ledger, e.accountId);
    const list = byAccount.get(key) ?? [];
    list.push(e);
    byAccount.set(key, list);
  }
  const overRedemptions = result.overRedemptions.map((o) => {
    const list = [...(byAccount.get(accountKey(o.ledger, o.accountId)) ?? [])].sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
    );
    return {
      ledger: o.ledger,
      accountId: o.accountId,
      currency: list.find((e) => e.currency !== undefined)?.currency ?? null,
      balance: o.balance,
      overRedeemedBy: o.overRedeemedBy,
      entries: list.map(reported),
      offlineEntryIds: o.offlineEntryIds,
    };
  });
  return {
    entryCount: result.entryCount,
    accountCount: result.balances.size,
    overRedemptions,
    capBreaches: result.capBreaches,
    idConflicts: result.idConflicts.map((c) => ({ id: c.id })),
    caps,
  };
}
