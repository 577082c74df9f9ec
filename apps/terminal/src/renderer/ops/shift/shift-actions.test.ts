import {
  tillState,
  validateDocument,
  type CashEventDoc,
  type CloseDoc,
  type OrderDoc,
} from '@store-os/shared';
import { exampleOrder } from '@store-os/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { opsTestDeps } from '../common/ops-test-kit';
import { storeDocsOfType } from '../common/store-docs';
import { closeShiftAt, openShift, printXReport, recordCashEvent, xReportFigures } from './shift-actions';
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

  it('refuses a cash movement without a reason, a cash out without a manager, a non-positive amount', async () => {
    const { deps } = kit;
    const shift = await openShift(deps, { float: eur(5000), openedBy: 'u1', timeZone: 'UTC' });
    const base = { shift, userId: 'u1', amount: eur(1000), reason: 'bank' };
    await expect(recordCashEvent(deps, { ...base, kind: 'cash-out' })).rejects.toThrow(
      /Cash out needs a manager/,
    );
    await expect(recordCashEvent(deps, { ...base, kind: 'drop', reason: '  ' })).rejects.toThrow(
      /Give a reason for the drop/,
    );
    await expect(recordCashEvent(deps, { ...base, kind: 'cash-in', amount: eur(0) })).rejects.toThrow(
      /positive amount/,
    );
    await expect(
      recordCashEvent(deps, { ...base, kind: 'cash-in', amount: { amount: 100, currency: 'USD' } }),
    ).rejects.toThrow(/counts EUR/);
    expect(await storeDocsOfType(deps.db, 'cash-event')).toEqual([]);
    const host = kit.host.calls.filter((c) => c.method === 'drawer.open');
    expect(host).toEqual([]);
    // With the manager's approval the cash out is a fact, approver recorded, and the drawer opens.
    const { event: out, drawerProblem } = await recordCashEvent(deps, {
      ...base,
      kind: 'cash-out',
      approvedBy: 'm1',
    });
    expect(drawerProblem).toBe('');
    expect(out).toMatchObject({ kind: 'cash-out', approvedBy: 'm1', reason: 'bank', amount: eur(1000) });
    expect(validateDocument(out)).toMatchObject({ ok: true });
    expect(kit.host.calls.filter((c) => c.method === 'drawer.open')).toHaveLength(1);
    // A drawer that does not open leaves the fact recorded and says so.
    kit.host.failDrawerWith = 'drawer not connected';
    const drop = await recordCashEvent(deps, { ...base, kind: 'drop', reason: 'safe' });
    expect(drop.drawerProblem).toBe(' Drawer did not open: drawer not connected; open it by key.');
    expect((await storeDocsOfType<CashEventDoc>(deps.db, 'cash-event')).map((e) => e.id)).toContain(
      drop.event.id,
    );
  });

  it('X report at any time: expected per tender so far on the printer, writing nothing', async () => {
    const { deps, host } = kit;
    const shift = await openShift(deps, { float: eur(10000), openedBy: 'u1', timeZone: 'UTC' });
    await recordCashEvent(deps, {
      shift,
      kind: 'cash-out',
      amount: eur(1500),
      reason: 'supplier',
      userId: 'u1',
      approvedBy: 'm1',
    });
    const sale = {
      ...(exampleOrder as unknown as OrderDoc),
      id: 's001-t01-01JD5Z8Q2W3E4R5T6Y7V8X9A1Q',
      terminalId: 's001-t01',
      shiftId: shift.id,
      createdAt: new Date(deps.now().getTime()).toISOString(),
    };
    await deps.db.store.insert(sale);
    const before = (await deps.db.store.find().exec()).length;
    const figures = xReportFigures(shift, await data());
    // float 100 − 15 cash out + 0.50 cash of the example sale; the card's 10.00 is expected too.
    expect(figures.tenders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tenderType: 'cash', expected: eur(8550) }),
        expect.objectContaining({ tenderType: 'card', expected: eur(1000) }),
      ]),
    );
    const printed = await printXReport(deps, { shift, data: await data(), storeName: 'Paris Rivoli' });
    const call = host.calls.find((c) => c.method === 'printer.print')?.request as {
      jobId: string;
      blocks: { text?: string }[];
    };
    expect(call.jobId).toBe(printed.jobId);
    const text = call.blocks.map((b) => b.text ?? '').join('\n');
    expect(text).toContain('X REPORT');
    expect(text).toMatch(/Cash out\s+€15\.00/);
    expect(text).toMatch(/Expected cash\s+€85\.50/);
    expect(text).not.toContain('Variance');
    // An X report changes nothing: no close, no document written, the shift still open.
    expect((await deps.db.store.find().exec()).length).toBe(before);
    const after = await data();
    expect(
      tillState({
        terminalId: 's001-t01',
        shifts: after.shifts,
        closes: after.closes,
        businessDate: shift.businessDate ?? '',
      }).kind,
    ).toBe('open');
  });

  it('refuses a close with a variance above 5.00 and no reason, or without a sign-off; writes nothing', async () => {
    const { deps } = kit;
    const shift = await openShift(deps, { float: eur(10000), openedBy: 'u1', timeZone: 'UTC' });
    const short = { cash: [{ denomination: 5000, count: 1 }] }; // 50.00 counted, 100.00 expected
    const close = { shift, counted: short, closedBy: 'u1', storeName: 'S' };
    await expect(closeShiftAt(deps, { ...close, data: await data(), approvedBy: 'm1' })).rejects.toThrow(
      /Explain the cash variance/,
    );
    await expect(
      closeShiftAt(deps, { ...close, data: await data(), approvedBy: ' ', note: 'miscount' }),
    ).rejects.toThrow(/manager signs the close off/);
    expect(await storeDocsOfType(deps.db, 'close')).toEqual([]);
    expect(await storeDocsOfType(deps.db, 'audit-event')).toEqual([]);
    expect(kit.host.calls.filter((c) => c.method === 'printer.print')).toEqual([]);
    // 5.00 exactly needs no reason (strictly above the threshold does).
    const within = await closeShiftAt(deps, {
      ...close,
      counted: {
        cash: [
          { denomination: 5000, count: 1 },
          { denomination: 2000, count: 2 },
          { denomination: 500, count: 1 },
        ],
      },
      data: await data(),
      approvedBy: 'm1',
    });
    expect(within.close.tenders[0]).toMatchObject({ tenderType: 'cash', variance: eur(-500) });
  });
});
