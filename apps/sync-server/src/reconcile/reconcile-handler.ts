// `GET /_hq/api/reconciliation/ledgers`: the ledger reconciliation of the stores a caller may see
// (docs/specs/omnichannel.md, "Reconciliation after offline tills").
import type { OfflineCaps } from '@store-os/shared/ledgers';
import type { LedgerKind } from '@store-os/shared/schemas';
import type { Ctx } from '../http/context';
import { badRequest } from '../http/couch-error';
import { sendJson } from '../http/respond';
import { storeScope } from '../hq/hq-access';
import { hqOf } from '../hq/hq-service';
import { ledgerReconciliationReport } from './ledger-report';
import { readLedgerEntries } from './read-ledger-entries';

/** The terminals' default offline cap per card and till (sale/store-policy: 50.00 in minor units). */
export const DEFAULT_OFFLINE_CAPS: OfflineCaps = { 'gift-card': 5000, 'store-credit': 5000 };

const CAP_PARAMS: Record<string, LedgerKind> = {
  giftCardCap: 'gift-card',
  storeCreditCap: 'store-credit',
  loyaltyCap: 'loyalty',
};

/** Offline caps from `giftCardCap`, `storeCreditCap`, `loyaltyCap` (whole minor units or points). */
export function capsFrom(params: URLSearchParams): OfflineCaps {
  const caps: Partial<Record<LedgerKind, number>> = { ...DEFAULT_OFFLINE_CAPS };
  for (const [param, ledger] of Object.entries(CAP_PARAMS)) {
    const value = params.get(param);
    if (value === null) continue;
    if (!/^[0-9]{1,12}$/.test(value))
      throw badRequest(`${param} must be a whole number of minor units (or points), got "${value}".`);
    caps[ledger] = Number(value);
  }
  return caps;
}

export async function getLedgerReconciliation(ctx: Ctx): Promise<void> {
  const scope = storeScope(ctx, 'Ledger reconciliation');
  const caps = capsFrom(ctx.url.searchParams);
  const entries = await readLedgerEntries(hqOf(ctx.services).source, scope);
  sendJson(ctx.res, 200, {
    scope: scope.all ? 'all' : scope.storeIds,
    ...ledgerReconciliationReport(entries, caps),
  });
}
