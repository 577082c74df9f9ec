import { createIdFactory, fixedClock, isDomainError, storedValueEntry } from '@store-os/shared';
import { validateDocument } from '@store-os/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalDatabase } from '../db/terminal-database';
import { openCheckoutDatabase } from '../sale/counter-fixture';
import { checkStoreCredit, normalizeStoreCreditNumber, storeCreditSaleEntries } from './store-credit';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const newId = createIdFactory({
  originId: 's001-t01',
  clock: fixedClock(1),
  random: (n) => new Uint8Array(n).fill(4),
});
let db: TerminalDatabase;

async function entry(kind: 'refund' | 'redeem', amount: number, offline = false, terminalId = 's001-t01') {
  await db.store.insert(
    storedValueEntry({
      newId,
      storeId: 's001',
      terminalId,
      ledger: 'store-credit',
      accountId: 'SC-01JD5Z8Q2W',
      entryKind: kind,
      amount: eur(amount),
      offline,
      createdAt: '2026-11-23T10:00:00.000Z',
    }),
  );
}

const ask = (wanted: number, offline: boolean, tenderedOnSale = 0) =>
  checkStoreCredit(db, {
    accountId: 'SC-01JD5Z8Q2W',
    wanted: eur(wanted),
    offline,
    terminalId: 's001-t01',
    offlineCap: eur(2000),
    tenderedOnSale,
  });

async function refusal(run: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await run;
  } catch (error) {
    return { ...(isDomainError(error) ? { code: error.code } : {}), message: String(error) };
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  db = await openCheckoutDatabase();
});
afterEach(() => db.remove());

describe('store credit at the till', () => {
  it('reads the number from the refund slip however it was typed, and refuses anything else', () => {
    expect(normalizeStoreCreditNumber(' sc-01jd 5z8q2w')).toBe('SC-01JD5Z8Q2W');
    expect(normalizeStoreCreditNumber('SC01JD5Z8Q2W')).toBe('SC-01JD5Z8Q2W');
    expect(() => normalizeStoreCreditNumber('6001 2345')).toThrow(/is not a store-credit number/);
  });

  it('spends credit a return issued: the amount wanted, the balance when less, refused when empty', async () => {
    await entry('refund', 3000);
    expect(await ask(1200, false)).toMatchObject({ pays: eur(1200), balance: eur(3000) });
    expect(await ask(4500, false)).toMatchObject({ pays: eur(3000), available: eur(3000) });
    // Already tendered on this sale counts as taken.
    const empty = await refusal(ask(100, false, 3000));
    expect(empty.code).toBe('ledger.insufficient-balance');
    expect(empty.message).toMatch(/Store credit SC-01JD5Z8Q2W has 0\.00 EUR; 1\.00 EUR was asked/);
    const unknown = await refusal(
      checkStoreCredit(db, {
        accountId: 'SC-NOPE',
        wanted: eur(100),
        offline: true,
        terminalId: 's001-t01',
        offlineCap: eur(2000),
      }),
    );
    expect(unknown.message).toMatch(
      /Store credit SC-NOPE is not known here; it cannot be checked while offline/,
    );
  });

  it('offline, stops at what is left of this till’s cap for the account; other tills do not use it', async () => {
    await entry('refund', 5000);
    await entry('redeem', 1500, true);
    await entry('redeem', 1000, true, 's001-t02');
    expect(await ask(4000, true)).toMatchObject({ pays: eur(500), available: eur(500), balance: eur(2500) });
    const capped = await refusal(ask(100, true, 500));
    expect(capped.code).toBe('ledger.offline-cap');
    expect(capped.message).toMatch(
      /at most 20\.00 EUR may be taken from store credit SC-01JD5Z8Q2W at this till; 0\.00 EUR is left/,
    );
    expect(await ask(4000, false)).toMatchObject({ pays: eur(2500) });
  });

  it('writes one valid redeem entry per store-credit tender of the sale', () => {
    const entries = storeCreditSaleEntries({
      newId,
      storeId: 's001',
      terminalId: 's001-t01',
      currency: 'EUR',
      createdAt: '2026-11-23T10:00:00.000Z',
      offline: true,
      ref: { kind: 'order', id: 'o1' },
      redeemed: [{ accountId: 'SC-77', amount: 900 }],
    });
    expect(entries.map((e) => [e.ledger, e.accountId, e.entryKind, e.delta, e.offline])).toEqual([
      ['store-credit', 'SC-77', 'redeem', -900, true],
    ]);
    for (const e of entries) expect(validateDocument(e).ok).toBe(true);
  });
});
