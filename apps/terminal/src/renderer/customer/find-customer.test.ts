import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnvelopeDocument, TerminalDatabase } from '../db/terminal-database';
import { openCheckoutDatabase } from '../sale/counter-fixture';
import { sampleCustomer } from '../sale/sale-fixtures';
import { cartCustomerOf, findCustomers } from './find-customer';

let db: TerminalDatabase;
beforeEach(async () => {
  db = await openCheckoutDatabase();
  await db.store.insert({
    ...sampleCustomer('s001'),
    id: 'customer:c-78',
    givenName: 'Bob',
    familyName: 'Builder',
    phone: '+44 20 7946 0000',
    email: 'bob@example.org',
    loyaltyAccountId: 'L78',
    customerGroupIds: ['vip', 'staff'],
  } as unknown as EnvelopeDocument);
});
afterEach(() => db.remove());

describe('findCustomers', () => {
  it('finds by loyalty card, e-mail (any case) and phone in another notation', async () => {
    expect((await findCustomers(db, 'L77')).map((c) => c.displayName)).toEqual(['Ada Lovelace']);
    expect((await findCustomers(db, 'BOB@example.org')).map((c) => c.doc.id)).toEqual(['customer:c-78']);
    expect((await findCustomers(db, '079 123 45 67')).map((c) => c.doc.id)).toEqual(['customer:c-77']);
    expect(await findCustomers(db, '45 67')).toEqual([]);
    expect(await findCustomers(db, 'nobody@example.org')).toEqual([]);
  });

  it('prices the cart with the first group and targets promotions with all of them', async () => {
    const [bob] = await findCustomers(db, 'L78');
    expect(bob && cartCustomerOf(bob.doc)).toEqual({
      id: 'customer:c-78',
      groupId: 'vip',
      segmentIds: ['vip', 'staff'],
    });
  });
});
