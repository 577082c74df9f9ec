import {
  levelsFromMovements,
  validateDocument,
  type AuditEventDoc,
  type FulfillmentDoc,
  type MovementDoc,
} from '@store-os/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { opsTestDeps } from '../common/ops-test-kit';
import { storeDocsOfType } from '../common/store-docs';
import {
  cancelWebOrder,
  expireDuePickups,
  handOver,
  loadWebOrder,
  markReady,
  ship,
  startPicking,
} from './pickup-actions';
import { webOrderDocs } from './web-order-fixture';

let kit: Awaited<ReturnType<typeof opsTestDeps>>;
beforeEach(async () => {
  kit = await opsTestDeps();
});
afterEach(() => kit.dispose());

async function arrive(method: 'pickup' | 'ship') {
  const docs = webOrderDocs({
    storeId: 's001',
    method,
    newId: kit.deps.newId,
    at: kit.deps.now().toISOString(),
    externalRef: 'WEB-1',
    pickupCode: 'K7PQ2M',
  });
  await kit.deps.db.store.bulkInsert([docs.order, docs.fulfillment, ...docs.movements]);
  return docs;
}

const levels = async () =>
  [...levelsFromMovements(await storeDocsOfType<MovementDoc>(kit.deps.db, 'movement')).values()].map((l) => [
    l.sku,
    l.onHand,
    l.reserved,
  ]);

describe('pickup at the store', () => {
  it('new → picking → ready (hold set) → refused wrong code → partial hand-over sells what left', async () => {
    const { deps } = kit;
    const { fulfillment } = await arrive('pickup');
    expect(await levels()).toEqual([
      ['COF-250', 0, 2],
      ['APL-1', 0, 500],
    ]);
    await startPicking(deps, await loadWebOrder(deps, fulfillment.id), 'u1');
    // Picking does not reserve twice: the API already held the goods.
    expect((await storeDocsOfType<MovementDoc>(deps.db, 'movement')).length).toBe(2);
    const ready = await markReady(deps, await loadWebOrder(deps, fulfillment.id), 'u1');
    expect(ready.state).toBe('ready');
    expect(Date.parse(ready.holdUntil ?? '') - Date.parse(ready.updatedAt)).toBe(72 * 3_600_000);
    await expect(
      handOver(deps, await loadWebOrder(deps, fulfillment.id), {
        proof: { method: 'code', code: 'WRONG1' },
        collected: [],
        by: 'u1',
      }),
    ).rejects.toThrow(/code does not match/);
    const done = await handOver(deps, await loadWebOrder(deps, fulfillment.id), {
      proof: { method: 'code', code: 'k7pq-2m' },
      collected: [
        { lineId: 'l1', units: 1 },
        { lineId: 'l2', units: 500 },
      ],
      by: 'u1',
    });
    expect(done.fulfillment.state).toBe('collected');
    expect(done.fulfillment.history.map((s) => s.state)).toEqual(['new', 'picking', 'ready', 'collected']);
    // One coffee and the apples left the store; the second coffee is back on sale, nothing stays reserved.
    expect(await levels()).toEqual([
      ['COF-250', -1, 0],
      ['APL-1', -500, 0],
    ]);
  });

  it('cancel releases the reservation once; expiry of an overdue hold releases too', async () => {
    const { deps } = kit;
    const a = await arrive('pickup');
    await cancelWebOrder(deps, await loadWebOrder(deps, a.fulfillment.id), 'm1');
    expect(await levels()).toEqual([
      ['COF-250', 0, 0],
      ['APL-1', 0, 0],
    ]);
    const fulfillments = await storeDocsOfType<FulfillmentDoc>(deps.db, 'fulfillment');
    expect(fulfillments[0]?.state).toBe('cancelled');
    // The manager who allowed the cancellation is on the step and on the release movements.
    expect(fulfillments[0]?.history.at(-1)).toMatchObject({ state: 'cancelled', by: 'm1' });
    const released = (await storeDocsOfType<MovementDoc>(deps.db, 'movement')).filter(
      (m) => m.reason === 'release',
    );
    expect(released.length).toBeGreaterThan(0);
    expect(released.every((m) => m.userId === 'm1')).toBe(true);
    // A ready order whose hold is already over expires and gives its goods back.
    const b = await arrive('pickup');
    const late = { ...b.fulfillment, state: 'ready' as const, holdUntil: '2000-01-01T00:00:00.000Z' };
    await deps.db.store.upsert(late);
    expect(await expireDuePickups(deps, [late])).toBe(1);
    expect((await loadWebOrder(deps, b.fulfillment.id)).fulfillment.state).toBe('expired');
    expect((await levels()).every(([, , reserved]) => reserved === 0)).toBe(true);
  });

  it('ship-from-store: reservations written by the router leave as sales when shipped', async () => {
    const { deps } = kit;
    const docs = await arrive('ship');
    // The router reserved at this store; the order itself lives at its home store.
    const held = webOrderDocs({
      storeId: 's001',
      method: 'pickup',
      newId: deps.newId,
      at: docs.order.createdAt,
      externalRef: 'x',
    });
    const reservations = held.movements.map((m) => ({ ...m, ref: { ...m.ref!, id: docs.order.id } }));
    await deps.db.store.bulkInsert(reservations);
    await deps.db.store.findOne(docs.order.id).remove();
    await startPicking(deps, await loadWebOrder(deps, docs.fulfillment.id), 'u1');
    await markReady(deps, await loadWebOrder(deps, docs.fulfillment.id), 'u1');
    const shipped = await ship(deps, await loadWebOrder(deps, docs.fulfillment.id), {
      trackingNumber: 'TRK1',
      by: 'u1',
    });
    expect(shipped).toMatchObject({ state: 'shipped', trackingNumber: 'TRK1' });
    expect(await levels()).toEqual([
      ['COF-250', -2, 0],
      ['APL-1', -500, 0],
    ]);
  });

  it('hands over by identity: the order customer with a reason and a document type, stored for the manager, nobody else', async () => {
    const { deps } = kit;
    const { fulfillment } = await arrive('pickup');
    await startPicking(deps, await loadWebOrder(deps, fulfillment.id), 'u1');
    await markReady(deps, await loadWebOrder(deps, fulfillment.id), 'u1');
    const identity = { method: 'identity' as const, reason: 'code lost, ID card seen', checkedBy: 'u1' };
    const all = [
      { lineId: 'l1', units: 2 },
      { lineId: 'l2', units: 500 },
    ];
    const movementsBefore = (await storeDocsOfType<MovementDoc>(deps.db, 'movement')).length;
    await expect(
      handOver(deps, await loadWebOrder(deps, fulfillment.id), {
        proof: { ...identity, customerId: 'customer:c-99' },
        collected: all,
        by: 'u1',
      }),
    ).rejects.toThrow(/customer/i);
    await expect(
      handOver(deps, await loadWebOrder(deps, fulfillment.id), {
        proof: { ...identity, customerId: 'customer:c-77', reason: ' ' },
        collected: all,
        by: 'u1',
      }),
    ).rejects.toThrow(/Say why the pickup code is not used/);
    await expect(
      handOver(deps, await loadWebOrder(deps, fulfillment.id), {
        proof: { ...identity, customerId: 'customer:c-77' },
        collected: all,
        by: 'u1',
      }),
    ).rejects.toThrow(/which identity document/);
    // Refused hand-overs wrote nothing and the order is still ready.
    expect((await storeDocsOfType<MovementDoc>(deps.db, 'movement')).length).toBe(movementsBefore);
    expect(await storeDocsOfType<AuditEventDoc>(deps.db, 'audit-event')).toEqual([]);
    expect((await loadWebOrder(deps, fulfillment.id)).fulfillment.state).toBe('ready');
    const done = await handOver(deps, await loadWebOrder(deps, fulfillment.id), {
      proof: { ...identity, customerId: 'customer:c-77' },
      collected: all,
      by: 'u1',
      identityDocument: 'national-id-card',
    });
    expect(done.fulfillment.state).toBe('collected');
    expect(done.managerReview).toEqual({ reason: 'code lost, ID card seen', checkedBy: 'u1' });
    // "Listed for the manager" is a stored audit event: who handed over, what was checked, no number.
    const audit = await storeDocsOfType<AuditEventDoc>(deps.db, 'audit-event');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      kind: 'pickup-handover',
      schemaVersion: 2,
      storeId: 's001',
      userId: 'u1',
      ref: { kind: 'order', id: done.fulfillment.orderId },
      details: {
        fulfillmentId: fulfillment.id,
        checked: 'national-id-card',
        customerId: 'customer:c-77',
        reason: 'code lost, ID card seen',
        managerReview: true,
      },
    });
    expect(validateDocument(audit[0] as unknown as Record<string, unknown>)).toMatchObject({ ok: true });
    expect(await kit.deps.ledger.stateOf('store', audit[0]!.id)).toMatchObject({ state: 'pending' });
    expect(await levels()).toEqual([
      ['COF-250', -2, 0],
      ['APL-1', -500, 0],
    ]);
  });
});
