import {
  validateDocument,
  type CartItem,
  type LedgerEntryDoc,
  type MovementDoc,
  type OrderDoc,
} from '@store-os/shared';
import { evaluateNoReceiptReturn, noReceiptReturnHistory } from '@store-os/shared/omnichannel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findItem } from '../../catalog/find-item';
import { loadPricingContext, type PricingContext } from '../../catalog/pricing-context';
import { opsTestDeps } from '../common/ops-test-kit';
import { storeDocsOfType } from '../common/store-docs';
import { noReceiptHistoryOf, pricesOf, readNoReceiptPolicy } from './no-receipt-inputs';
import { noReceiptReturnLines } from './no-receipt-return';
import { runNoReceiptReturn } from './run-no-receipt';

let kit: Awaited<ReturnType<typeof opsTestDeps>>;
let pricing: PricingContext;
let coffee: CartItem;
let tea: CartItem;
const NOW = Date.UTC(2026, 10, 24, 12);
beforeEach(async () => {
  kit = await opsTestDeps();
  pricing = await loadPricingContext(kit.deps.db, 's001');
  const c = await findItem(kit.deps.db, 'COF-250');
  const t = await findItem(kit.deps.db, 'TEA-100');
  if (c.kind !== 'item' || t.kind !== 'item') throw new Error('sample catalog changed');
  coffee = c.item;
  tea = t.item;
});
afterEach(() => kit.dispose());

const noStorage = { getItem: () => null };
const offline = { serverUrl: null, authorization: null, online: false };

async function evaluate(lines: { item: CartItem; quantity: number }[], customerId = 'customer:c-77') {
  const policy = readNoReceiptPolicy('EUR', noStorage);
  const prices = await pricesOf(
    kit.deps.db,
    lines.map((l) => l.item.sku),
  );
  const history = await noReceiptHistoryOf(kit.deps.db, offline, customerId);
  return evaluateNoReceiptReturn({
    policy,
    customerId,
    items: lines.map((l) => ({
      sku: l.item.sku,
      name: l.item.name,
      unit: 'each',
      quantity: l.quantity,
      groupIds: [],
    })),
    priceHistory: prices.history,
    history: history.records,
    historyScope: history.scope,
    now: NOW,
  });
}

describe('returns without a receipt', () => {
  it('refunds to store credit at the policy price: one coffee restocked, one tea written off with its reason', async () => {
    const decision = await evaluate([
      { item: coffee, quantity: 1 },
      { item: tea, quantity: 1 },
    ]);
    if (!decision.allowed) throw new Error(decision.message);
    expect(decision).toMatchObject({
      refund: { amount: 849 },
      limitsCheckedLocallyOnly: true,
      managerApprovalRequired: true,
    });
    const returnLines = noReceiptReturnLines({
      decision,
      lines: [
        { item: coffee, quantity: 1, restock: true },
        { item: tea, quantity: 1, restock: false, reason: 'seal broken' },
      ],
      pricing,
      approvedBy: 'u-manager',
      now: NOW,
    });
    const shiftId = kit.deps.newId();
    const done = await runNoReceiptReturn(kit.deps, {
      returnLines,
      method: 'store-credit',
      customerId: 'customer:c-77',
      locationId: 's001-floor',
      currency: 'EUR',
      pricesIncludeTax: true,
      cashierId: 'u1',
      shiftId,
    });
    expect(done.summary).toMatch(/refunded €8\.49 to store credit SC-/);
    const [order] = await storeDocsOfType<OrderDoc>(kit.deps.db, 'order');
    expect(validateDocument(order)).toMatchObject({ ok: true });
    expect(order).toMatchObject({
      kind: 'return',
      shiftId,
      customer: { customerId: 'customer:c-77' },
      totals: { total: { amount: -849 } },
      tenders: [{ type: 'store-credit', accountId: done.accountId, amount: { amount: -849 } }],
    });
    // No original sale referenced, the manager on every line: the limits count it from now on.
    expect(order?.returnLines.map((l) => [l.sku, l.originalOrderId, l.approvedBy, l.restock])).toEqual([
      ['COF-250', undefined, 'u-manager', true],
      ['TEA-100', undefined, 'u-manager', false],
    ]);
    // The tax of the price is given back too.
    expect(order?.totals.taxTotal.amount).toBeLessThan(0);
    const movements = await storeDocsOfType<MovementDoc>(kit.deps.db, 'movement');
    expect(movements.map((m) => [m.sku, m.reason, m.delta, m.note]).sort()).toEqual([
      ['COF-250', 'return', 1, undefined],
      ['TEA-100', 'return', 1, 'seal broken'],
      ['TEA-100', 'write-off', -1, 'seal broken'],
    ]);
    const credit = await storeDocsOfType<LedgerEntryDoc>(kit.deps.db, 'ledger-entry');
    expect(credit).toMatchObject([
      { ledger: 'store-credit', accountId: done.accountId, entryKind: 'refund', delta: 849 },
    ]);
    expect(noReceiptReturnHistory([order as OrderDoc], 'customer:c-77')).toHaveLength(1);
  });

  it('tells the cashier when the drawer did not open for a cash refund; the return itself stands', async () => {
    const decision = await evaluate([{ item: coffee, quantity: 1 }]);
    if (!decision.allowed) throw new Error(decision.message);
    const returnLines = noReceiptReturnLines({
      decision,
      lines: [{ item: coffee, quantity: 1, restock: true }],
      pricing,
      approvedBy: 'u-manager',
      now: NOW,
    });
    kit.host.failDrawerWith = 'drawer not connected';
    const shiftId = kit.deps.newId();
    const done = await runNoReceiptReturn(kit.deps, {
      returnLines,
      method: 'cash',
      customerId: 'customer:c-77',
      locationId: 's001-floor',
      currency: 'EUR',
      pricesIncludeTax: true,
      cashierId: 'u1',
      shiftId,
    });
    expect(done.summary).toMatch(
      /refunded €4\.99 to cash\. Drawer did not open: drawer not connected; open it by key\./,
    );
    expect(await storeDocsOfType<OrderDoc>(kit.deps.db, 'order')).toMatchObject([
      { kind: 'return', shiftId, tenders: [{ type: 'cash', amount: { amount: -499 } }] },
    ]);
  });

  it('counts earlier no-receipt returns of this store offline, and says the limits were checked locally only', async () => {
    const policy = readNoReceiptPolicy('EUR', {
      getItem: () => JSON.stringify({ limits: { maxReturns: 1 } }),
    });
    expect(policy.limits).toMatchObject({ maxReturns: 1, windowDays: 90 });
    const first = await evaluate([{ item: coffee, quantity: 1 }]);
    if (!first.allowed) throw new Error(first.message);
    await runNoReceiptReturn(kit.deps, {
      returnLines: noReceiptReturnLines({
        decision: first,
        lines: [{ item: coffee, quantity: 1, restock: true }],
        pricing,
        approvedBy: 'u-manager',
        now: NOW,
      }),
      method: 'gift-card',
      customerId: 'customer:c-77',
      locationId: 's001-floor',
      currency: 'EUR',
      pricesIncludeTax: true,
      cashierId: 'u1',
    });
    const history = await noReceiptHistoryOf(kit.deps.db, offline, 'customer:c-77');
    expect(history).toMatchObject({ scope: 'this-store', why: expect.stringMatching(/needs/) as unknown });
    const second = evaluateNoReceiptReturn({
      policy,
      customerId: 'customer:c-77',
      items: [{ sku: 'COF-250', name: 'Coffee', unit: 'each', quantity: 1, groupIds: [] }],
      priceHistory: (await pricesOf(kit.deps.db, ['COF-250'])).history,
      history: history.records,
      historyScope: history.scope,
      now: NOW,
    });
    expect(second).toMatchObject({ allowed: false, refusal: 'count-limit', limitsCheckedLocallyOnly: true });
  });

  it('asks the server for the chain-wide history when online, and unites it with this store', async () => {
    const fetched: string[] = [];
    const history = await noReceiptHistoryOf(
      kit.deps.db,
      {
        serverUrl: 'http://server.test/',
        authorization: 'Basic x',
        online: true,
        fetch: (url) => {
          fetched.push(url instanceof Request ? url.url : url.toString());
          return Promise.resolve(
            new Response(
              JSON.stringify({
                returns: [{ orderId: 's002-t1-X', storeId: 's002', at: '2026-11-20T10:00:00Z', amount: 900 }],
              }),
            ),
          );
        },
      },
      'customer:c-77',
    );
    expect(fetched).toEqual(['http://server.test/_omni/no-receipt-returns?customerId=customer%3Ac-77']);
    expect(history).toEqual({
      scope: 'chain',
      records: [{ orderId: 's002-t1-X', storeId: 's002', at: '2026-11-20T10:00:00Z', amount: 900 }],
    });
  });

  it('refuses a broken setting with a message naming it', () => {
    expect(() => readNoReceiptPolicy('EUR', { getItem: () => '{not json' })).toThrow(/not valid JSON/);
    expect(() => readNoReceiptPolicy('EUR', { getItem: () => '{"limits":{"maxAmount":0}}' })).toThrow(
      /limits.maxAmount/,
    );
  });
});
