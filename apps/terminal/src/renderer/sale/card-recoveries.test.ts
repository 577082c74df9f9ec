import { validateDocument, type HostBridge } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncLedger } from '../db/sync-ledger';
import type { TerminalDatabase } from '../db/terminal-database';
import { auditCardRecoveries, cardRecoveryText, type CardRecovery } from './card-recoveries';
import { openCheckoutDatabase } from './counter-fixture';

const reversed: CardRecovery = {
  transactionId: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9P01',
  amount: 1250,
  currency: 'EUR',
  approvedAt: 1_700_000_000_000,
  outcome: 'reversed',
  resolvedAt: 1_700_000_100_000,
  authCode: '123456',
};

let db: TerminalDatabase;
beforeEach(async () => {
  db = await openCheckoutDatabase();
});
afterEach(async () => {
  await db.remove();
});

/** A host that reports the given recoveries until they are audited, and records the audited ids. */
function hostWith(recoveries: CardRecovery[]): { bridge: HostBridge; audited: string[] } {
  const audited: string[] = [];
  const bridge = {
    invoke: (method: string, request: { transactionIds?: string[] }) => {
      if (method === 'payment.recoveries')
        return Promise.resolve({ recoveries: recoveries.filter((r) => !audited.includes(r.transactionId)) });
      if (method === 'payment.recoveriesAudited') {
        audited.push(...(request.transactionIds ?? []));
        return Promise.resolve({});
      }
      return Promise.reject(new Error(`unexpected ${method}`));
    },
    on: () => () => undefined,
  } as unknown as HostBridge;
  return { bridge, audited };
}

describe('auditCardRecoveries', () => {
  it('writes a valid sale-void audit event per reversed approval, then tells the host', async () => {
    const host = hostWith([reversed]);
    let n = 0;
    const deps = {
      db,
      ledger: new SyncLedger(db, { now: () => 0 }),
      host: host.bridge,
      newId: () => `s001-t01-01JD5ZB000${String((n += 1)).padStart(16, '0')}`,
      now: () => new Date('2026-12-06T03:00:00Z'),
      terminalId: 's001-t01',
    };
    expect(await auditCardRecoveries(deps, 's001')).toEqual([reversed]);
    const audits = (await db.store.find({ selector: { type: 'audit-event' } }).exec()).map((d) => d.toJSON());
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      kind: 'sale-void',
      ref: { kind: 'payment', id: reversed.transactionId },
      details: { outcome: 'reversed', amount: 1250, currency: 'EUR' },
    });
    expect(validateDocument(audits[0]).ok).toBe(true);
    expect(host.audited).toEqual([reversed.transactionId]);
    // Audited once: the next start has nothing more to write.
    expect(await auditCardRecoveries(deps, 's001')).toEqual([]);
  });

  it('tells the cashier what was reversed and what a manager must still do', () => {
    expect(cardRecoveryText([reversed], 'en-GB')).toBe(
      'A card payment of €12.50 approved before a restart had no completed sale: it was reversed.',
    );
    expect(
      cardRecoveryText(
        [{ ...reversed, outcome: 'reversal-failed', detail: 'no answer from pay-1' }],
        'en-GB',
      ),
    ).toContain('a manager must reverse it on the payment terminal');
  });
});
