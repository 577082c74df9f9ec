import type { CashEventDoc, CloseDoc, OrderDoc, ShiftDoc } from '@store-os/shared';
import { combineLatest, type Observable } from 'rxjs';
import { map } from 'rxjs';
import type { TerminalDatabase } from '../../db/terminal-database';
import { storeDocsOfType$ } from '../common/store-docs';

/** The store documents a till's shift screen reads. */
export interface ShiftData {
  readonly shifts: readonly ShiftDoc[];
  readonly closes: readonly CloseDoc[];
  readonly cashEvents: readonly CashEventDoc[];
  readonly orders: readonly OrderDoc[];
}

/** Shifts, closes, cash events and orders of the store, live. */
export function shiftData$(db: TerminalDatabase): Observable<ShiftData> {
  return combineLatest([
    storeDocsOfType$<ShiftDoc>(db, 'shift'),
    storeDocsOfType$<CloseDoc>(db, 'close'),
    storeDocsOfType$<CashEventDoc>(db, 'cash-event'),
    storeDocsOfType$<OrderDoc>(db, 'order'),
  ]).pipe(map(([shifts, closes, cashEvents, orders]) => ({ shifts, closes, cashEvents, orders })));
}
