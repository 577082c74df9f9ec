import { createIdFactory, documentExamples, fixedClock, storedValueEntry } from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnvelopeDocument, TerminalDatabase } from '../db/terminal-database';
import { openCheckoutDatabase } from '../sale/counter-fixture';
import { emptyDraft } from '../sale/sale-operations';
import { customerStoreCredit, storeCreditHolderOf } from './customer-store-credit';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const newId = createIdFactory({
  originId: 's001-t01',
  clock: fixedClock(1),
  random: (n) => new Uint8Array(n).fill(5),
});
let db: TerminalDatabase;

/** An order of the customer (or of nobody), as a return or sale writes it. */
async function order(customer?: { customerId: string; loyaltyAccountId?: string }): Promise<string> {
  const { customer: _example, ...rest } = documentExamples.order;
  const id = newId();
  await db.store.insert({ ...rest, id, ...(customer ? { customer } : {}) } as unknown as EnvelopeDocument);
  return id;
}

async function credit(accountId: string, kind: 'refund' | 'redeem', amount: number, orderId?: string) {
  await db.store.insert(
    storedValueEntry({
      newId,
      storeId: 's001',
      terminalId: 's001-t02',
      ledger: 'store-credit',
      accountId,
      entryKind: kind,
      amount: eur(amount),
      offline: false,
      createdAt: '2026-11-23T10:00:00.000Z',
      ...(orderId !== undefined ? { ref: { kind: 'order', id: orderId } } : {}),
    }),
  );
}

beforeEach(async () => {
  db = await openCheckoutDatabase();
});
afterEach(() => db.remove());

describe("the customer's store credit at the till", () => {
  it('finds the accounts refunds to the customer issued, with their balances, largest first; spent-out and other people’s left out', async () => {
    const ada = { customerId: 'customer:c-77', loyaltyAccountId: 'L77' };
    const firstReturn = await order(ada);
    const secondReturn = await order({ customerId: 'customer:c-77' });
    // A sale by loyalty card only (no profile) still counts as hers.
    const cardOnly = await order({ customerId: 'customer:other-id', loyaltyAccountId: 'L77' });
    const someoneElse = await order({ customerId: 'customer:c-99' });
    const anonymous = await order();
    await credit('SC-ADA1', 'refund', 1500, firstReturn);
    await credit('SC-ADA1', 'redeem', 500, anonymous); // spent in part on a sale without the customer
    await credit('SC-ADA2', 'refund', 2500, secondReturn);
    await credit('SC-ADA3', 'refund', 700, cardOnly);
    await credit('SC-ADA3', 'redeem', 700, cardOnly); // spent out
    await credit('SC-BOB', 'refund', 9900, someoneElse);
    await credit('SC-SLIP', 'refund', 300); // issued with no order reference: only the slip finds it

    expect(await customerStoreCredit(db, ada, 'EUR')).toEqual([
      { accountId: 'SC-ADA2', balance: eur(2500) },
      { accountId: 'SC-ADA1', balance: eur(1000) },
    ]);
    expect(await customerStoreCredit(db, { customerId: 'customer:c-99' }, 'EUR')).toEqual([
      { accountId: 'SC-BOB', balance: eur(9900) },
    ]);
    expect(await customerStoreCredit(db, { customerId: 'customer:nobody' }, 'EUR')).toEqual([]);
  });

  it('takes the holder from the sale: the attached customer, their loyalty account and name', () => {
    const draft = emptyDraft({ id: 'cart-1', storeId: 's001', currency: 'EUR' });
    expect(storeCreditHolderOf(draft)).toBeUndefined();
    const attached = {
      ...draft,
      cart: { ...draft.cart, customer: { id: 'customer:c-77', segmentIds: [] } },
      customerName: 'Ada Lovelace',
      loyaltyAccountId: 'L77',
    };
    expect(storeCreditHolderOf(attached)).toEqual({
      customerId: 'customer:c-77',
      loyaltyAccountId: 'L77',
      name: 'Ada Lovelace',
    });
  });
});
