import { tillState, validateDocument, type CloseDoc, type OrderDoc } from '@store-os/shared';
import { exampleOrder } from '@store-os/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { opsTestDeps } from '../common/ops-test-kit';
import { storeDocsOfType } from '../common/store-docs';
import { closeShiftAt, openShift, recordCashEvent } from './shift-actions';
import type { ShiftData } from './shift-data';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
let kit: Awaited<ReturnType<typeof opsTestDeps>>;
beforeEach(async () => {
  kit = await opsTestDeps();
});
afterEach(() => kit.dispose());

async function data(): Promise<ShiftData> {
  const { db } = kit.deps;
  return {
    shifts: await storeDocsOfType(db, 'shift'),
    closes: await storeDocsOfType(db, 'close'),
    cashEvents: await storeDocsOfType(db, 'cash-event'),
    orders: await storeDocsOfType(db, 'order'),
  };
}

describe('shift and close at the till', () => {
  it('opens, records a drop, closes with a variance, prints the Z and locks the business day', async () => {
    const { deps, host } = kit;
    const shift = await openShift(deps, { float: eur(15000), openedBy: 'u1', timeZone: 'Europe/Paris' });
    expect(shift.businessDate).toBe('2026-11-23');
    await recordCashEvent(deps, {
      shift,
      kind: 'cash-in',
      amount: eur(2000),
      reason: 'change',
      userId: 'u1',
    });
    await recordCashEvent(deps, { shift, kind: 'drop', amount: eur(10000), reason: 'safe', userId: 'u1' });
    // A cash sale at this till written without a shift id still counts (7.50 into the drawer).
    const sale = {
      ...(exampleOrder as unknown as OrderDoc),
      id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A0Q',
      terminalId: 's001-t01',
      shiftId: undefined,
      createdAt: new Date(deps.now().getTime()).toISOString(),
      tenders: [
        { tenderId: 't1', type: 'cash' as const, amount: eur(1050), tendered: eur(2000), change: eur(1250) },
      ],
    };
    delete (sale as Partial<OrderDoc>).shiftId;
    await deps.db.store.insert(sale);
    // expected cash = 150 + 20 − 100 + 7.50 = 77.50; counted 2×20 + 3×10 + 5 = 75.00
    const done = await closeShiftAt(deps, {
      shift,
      data: await data(),
      counted: {
        cash: [
          { denomination: 2000, count: 2 },
          { denomination: 1000, count: 3 },
          { denomination: 500, count: 1 },
        ],
      },
      closedBy: 'u1',
      approvedBy: 'm1',
      note: 'short by 2.50, coin miscount',
      storeName: 'Paris Rivoli',
    });
    const cash = done.close.tenders.find((t) => t.tenderType === 'cash');
    expect(cash).toEqual({
      tenderType: 'cash',
      expected: eur(7750),
      counted: eur(7500),
      variance: eur(-250),
    });
    expect(done.close).toMatchObject({
      zNumber: 1,
      approvedBy: 'm1',
      orderCount: 1,
      businessDate: '2026-11-23',
    });
    expect(validateDocument(done.close)).toMatchObject({ ok: true });
    expect(done.printed).toEqual({ ok: true });
    const print = host.calls.find((c) => c.method === 'printer.print')?.request as {
      blocks: { text?: string }[];
    };
    const text = print.blocks.map((b) => b.text ?? '').join('\n');
    expect(text).toContain('Z REPORT #1');
    expect(text).toMatch(/Variance cash\s+-€2\.50/);
    const stored = await storeDocsOfType<CloseDoc>(deps.db, 'close');
    expect(stored.map((c) => c.id)).toEqual([done.close.id]);
    const audit = await storeDocsOfType<{ kind: string; approvedBy: string }>(deps.db, 'audit-event');
    expect(audit).toMatchObject([{ kind: 'close-approved', approvedBy: 'm1' }]);
    const after = await data();
    expect(
      tillState({
        terminalId: 's001-t01',
        shifts: after.shifts,
        closes: after.closes,
        businessDate: '2026-11-23',
      }).kind,
    ).toBe('day-closed');
  });

  it('keeps the close when the printer fails, and says why', async () => {
    const { deps, host } = kit;
    const shift = await openShift(deps, { float: eur(0), openedBy: 'u1', timeZone: 'UTC' });
    host.failPrintWith = 'paper out';
    const done = await closeShiftAt(deps, {
      shift,
      data: await data(),
      counted: { cash: [] },
      closedBy: 'u1',
      approvedBy: 'm1',
      storeName: 'S',
    });
    expect(done.printed).toEqual({ ok: false, reason: 'paper out' });
    expect((await storeDocsOfType(deps.db, 'close')).length).toBe(1);
  });
});
