import type { Clock } from '@store-os/shared';
import type { CardApprovals } from './card-approvals';
import type { DeviceHost } from './device-host';
import type { Journal } from './journal';

/**
 * Resolves the card approvals a crash left open (approved, but the host never saw the sale journaled):
 * an approval that a sale journaled after it does carry is settled (the crash fell between the two
 * fsyncs); any other was charged for a sale that never completed, so it is reversed through the payment
 * terminal. Every outcome is kept until the renderer has written it as an audit event.
 */
export async function recoverCardApprovals(input: {
  readonly approvals: CardApprovals;
  readonly journal: Journal;
  readonly devices: DeviceHost;
  readonly clock: Clock;
}): Promise<void> {
  const { approvals, journal, devices, clock } = input;
  for (const approval of approvals.unfinished()) {
    const later = await journal.readAfter(approval.journalAt);
    const sale = later.find((r) => approvals.takenBy(r.entry).includes(approval.transactionId));
    if (sale) {
      await approvals.settle(sale.entry);
      continue;
    }
    const reversal = await devices.paymentReverse(approval.transactionId).catch((error: unknown) => ({
      outcome: 'failed' as const,
      detail: error instanceof Error ? error.message : String(error),
    }));
    await approvals.resolve({
      transactionId: approval.transactionId,
      amount: approval.amount,
      currency: approval.currency,
      approvedAt: approval.approvedAt,
      outcome: reversal.outcome === 'failed' ? 'reversal-failed' : reversal.outcome,
      resolvedAt: clock.now(),
      authCode: approval.authCode,
      maskedPan: approval.maskedPan,
      ...(reversal.detail !== undefined ? { detail: reversal.detail.slice(0, 500) } : {}),
    });
  }
}
