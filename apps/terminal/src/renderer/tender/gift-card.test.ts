import { createIdFactory, fixedClock, isDomainError, storedValueEntry } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalDatabase } from '../db/terminal-database';
import { openCheckoutDatabase } from '../sale/counter-fixture';
import { checkGiftCard, giftCardBalance, giftCardLoadKind, normalizeCardNumber } from './gift-card';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const newId = createIdFactory({
  originId: 's001-t01',
  clock: fixedClock(1),
  random: (n) => new Uint8Array(n).fill(3),
});
let db: TerminalDatabase;

async function entry(kind: 'activate' | 'redeem', amount: number, offline = false, terminalId = 's001-t01') {
  await db.store.insert(
    storedValueEntry({
      newId,
      storeId: 's001',
      terminalId,
      ledger: 'gift-card',
      accountId: 'GC1',
      entryKind: kind,
      amount: eur(amount),
      offline,
      createdAt: '2026-11-23T10:00:00.000Z',
    }),
  );
}

const ask = (wanted: number, offline: boolean) =>
  checkGiftCard(db, {
    accountId: 'GC1',
    wanted: eur(wanted),
    offline,
    terminalId: 's001-t01',
    offlineCap: eur(2000),
  });

async function codeOf(run: Promise<unknown>): Promise<string | undefined> {
  try {
    await run;
  } catch (error) {
    return isDomainError(error) ? error.code : String(error);
  }
  return undefined;
}

beforeEach(async () => {
  db = await openCheckoutDatabase();
});
afterEach(() => db.remove());

describe('gift cards at the till', () => {
  it('pays the amount wanted online, or the whole balance when it is less', async () => {
    await entry('activate', 3000);
    expect(await ask(1200, false)).toMatchObject({
      pays: eur(1200),
      balance: eur(3000),
      available: eur(3000),
    });
    expect((await ask(5000, false)).pays).toEqual(eur(3000));
    expect(await giftCardBalance(db, 'GC1')).toBe(3000);
  });

  it('offline, stops at what is left of this till’s cap for the card', async () => {
    await entry('activate', 5000);
    await entry('redeem', 1500, true);
    const check = await ask(4000, true);
    expect(check).toMatchObject({ pays: eur(500), available: eur(500), offline: true });
    // Another till's offline spending does not use this till's cap.
    await entry('redeem', 500, true, 's001-t02');
    expect((await ask(4000, true)).pays).toEqual(eur(500));
    await entry('redeem', 500, true);
    expect(await codeOf(ask(100, true))).toBe('ledger.offline-cap');
  });

  it('counts what the open sale already took from the card, online and against the offline cap', async () => {
    await entry('activate', 3000);
    const again = (wanted: number, offline: boolean, tenderedOnSale: number) =>
      checkGiftCard(db, {
        accountId: 'GC1',
        wanted: eur(wanted),
        offline,
        terminalId: 's001-t01',
        offlineCap: eur(2000),
        tenderedOnSale,
      });
    expect((await again(4000, false, 1000)).pays).toEqual(eur(2000));
    expect(await codeOf(again(100, false, 3000))).toBe('ledger.insufficient-balance');
    expect((await again(4000, true, 1500)).pays).toEqual(eur(500));
    expect(await codeOf(again(100, true, 2000))).toBe('ledger.offline-cap');
  });

  it('refuses an unknown or empty card with the ledger’s reason', async () => {
    expect(await codeOf(ask(100, false))).toBe('ledger.unknown-account');
    await entry('activate', 1000);
    await entry('redeem', 1000);
    expect(await codeOf(ask(100, false))).toBe('ledger.insufficient-balance');
  });

  it('activates a new card and tops up a known one', async () => {
    expect(await giftCardLoadKind(db, 'GC1')).toBe('activate');
    await entry('activate', 1000);
    expect(await giftCardLoadKind(db, 'GC1')).toBe('top-up');
  });

  it('reads card numbers with spaces and dashes, and refuses anything else', () => {
    expect(normalizeCardNumber(' 6001-2345 6789 ')).toBe('600123456789');
    expect(() => normalizeCardNumber('12')).toThrow(/not a gift-card number/);
  });
});
