// Duplicate customers found by phone number: the same digits written differently in two stores are one
// group (phone match), a different number is not, and a store manager sees only their own store's pairs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateGroup } from './customer-queries';
import { customerDoc } from './hq-fixtures';
import { startHqTestServer, type HqTestServer } from './hq-test-server';

let s: HqTestServer;
beforeAll(async () => {
  s = await startHqTestServer(['s001', 's002']);
  await s.write('s001', [
    customerDoc('s001', 'customer:p-1', { givenName: 'Lin', phone: '+49 30 1234 5678' }),
    customerDoc('s001', 'customer:p-3', { givenName: 'Max', phone: '+49 30 9999 0000' }),
  ]);
  await s.write('s002', [
    customerDoc('s002', 'customer:p-2', { givenName: 'Lin W.', phone: '+49-30-12345678' }),
  ]);
});
afterAll(async () => {
  await s.t.close();
});

describe('customer duplicates by phone', () => {
  it('groups the same digits across stores and formats, and nothing else', async () => {
    const dup = await s.api<{ groups: DuplicateGroup[] }>('customers/duplicates');
    expect(dup.body.groups.map((g) => [g.match, g.value, g.customers.map((c) => c.id).sort()])).toEqual([
      ['phone', '493012345678', ['customer:p-1', 'customer:p-2']],
    ]);
  });

  it("shows a store manager no pair that crosses into another store's customers", async () => {
    const mine = await s.api<{ groups: DuplicateGroup[] }>('customers/duplicates', s.manager);
    expect(mine.status).toBe(200);
    expect(mine.body.groups).toEqual([]);
  });
});
