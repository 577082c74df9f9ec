import { documentExamples, type CloseDoc, type ShiftDoc, type TillState } from '@store-os/shared';
import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { saleActivityOf, type SaleActivity } from '../sell/open-sale';
import type { TillDocs } from '../sell/use-till';
import { installWindow, installWindow$, reportInstallWindow, type InstallWindow } from './install-window';

const shift = { ...(documentExamples.shift as ShiftDoc), createdAt: '2026-12-06T07:00:00.000Z' };
const close = {
  ...(documentExamples.close as CloseDoc),
  shiftId: shift.id,
  businessDate: '2026-12-06',
  createdAt: '2026-12-06T19:00:00.000Z',
};
const EMPTY: SaleActivity = { lines: 0, paying: false };
const NO_DOCS: TillDocs = { shifts: [], closes: [] };
const noShift: TillState = { kind: 'no-shift' };
const open: TillState = { kind: 'open', shift };
const dayClosed: TillState = { kind: 'day-closed', close, businessDate: '2026-12-06' };

describe('installWindow (what the updater is told)', () => {
  it('calls a sale in progress when the open sale has lines or is being paid', () => {
    expect(installWindow(EMPTY, noShift).saleInProgress).toBe(false);
    expect(installWindow({ lines: 2, paying: false }, noShift).saleInProgress).toBe(true);
    expect(installWindow({ lines: 1, paying: true }, noShift).saleInProgress).toBe(true);
    // A payment under way counts even if the cart were emptied under it.
    expect(installWindow({ lines: 0, paying: true }, noShift).saleInProgress).toBe(true);
  });

  it('allows a restart with no shift open or the business day closed, never during an open shift', () => {
    expect(installWindow(EMPTY, noShift)).toEqual({ saleInProgress: false, installAllowed: true });
    expect(installWindow(EMPTY, dayClosed)).toEqual({ saleInProgress: false, installAllowed: true });
    expect(installWindow(EMPTY, open)).toEqual({ saleInProgress: false, installAllowed: false });
    expect(installWindow({ lines: 3, paying: false }, open)).toEqual({
      saleInProgress: true,
      installAllowed: false,
    });
  });
});

describe('reportInstallWindow (the session gate tells the host on every change)', () => {
  const harness = () => {
    const sale$ = new BehaviorSubject<SaleActivity>(EMPTY);
    const till$ = new BehaviorSubject<TillDocs>(NO_DOCS);
    const sent: InstallWindow[] = [];
    const errors: unknown[] = [];
    let fail = false;
    const host = {
      invoke: (method: string, request: unknown) => {
        expect(method).toBe('terminal.activity');
        if (fail) return Promise.reject(new Error('host gone'));
        sent.push(request as InstallWindow);
        return Promise.resolve({});
      },
    } as Parameters<typeof reportInstallWindow>[0];
    const window$ = installWindow$(sale$, till$, shift.terminalId, () => Date.parse('2026-12-06T12:00:00Z'));
    const subscription = reportInstallWindow(host, window$, (e) => errors.push(e));
    return {
      sale$,
      till$,
      sent,
      errors,
      subscription,
      failNext: (value: boolean) => (fail = value),
    };
  };
  const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

  it('sends the state at once, then each sale start, payment, completion and shift change', () => {
    const { sale$, till$, sent, subscription } = harness();
    expect(sent).toEqual([{ saleInProgress: false, installAllowed: true }]);

    till$.next({ shifts: [shift], closes: [] }); // a shift opens at this till
    sale$.next({ lines: 1, paying: false }); // the first item is scanned
    sale$.next({ lines: 2, paying: false }); // a second one: nothing new to say
    sale$.next({ lines: 2, paying: true }); // payment begins: still in progress, not resent
    sale$.next(EMPTY); // the sale completes (or is voided)
    till$.next({ shifts: [shift], closes: [close] }); // the Z close ends the shift and the day
    expect(sent).toEqual([
      { saleInProgress: false, installAllowed: true },
      { saleInProgress: false, installAllowed: false },
      { saleInProgress: true, installAllowed: false },
      { saleInProgress: false, installAllowed: false },
      { saleInProgress: false, installAllowed: true },
    ]);
    subscription.unsubscribe();
    sale$.next({ lines: 1, paying: false });
    expect(sent).toHaveLength(5);
  });

  it("ignores another till's shift", () => {
    const { till$, sent, subscription } = harness();
    till$.next({ shifts: [{ ...shift, id: 'shift-other', terminalId: 's001-t99' }], closes: [] });
    expect(sent).toEqual([{ saleInProgress: false, installAllowed: true }]);
    subscription.unsubscribe();
  });

  it('reports a refused send and keeps telling the host later changes', async () => {
    const { sale$, sent, errors, subscription, failNext } = harness();
    failNext(true);
    sale$.next({ lines: 1, paying: false });
    await flush();
    expect(errors).toHaveLength(1);
    failNext(false);
    sale$.next(EMPTY);
    expect(sent).toEqual([
      { saleInProgress: false, installAllowed: true },
      { saleInProgress: false, installAllowed: true },
    ]);
    subscription.unsubscribe();
  });
});

describe('saleActivityOf', () => {
  it('keeps one live sale activity per terminal, empty at start', () => {
    const terminal = {};
    expect(saleActivityOf(terminal).value).toEqual(EMPTY);
    saleActivityOf(terminal).next({ lines: 1, paying: false });
    expect(saleActivityOf(terminal).value).toEqual({ lines: 1, paying: false });
    expect(saleActivityOf({}).value).toEqual(EMPTY);
  });
});
