import type { CloseDoc, ShiftDoc, TillState } from '@store-os/shared';
import { useMemo } from 'react';
import { map, type Observable } from 'rxjs';
import type { TerminalContext } from '../app/start-terminal';
import { useObservable } from '../app/use-observable';
import { tillOf } from './till-lock';

export interface TillDocs {
  readonly shifts: ShiftDoc[];
  readonly closes: CloseDoc[];
}

/** This till's shift and close documents, live: written here or replicated in. */
export function tillDocs$(context: Pick<TerminalContext, 'db' | 'info'>): Observable<TillDocs> {
  return context.db.store
    .find({ selector: { type: { $in: ['shift', 'close'] }, terminalId: context.info.terminalId } })
    .$.pipe(
      map((found): TillDocs => {
        const all = found.map((d) => d.toJSON() as unknown as { type: string });
        return {
          shifts: all.filter((d) => d.type === 'shift') as unknown as ShiftDoc[],
          closes: all.filter((d) => d.type === 'close') as unknown as CloseDoc[],
        };
      }),
    );
}

/**
 * This till's state, live: shifts and closes written here or replicated in (a close signed off on the
 * shift screen locks the sell screen at once); undefined until the documents are read, so a till with a
 * shift never looks shiftless for a moment. The business day is taken at each render.
 */
export function useTill(context: TerminalContext, timeZone: string): TillState | undefined {
  const docs$ = useMemo(() => tillDocs$(context), [context]);
  const docs = useObservable<TillDocs | undefined>(docs$, undefined);
  if (docs === undefined) return undefined;
  return tillOf({
    terminalId: context.info.terminalId,
    ...docs,
    nowMs: Date.now(),
    timeZone,
  });
}
