import { formatMoney, type HostResponse } from '@store-os/shared';
import { saveDocuments } from '../db/save-documents';
import type { EnvelopeDocument } from '../db/terminal-database';
import { auditEvent } from './audit-events';
import type { CheckoutDeps } from './complete-sale';

/** A card approval the host found unfinished at start, and what it did. */
export type CardRecovery = HostResponse<'payment.recoveries'>['recoveries'][number];

/**
 * Writes an audit event for each card approval the host resolved at start (a sale that never completed
 * after its card was approved): a `sale-void` referencing the payment, with the outcome of the reversal.
 * The audit is saved before the host is told, so a crash in between audits it again rather than never.
 */
export async function auditCardRecoveries(
  deps: CheckoutDeps,
  storeId: string,
): Promise<readonly CardRecovery[]> {
  const { recoveries } = await deps.host.invoke('payment.recoveries', {});
  if (recoveries.length === 0) return [];
  const documents = recoveries.map(
    (r) =>
      auditEvent({
        newId: deps.newId,
        storeId,
        terminalId: deps.terminalId,
        kind: 'sale-void',
        at: deps.now(),
        ref: { kind: 'payment', id: r.transactionId },
        details: {
          reason: 'card approved but the sale never completed (terminal restarted)',
          outcome: r.outcome,
          amount: r.amount,
          currency: r.currency,
          approvedAt: new Date(r.approvedAt).toISOString(),
          ...(r.authCode !== undefined ? { authCode: r.authCode } : {}),
          ...(r.detail !== undefined ? { detail: r.detail } : {}),
        },
      }) as unknown as EnvelopeDocument,
  );
  await saveDocuments(deps.db, deps.ledger, 'store', documents);
  await deps.host.invoke('payment.recoveriesAudited', {
    transactionIds: recoveries.map((r) => r.transactionId),
  });
  return recoveries;
}

/** The cashier's message about resolved approvals: what was given back, and what a manager must do. */
export function cardRecoveryText(recoveries: readonly CardRecovery[], locale?: string): string {
  return recoveries
    .map((r) => {
      const money = formatMoney({ amount: r.amount, currency: r.currency }, { locale: locale ?? 'en' });
      switch (r.outcome) {
        case 'reversed':
          return `A card payment of ${money} approved before a restart had no completed sale: it was reversed.`;
        case 'not-charged':
          return `A card payment of ${money} from before a restart was never charged.`;
        case 'reversal-failed':
          return `A card payment of ${money} approved before a restart has no completed sale and could not be reversed (${r.detail ?? 'no answer'}): a manager must reverse it on the payment terminal.`;
      }
    })
    .join(' ');
}
