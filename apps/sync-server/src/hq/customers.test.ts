// Customers across stores: search, history, duplicates by email/phone, and a merge whose documents
// replicate to the stores (survivor written where the duplicates lived, duplicates deleted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerDoc, saleDoc } from './hq-fixtures';
import { startHqTestServer, type HqTestServer } from './hq-test-server';
import type { CustomerRow, DuplicateGroup } from './customer-queries';

let s: HqTestServer;
beforeAll(async () => {
  s = await startHqTestServer(['s001', 's002']);
  await s.write('s001', [
    customerDoc('s001', 'customer:c-1', {
      givenName: 'Ada',
      familyName: 'Lovelace',
      email: 'Ada@Example.org',
    }),
    customerDoc('s001', 'customer:c-3', { givenName: 'Grace', phone: '+33 6 12 34 56 78' }),
    saleDoc(
      { storeId: 's001', terminalId: 's001-t01', at: '2026-11-21T10:00:00.000Z' },
      { customerId: 'customer:c-1' },
    ),
  ]);
  await s.write('s002', [
    customerDoc('s002', 'customer:c-2', {
      givenName: 'Ada',
      email: 'ADA@example.org',
      phone: '0612345678',
      loyaltyAccountId: 'L2',
    }),
    saleDoc(
      { storeId: 's002', terminalId: 's002-t01', at: '2026-11-22T10:00:00.000Z' },
      { customerId: 'customer:c-2' },
    ),
  ]);
});
afterAll(async () => {
  await s.t.close();
});

describe('customers', () => {
  it('are found by name, email (any case) and phone (digits only), with their orders', async () => {
    const byName = await s.api<{ rows: CustomerRow[] }>('customers?q=lovelace');
    expect(byName.body.rows.map((r) => r.id)).toEqual(['customer:c-1']);
    expect(byName.body.rows[0]).toMatchObject({
      orders: 1,
      spent: 1050,
      lastOrderAt: '2026-11-21T10:00:00.000Z',
    });
    const byEmail = await s.api<{ rows: CustomerRow[] }>('customers?q=ADA@example.org');
    expect(byEmail.body.rows.map((r) => r.id).sort()).toEqual(['customer:c-1', 'customer:c-2']);
    const byPhone = await s.api<{ rows: CustomerRow[] }>('customers?q=06 12 34');
    expect(byPhone.body.rows.map((r) => r.id)).toEqual(['customer:c-2']);
    expect((await s.api('customers?q=a')).status).toBe(400);
    const mine = await s.api<{ rows: CustomerRow[] }>('customers?q=ada', s.manager);
    expect(mine.body.rows.map((r) => r.id)).toEqual(['customer:c-1']);
  });

  it('groups duplicates by normalised email', async () => {
    const dup = await s.api<{ groups: DuplicateGroup[] }>('customers/duplicates');
    expect(dup.body.groups.map((g) => [g.match, g.value, g.customers.map((c) => c.id).sort()])).toEqual([
      ['email', 'ada@example.org', ['customer:c-1', 'customer:c-2']],
    ]);
  });

  it('merges into the survivor: written to both stores, duplicate deleted, history combined', async () => {
    const res = await s.t.json<{ ok: boolean; written: { db: string; id: string; deleted: boolean }[] }>(
      '/_hq/api/customers/merge',
      { method: 'POST', as: s.hqUser, json: { survivor: 'customer:c-1', duplicates: ['customer:c-2'] } },
    );
    expect(res.status).toBe(200);
    expect(res.body.written.map((w) => [w.db, w.id, w.deleted]).sort()).toEqual([
      ['store-s001', 'customer:c-1', false],
      ['store-s002', 'customer:c-1', false],
      ['store-s002', 'customer:c-2', true],
    ]);
    // What the stores' terminals will pull: the survivor with the duplicate's phone and loyalty account.
    const inS002 = await s.t.json<Record<string, unknown>>('/store-s002/customer:c-1');
    expect(inS002.body).toMatchObject({
      storeId: 's002',
      email: 'Ada@Example.org',
      phone: '0612345678',
      loyaltyAccountId: 'L2',
    });
    expect((await s.t.json('/store-s002/customer:c-2')).status).toBe(404);

    const history = await s.api<{ aliases: string[]; orders: { storeId: string }[] }>(
      'customers/customer:c-1',
    );
    expect(history.body.aliases).toEqual(['customer:c-2']);
    expect(history.body.orders.map((o) => o.storeId)).toEqual(['s002', 's001']);
    const dup = await s.api<{ groups: DuplicateGroup[] }>('customers/duplicates');
    expect(dup.body.groups).toEqual([]);
    const again = await s.t.json('/_hq/api/customers/merge', {
      method: 'POST',
      as: s.hqUser,
      json: { survivor: 'customer:c-1', duplicates: ['customer:c-2'] },
    });
    expect(again.status).toBe(404);
  });
});
